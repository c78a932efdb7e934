import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../../src-shared/connections';
import { Snapshot } from '../../src-shared/contract';
import { openCore, type Core } from '../../src-main/core/core';
import { checkFetch, guardRecords } from '../../src-main/core/connections/record-guard';
import type { ProviderFetch } from '../../src-main/core/providers/provider';
import { createWhautomateProvider } from '../../src-main/core/providers/whautomate/whautomate-provider';
import { WHAUTOMATE_SIM_KEY, WhautomateSimulator } from '../simulators/whautomate-simulator';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { value } from '../support/command-answer';

const now = new Date('2026-11-23T10:00:00.000Z');
const long = (n: number) => 'x'.repeat(n);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A host on 127.0.0.1 that answers every request with a JSON list that never ends. */
async function endlessHost(): Promise<string> {
  const chunk = Buffer.from('{"id":"cls"},'.repeat(5000));
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":[');
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
    };
    response.on('drain', pump);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function whautomateSimulator(): Promise<{ sim: WhautomateSimulator; baseUrl: string }> {
  const sim = new WhautomateSimulator({ now });
  const baseUrl = await sim.start();
  cleanups.push(() => sim.stop());
  return { sim, baseUrl };
}

async function core(): Promise<Core> {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-limits-'));
  const opened = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [new ScriptedStudio(now, 'demo')],
    // The real Whautomate adapter, with its pacing lifted so the test does not sit out a minute.
    createProvider: (_kind, context) =>
      createWhautomateProvider({ ...context, http: { timeoutMs: 20_000, retry: { limit: 1, baseDelayMs: 5 } } }, { requestsPerMinute: 60_000 }),
    clock: () => now,
    syncIntervalMs: 0,
    log: () => {},
  });
  cleanups.push(() => opened.close());
  return opened;
}

const connection = (id: string, baseUrl: string) => ({
  settings: { id, provider: 'whautomate', label: id, baseUrl },
  apiKey: WHAUTOMATE_SIM_KEY,
});

describe('input limits at the core', () => {
  it('fails only the connection whose provider sends an endless answer, with words the desk shows; the other syncs', async () => {
    const { baseUrl } = await whautomateSimulator();
    const desk = await core();
    value(await desk.handle('saveConnection', connection('endless', await endlessHost())));
    value(await desk.handle('saveConnection', connection('fine', baseUrl)));
    await desk.handle('syncNow', {});
    const connections = Connection.array().parse(value(await desk.handle('listConnections', {})));
    const health = (id: string) => connections.find((c) => c.id === id)?.health;
    expect(health('endless')).toMatchObject({ state: 'failing', lastError: { code: 'provider_answer_too_large', params: expect.objectContaining({ kilobytes: 50 * 1024 }) } });
    expect(health('fine')).toMatchObject({ state: 'ok', rejectedRecords: 0 });
    const snapshot = Snapshot.parse(value(await desk.handle('getSnapshot', {})));
    const fineSessions = snapshot.records.sessions.filter((s) => s.connectionId === 'fine');
    expect(fineSessions.map((s) => s.id)).toContain('fine:session:cls-lon-20261123-1800');
    expect(fineSessions.length).toBeGreaterThan(10);
  }, 30_000);

  it('skips and reports a record with an overlong field from a real adapter, and keeps the rest of the page', async () => {
    const { sim, baseUrl } = await whautomateSimulator();
    sim.addClass({ id: `cls-${long(300)}`, date: '2026-11-24', time: '07:00' });
    sim.addMalformedParticipant('cls-lon-20261123-1800', { id: 'par-long', client: { id: 'cli_long', fullName: long(500) }, status: 'BOOKED' });
    const desk = await core();
    value(await desk.handle('saveConnection', connection('studio', baseUrl)));
    await desk.handle('syncNow', {});
    const [studio] = Connection.array().parse(value(await desk.handle('listConnections', {})));
    expect(studio?.health).toMatchObject({ state: 'ok', rejectedRecords: 2 });
    const snapshot = Snapshot.parse(value(await desk.handle('getSnapshot', {})));
    expect(snapshot.records.sessions.some((s) => s.id.includes(long(300)))).toBe(false);
    expect(snapshot.records.sessions.some((s) => s.id === 'studio:session:cls-lon-20261123-1800')).toBe(true);
    expect(snapshot.records.members.some((m) => m.id.endsWith('cli_long'))).toBe(false);
    expect(snapshot.records.members.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('the record guard', () => {
  const fetched = (): ProviderFetch => {
    const studio = new ScriptedStudio(now, 'c');
    return { records: structuredClone(studio.records), issues: [{ table: 'bookings', sourceId: 'b0', message: 'the adapter said so' }] };
  };

  it('passes a fetch that fits as it is', () => {
    const fetch = { ...fetched(), issues: [] };
    expect(checkFetch(fetch, 'Studio')).toBe(fetch);
  });

  it('drops each record that does not fit, with a report that names the field, and a class takes its bookings along', () => {
    const fetch = fetched();
    const [first, second] = fetch.records.sessions;
    fetch.records.sessions[0] = { ...first!, title: long(201) };
    fetch.records.members[0] = { ...fetch.records.members[0]!, barcode: long(5000) };
    fetch.unreadRosters = [first!.id, second!.id];
    const checked = checkFetch(fetch, 'Studio');
    expect(checked.issues).toEqual([
      { table: 'bookings', sourceId: 'b0', message: 'the adapter said so' },
      { table: 'sessions', sourceId: first!.id, message: 'Studio sent a class Classdesk cannot keep: title is longer than 200 characters' },
      { table: 'members', sourceId: fetch.records.members[0]!.id, message: expect.stringContaining('barcode is longer than 200 characters') },
    ]);
    expect(checked.records.sessions.map((s) => s.id)).not.toContain(first!.id);
    expect(checked.records.sessions).toHaveLength(fetch.records.sessions.length - 1);
    expect(checked.records.bookings.some((b) => b.sessionId === first!.id)).toBe(false);
    expect(checked.records.bookings.some((b) => b.sessionId === second!.id)).toBe(true);
    expect(checked.unreadRosters).toEqual([second!.id]);
  });

  it('drops the classes of a location that does not fit, and keeps a long id out of the report', () => {
    const fetch = fetched();
    const location = fetch.records.locations[0]!;
    fetch.records.locations[0] = { ...location, name: long(201) };
    fetch.records.instructors.push({ id: long(400), connectionId: 'c', name: 'Too long an id' });
    const checked = checkFetch(fetch, 'Studio');
    expect(checked.records.locations).toHaveLength(0);
    expect(checked.records.sessions.filter((s) => s.locationId === location.id)).toHaveLength(0);
    expect(checked.issues.filter((i) => i.message.includes('its location could not be read')).length).toBe(fetch.records.sessions.length);
    const instructorIssue = checked.issues.find((i) => i.table === 'instructors');
    expect(instructorIssue?.sourceId?.length).toBeLessThan(100);
  });

  it('checks member lookups too, and leaves the rest of the adapter as it is', async () => {
    const studio = new ScriptedStudio(now, 'c');
    const [fits, tooLong] = studio.records.members;
    studio.records.members[1] = { ...tooLong!, lastName: long(201) };
    Object.assign(studio, { searchMembers: async () => studio.records.members });
    const guarded = guardRecords(studio, 'Studio');
    const found = await guarded.searchMembers?.('a');
    expect(found).toContainEqual(fits);
    expect(found?.map((m) => m.id)).not.toContain(tooLong!.id);
    expect(found).toHaveLength(studio.records.members.length - 1);
    expect(await guarded.findMemberByBarcode?.(tooLong!.barcode!)).toBeUndefined();
    expect(await guarded.findMemberByBarcode?.(fits!.barcode!)).toEqual(fits);
    expect(guarded.connectionId).toBe('c');
    expect(guarded.capabilities).toBe(studio.capabilities);
    // Methods run on the adapter itself, so its own state is the one that changes.
    const booking = studio.records.bookings.find((b) => b.status === 'booked')!;
    await guarded.checkIn?.({ actionId: 'a-1', bookingId: booking.id });
    expect(studio.applied).toEqual(['a-1']);
  });
});
