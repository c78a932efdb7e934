import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../src-shared/contract';
import { ChangeSet, CheckInByBarcodeResult, Snapshot } from '../../src-shared/contract';
import { DeskAction } from '../../src-shared/domain';
import type { Core } from '../../src-main/core/core';
import { ProviderError } from '../../src-main/core/provider-error';
import { storeFileName } from '../../src-main/core/store/store-opening';
import { openScriptedCore } from '../support/scripted-core';
import { ScriptedStudio } from '../support/scripted-studio';
import { value } from '../support/command-answer';

const morning = new Date('2026-11-23T09:00:00.000Z');
const opened: Core[] = [];

async function start(studio = new ScriptedStudio(morning), dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'classdesk-core-')));
  const core = await openScriptedCore(dir, studio, () => morning);
  opened.push(core);
  const events: DeskEvent[] = [];
  core.subscribe((event) => events.push(event));
  return { core, studio, dir, events };
}


afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

/** Reads the store file with a connection of its own, as another process would after a crash. */
function storedRows(dir: string, table: string): unknown[] {
  const db = new DatabaseSync(join(dir, storeFileName), { readOnly: true });
  try {
    const rows = db.prepare('SELECT body FROM records WHERE tbl = ? AND body IS NOT NULL ORDER BY first_seq').all(table) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as unknown);
  } finally {
    db.close();
  }
}
const storedActions = (dir: string) => storedRows(dir, 'deskActions').map((row) => DeskAction.parse(row));
const storedRow = (dir: string, table: string, id: string) => storedRows(dir, table).find((row) => (row as { id: string }).id === id);

describe('contract validation', () => {
  it.each([
    ['unknown command', 'dropTables', {}],
    ['missing fields', 'checkIn', {}],
    ['action id that is not a UUID', 'checkIn', { actionId: 'abc', bookingId: 'b-1' }],
    ['wrong type', 'checkIn', { actionId: randomUUID(), bookingId: 42 }],
    ['extra field', 'hello', { admin: true }],
    ['barcode with spaces and symbols', 'checkInByBarcode', { actionId: randomUUID(), barcode: '12 34;', locationId: 'loc-1' }],
    ['not an object', 'getSnapshot', 'please'],
  ])('answers %s with invalid_input and acts on nothing', async (_label, command, input) => {
    const { core, studio } = await start();
    const result = await core.handle(command, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      // zod's own complaint goes as the detail; an unknown command is named as such.
      expect(result.error.message.code).toBe(command === 'dropTables' ? 'unknown_command' : 'invalid_input');
    }
    expect(studio.applied).toEqual([]);
  });
});

describe('publishing', () => {
  it('serves a snapshot of what the provider has', async () => {
    const { core } = await start();
    const snapshot = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    expect(snapshot.records.sessions.map((s) => s.id).sort()).toEqual(['s-later', 's-now']);
    expect(snapshot.records.bookings).toHaveLength(2);
  });

  it('sends nothing when a pass finds nothing new', async () => {
    const { core, studio, events } = await start();
    const before = studio.fetches;
    await core.handle('syncNow', {});
    await core.handle('syncNow', {});
    expect(studio.fetches).toBeGreaterThan(before);
    expect(events).toEqual([]);
  });

  it('sends only what changed upstream, and removals', async () => {
    const { core, studio, events } = await start();
    const before = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    studio.records.sessions[1]!.booked = 7;
    studio.records.bookings = studio.records.bookings.filter((b) => b.id !== 'b-1');
    await core.handle('syncNow', {});
    const changes = events.filter((e) => e.name === 'changes').map((e) => ChangeSet.parse(e.payload));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.seq).toBe(before.seq + 1);
    expect(changes[0]!.upserts).toEqual({ sessions: [expect.objectContaining({ id: 's-later', booked: 7 })] });
    expect(changes[0]!.removals).toEqual({ bookings: ['b-1'] });
  });

  it('keeps the last good data and says offline when the provider fails', async () => {
    const { core, studio, events } = await start();
    studio.failure = new Error('ECONNRESET');
    const status = value<{ connection: string }>(await core.handle('syncNow', {}));
    expect(status.connection).toBe('offline');
    const snapshot = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    expect(snapshot.records.sessions).toHaveLength(2);
    expect(events.some((e) => e.name === 'changes' && e.payload.removals.sessions)).toBe(false);
  });
});

describe('desk actions', () => {
  it('journals a check-in, confirms it and publishes the booking', async () => {
    const { core, studio, dir, events } = await start();
    const actionId = randomUUID();
    const action = DeskAction.parse(value(await core.handle('checkIn', { actionId, bookingId: 'b-1' })));
    expect(action).toMatchObject({ id: actionId, state: 'confirmed', kind: 'check_in' });
    expect(studio.applied).toEqual([actionId]);
    // On disk, read through a connection of its own: the action in its last state, and the booking it changed.
    expect(storedActions(dir)).toEqual([expect.objectContaining({ id: actionId, state: 'confirmed', kind: 'check_in', bookingId: 'b-1' })]);
    expect(storedRow(dir, 'bookings', 'b-1')).toMatchObject({ status: 'checked_in' });
    const published = events.flatMap((e) => (e.name === 'changes' ? (e.payload.upserts.bookings ?? []) : []));
    expect(published).toContainEqual(expect.objectContaining({ id: 'b-1', status: 'checked_in' }));
  });

  it('applies the same action id once, even across a restart', async () => {
    const first = await start();
    const actionId = randomUUID();
    await first.core.handle('checkIn', { actionId, bookingId: 'b-1' });
    await first.core.close();
    opened.splice(opened.indexOf(first.core), 1);
    const again = await start(first.studio, first.dir);
    const repeated = DeskAction.parse(value(await again.core.handle('checkIn', { actionId, bookingId: 'b-1' })));
    expect(repeated.state).toBe('confirmed');
    expect(first.studio.applied).toEqual([actionId]);
    const snapshot = Snapshot.parse(value(await again.core.handle('getSnapshot', {})));
    expect(snapshot.records.deskActions.map((a) => a.id)).toEqual([actionId]);
  });

  it('rejects with the provider reason when the provider says no', async () => {
    const { core } = await start();
    const action = DeskAction.parse(value(await core.handle('undoCheckIn', { actionId: randomUUID(), bookingId: 'b-1' })));
    expect(action.state).toBe('rejected');
    // The provider's own words (a test double's), carried as the detail of the code for them.
    expect(action.error).toEqual({ code: 'provider_said', params: { detail: 'The booking is booked, not checked_in.' } });
  });

  it('keeps an action accepted while the provider is unreachable and sends it when it answers', async () => {
    const { core, studio } = await start();
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    const actionId = randomUUID();
    const action = DeskAction.parse(value(await core.handle('checkIn', { actionId, bookingId: 'b-1' })));
    expect(action.state).toBe('accepted');
    const offline = value<{ pendingActions: number }>(await core.handle('syncNow', {}));
    expect(offline.pendingActions).toBe(1);
    studio.failure = undefined;
    const online = value<{ pendingActions: number }>(await core.handle('syncNow', {}));
    expect(online.pendingActions).toBe(0);
    expect(studio.applied).toEqual([actionId]);
  });

  it('answers not_found for a booking that is not on any roster', async () => {
    const { core } = await start();
    const result = await core.handle('cancelBooking', { actionId: randomUUID(), bookingId: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('has an action on disk as accepted before the provider has answered', async () => {
    const { core, studio, dir } = await start();
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    const actionId = randomUUID();
    await core.handle('checkIn', { actionId, bookingId: 'b-1' });
    expect(storedActions(dir)).toEqual([expect.objectContaining({ id: actionId, state: 'accepted' })]);
    // The booking is untouched until the provider says it changed.
    expect(storedRow(dir, 'bookings', 'b-1')).toMatchObject({ status: 'booked' });
  });
});

describe('check-in by barcode', () => {
  const scan = (core: Core, barcode: string) =>
    core.handle('checkInByBarcode', { actionId: randomUUID(), barcode, locationId: 'loc-1' });

  it('checks a member into the class running now', async () => {
    const { core } = await start();
    const result = value<{ outcome: string; session: { id: string }; action: { state: string } }>(
      await scan(core, '1000000000001'),
    );
    expect(result).toMatchObject({ outcome: 'check_in', session: { id: 's-now' }, action: { state: 'confirmed' } });
    const second = value<{ outcome: string }>(await scan(core, '1000000000001'));
    expect(second.outcome).toBe('already_checked_in');
  });

  it('answers a scan for a class whose check-in is not open yet with a code, journaling nothing', async () => {
    const { core, studio } = await start();
    // s-later starts at 11:00; the desk's default window opens an hour before.
    const result = value(await scan(core, '1000000000002'));
    expect(CheckInByBarcodeResult.parse(result)).toMatchObject({
      outcome: 'refused',
      session: { id: 's-later' },
      reason: { code: 'checkin_not_open_yet', params: { session: 'Yoga', opensAt: '2026-11-23T10:00:00.000Z' } },
    });
    expect(studio.applied).toEqual([]);
    expect(Snapshot.parse(value(await core.handle('getSnapshot', {}))).records.deskActions).toEqual([]);
  });

  it('checks a member into their next class later today once its check-in is open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classdesk-core-'));
    const core = await openScriptedCore(dir, new ScriptedStudio(morning), () => new Date('2026-11-23T10:15:00.000Z'));
    opened.push(core);
    const result = value<{ outcome: string; session: { id: string } }>(await scan(core, '1000000000002'));
    expect(result).toMatchObject({ outcome: 'check_in', session: { id: 's-later' } });
  });

  it('says so when the member has no booking, or the code is unknown', async () => {
    const { core } = await start();
    expect(value<{ outcome: string }>(await scan(core, '1000000000003')).outcome).toBe('no_booking');
    expect(value<{ outcome: string }>(await scan(core, '999')).outcome).toBe('unknown_barcode');
  });
});
