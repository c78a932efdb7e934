import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../../../src-shared/connections';
import { Snapshot, type CheckInByBarcodeResult, type Hello } from '../../../src-shared/contract';
import { openCore, type Core } from '../../../src-main/core/core';
import { value } from '../../support/command-answer';
import { ScriptedStudio } from '../../support/scripted-studio';
import { testCredentials } from '../../support/test-credentials';

const morning = new Date('2026-11-23T09:00:00.000Z');
const settings = { id: 'front', provider: 'zenoti', label: 'Zenoti Front', scopeId: 'center-1', timeZone: 'UTC' };
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

/** A core whose one real connection is `studio`, the same object across restarts, so its counts carry over. */
async function start(dir: string, studio: ScriptedStudio, now = morning) {
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: [new ScriptedStudio(now, 'demo')],
    createProvider: () => studio,
    clock: () => now,
    syncIntervalMs: 0,
    firstSyncWaitMs: 1_000,
    log: () => {},
  });
  opened.push(core);
  return core;
}

async function stop(core: Core) {
  await core.close();
  opened.splice(opened.indexOf(core), 1);
}

const snapshot = async (core: Core) => Snapshot.parse(value(await core.handle('getSnapshot', {})));
const hello = async (core: Core) => value<Hello>(await core.handle('hello', {}));
const connections = async (core: Core) => Connection.array().parse(value(await core.handle('listConnections', {})));

describe('a restart with the provider down', () => {
  it('serves the same data and health from the store, checks in by barcode, and sends the check-in once when the provider is back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classdesk-restart-'));
    const studio = new ScriptedStudio(morning, settings.id);
    const first = await start(dir, studio);
    await first.handle('saveConnection', { settings, apiKey: 'zk-live-4f1c9a7e1b2d' });
    await first.handle('syncNow', {});
    const before = await snapshot(first);
    expect(before.records.sessions.map((s) => s.id).sort()).toEqual(['front:s-later', 'front:s-now']);
    expect(before.records.members).toHaveLength(3);
    const [healthy] = await connections(first);
    expect(healthy?.health).toMatchObject({ state: 'ok', lastSyncAt: morning.toISOString() });
    await stop(first);

    studio.failure = new Error('ECONNREFUSED');
    const fetchesBefore = studio.fetches;
    const later = new Date(morning.getTime() + 20 * 60_000);
    const second = await start(dir, studio, later);
    expect(studio.fetches).toBeGreaterThan(fetchesBefore);

    const after = await snapshot(second);
    expect(after.store).toBe(before.store);
    expect(after.seq).toBe(before.seq);
    expect(after.covered).toEqual(['front']);
    for (const table of ['locations', 'classTypes', 'sessions', 'members', 'bookings'] as const) {
      expect(after.records[table]).toEqual(before.records[table]);
    }
    // Health: the last good sync survives the restart, and this run's failure is named beside it.
    const [failing] = await connections(second);
    expect(failing?.health).toMatchObject({ state: 'failing', lastSyncAt: morning.toISOString() });
    expect(failing?.health.lastError).toBeTruthy();
    const { status } = await hello(second);
    expect(status.connection).toBe('offline');
    expect(status.connections).toEqual([
      { id: 'front', label: 'Zenoti Front', state: 'failing', lastSyncAt: morning.toISOString(), failingSince: later.toISOString() },
    ]);

    // The member is found in the store (the provider answers nothing), the check-in waits.
    const actionId = randomUUID();
    const scan = value<CheckInByBarcodeResult>(
      await second.handle('checkInByBarcode', { actionId, barcode: '1000000000001', locationId: 'front:loc-1' }),
    );
    expect(scan).toMatchObject({ outcome: 'check_in', member: { id: 'front:m-1' }, session: { id: 'front:s-now' }, action: { id: actionId, state: 'accepted' } });
    expect((await hello(second)).status.pendingActions).toBe(1);
    expect(studio.applied).toEqual([]);

    // The provider answers again: the check-in reaches it once, however often the desk syncs.
    studio.failure = undefined;
    await second.handle('syncNow', {});
    await second.handle('syncNow', {});
    expect(studio.applied).toEqual([actionId]);
    expect(studio.calls.filter((call) => call.actionId === actionId).length).toBeGreaterThanOrEqual(1);
    const done = await snapshot(second);
    expect(done.records.deskActions).toEqual([expect.objectContaining({ id: actionId, state: 'confirmed' })]);
    expect(done.records.bookings.find((b) => b.id === 'front:b-1')?.status).toBe('checked_in');
    expect((await hello(second)).status).toMatchObject({ pendingActions: 0, connection: 'online' });

    // And after one more restart nothing is sent again.
    await stop(second);
    const third = await start(dir, studio, later);
    await third.handle('syncNow', {});
    expect(studio.applied).toEqual([actionId]);
  });
});
