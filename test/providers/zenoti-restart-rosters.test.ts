import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Provider, SyncWindow } from '../../src-main/core/providers/provider';
import { ZenotiIds } from '../../src-main/core/providers/zenoti/zenoti-ids';
import { createZenotiProvider } from '../../src-main/core/providers/zenoti/zenoti-provider';
import type { DeskStore } from '../../src-main/core/store/desk-store';
import { applyFetch } from '../../src-main/core/store/fetch-apply';
import { openStore } from '../../src-main/core/store/store-opening';
import type { SimRegistration } from '../simulators/zenoti-simulator-data';
import { ZENOTI_SIM_API_KEY, ZenotiSimulator } from '../simulators/zenoti-simulator';
import { instantOf } from '../simulators/zenoti-simulator-data';

/**
 * Zenoti's 60 calls a minute let a pass read only a few class lists, and a restarted adapter remembers
 * none. A list the adapter has not read is not an empty class: the session goes into `rostersNotRead`,
 * none of its bookings are given, and the store keeps the bookings it knew.
 */

const NOW = new Date('2026-11-23T15:00:00.000Z'); // 10:00 in New York
const http = { timeoutMs: 300, retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };
const ids = new ZenotiIds('zen-1');
const MINUTE = 60_000;
/** The adapter keeps to Zenoti's 60 calls a minute (a burst of 3, then about one a second). */
const PACED = 20_000;

let sim: ZenotiSimulator;
let baseUrl: string;
let now: Date;
const dirs: string[] = [];
const stores: DeskStore[] = [];

beforeEach(async () => {
  sim = new ZenotiSimulator({ now: NOW });
  now = sim.now;
  baseUrl = await sim.start();
});

afterEach(async () => {
  await sim.stop();
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new adapter instance: what the desk has after a restart, its memory of class lists empty. */
function zenoti(rosterFetchesPerSync: number): Provider {
  return createZenotiProvider(
    {
      settings: { id: 'zen-1', provider: 'zenoti', label: 'Zenoti Brooklyn', baseUrl, scopeId: sim.centerId, timeZone: sim.timeZone },
      apiKey: ZENOTI_SIM_API_KEY,
      clock: () => now,
      http,
    },
    { rosterFetchesPerSync },
  );
}

function realStore(): DeskStore {
  const dir = mkdtempSync(join(tmpdir(), 'classdesk-zenoti-rosters-'));
  dirs.push(dir);
  const { store, problem } = openStore(dir, () => now);
  if (problem) throw new Error(`a fresh store reported a problem: ${problem}`);
  stores.push(store);
  return store;
}

function localWindow(from: string, to: string): SyncWindow {
  return { from: new Date(instantOf(from, sim.timeZone)).toISOString(), to: new Date(instantOf(to, sim.timeZone)).toISOString() };
}

function sessionKey(simSessionId: number): string {
  const session = sim.session(simSessionId)!;
  return ids.session({ classId: String(session.classId), sessionId: String(session.id) });
}

function bookingKey(registration: SimRegistration): string {
  return ids.booking({ classId: String(registration.classId), sessionId: String(registration.sessionId), registrationId: String(registration.id) });
}

/** No seeded sessions start between 12:30 and 16:00 center-local; these four are the window's only ones. */
function afternoon() {
  const first = sim.addSession({ localStart: '2026-11-23T13:15:00' });
  const second = sim.addSession({ localStart: '2026-11-23T13:45:00' });
  const empty = sim.addSession({ localStart: '2026-11-23T14:00:00' });
  const third = sim.addSession({ localStart: '2026-11-23T14:15:00' });
  const registrations = {
    first: [sim.addRegistration(first.id, sim.guests[0]!.id), sim.addRegistration(first.id, sim.guests[1]!.id)],
    second: [sim.addRegistration(second.id, sim.guests[2]!.id), sim.addRegistration(second.id, sim.guests[3]!.id, 4)],
    third: [sim.addRegistration(third.id, sim.guests[4]!.id), sim.addRegistration(third.id, sim.guests[5]!.id, 3)],
  };
  const window = localWindow('2026-11-23T13:00:00', '2026-11-23T15:00:00');
  return { first, second, empty, third, registrations, window };
}

const rosterReads = () => sim.requests(/registrations$/, 'GET').map((r) => Number(r.query.get('session_id')));

describe('Zenoti class lists not read in a pass', () => {
  it('a fresh adapter lists the lists its budget left for later, gives none of their bookings, and stops listing each once read', async () => {
    const { first, second, empty, third, registrations, window } = afternoon();
    const provider = zenoti(1);
    const sessionsOf = (bookings: { sessionId: string }[]) => [...new Set(bookings.map((b) => b.sessionId))];

    const one = await provider.fetchWindow(window);
    expect(rosterReads()).toEqual([first.id]);
    expect(one.records.sessions.map((s) => s.id)).toEqual([first, second, empty, third].map((s) => sessionKey(s.id)));
    expect(one.incomplete).toBe(true);
    // Nobody is on the empty class (Zenoti's counts say so): its list is known, not left for later.
    expect(one.rostersNotRead).toEqual([sessionKey(second.id), sessionKey(third.id)]);
    expect(one.unreadRosters).toBeUndefined();
    expect(sessionsOf(one.records.bookings)).toEqual([sessionKey(first.id)]);

    const two = await provider.fetchWindow(window);
    expect(rosterReads()).toEqual([first.id, second.id]);
    expect(two.rostersNotRead).toEqual([sessionKey(third.id)]);
    expect(two.incomplete).toBe(true);
    expect(sessionsOf(two.records.bookings)).toEqual([sessionKey(first.id), sessionKey(second.id)]);

    const three = await provider.fetchWindow(window);
    expect(rosterReads()).toEqual([first.id, second.id, third.id]);
    expect(three.rostersNotRead).toBeUndefined();
    expect(three.incomplete).toBe(false);
    const all = [...registrations.first, ...registrations.second, ...registrations.third].map(bookingKey);
    expect(three.records.bookings.map((b) => b.id).sort()).toEqual(all.sort());

    // A list read earlier and kept in the adapter's memory is given, not listed, even when it is not re-read.
    now = new Date(NOW.getTime() + MINUTE);
    const four = await provider.fetchWindow(window);
    expect(rosterReads()).toHaveLength(3);
    expect(four.rostersNotRead).toBeUndefined();
    expect(four.records.bookings).toEqual(three.records.bookings);
  }, PACED);

  it('keeps a list Zenoti answered with an error among the unread rosters, not among those not read', async () => {
    const { first, second, third, window } = afternoon();
    sim.faults.requests.push({
      matches: (r) => r.method === 'GET' && r.path.endsWith('/registrations') && r.query.get('session_id') === String(first.id),
      status: 404,
      body: { error: { code: 1001, message: 'Class is invalid' } },
      count: Infinity,
    });
    const fetched = await zenoti(2).fetchWindow(window);
    expect(fetched.unreadRosters).toEqual([sessionKey(first.id)]);
    expect(fetched.rostersNotRead).toEqual([sessionKey(third.id)]);
    expect([...new Set(fetched.records.bookings.map((b) => b.sessionId))]).toEqual([sessionKey(second.id)]);
  }, PACED);

  it("after a restart, a class known only from the desk's own booking gives that booking and is listed as not read", async () => {
    const { first, window } = afternoon();
    const provider = zenoti(0);
    const booked = await provider.book!({ actionId: 'b-1', sessionId: sessionKey(first.id), memberId: `zen-1:member:${sim.guests[6]!.id}` });
    const fetched = await provider.fetchWindow(window);
    expect(rosterReads()).toEqual([]);
    expect(fetched.records.bookings.map((b) => b.id)).toEqual([booked.id]);
    expect(fetched.rostersNotRead).toContain(sessionKey(first.id));
  }, PACED);
});

describe('Zenoti rosters in the store across a restart', () => {
  it('keeps the stored bookings of classes a restarted adapter left for later, and replaces those it read', async () => {
    const { first, second, third, registrations, window } = afternoon();
    const store = realStore();
    const stored = (simSessionId: number) =>
      store
        .where('bookings', 'session_id', sessionKey(simSessionId))
        .map((b) => `${b.id} ${b.status}`)
        .sort();
    const expected = (list: SimRegistration[], status: (r: SimRegistration) => string) => list.map((r) => `${bookingKey(r)} ${status(r)}`).sort();

    const before = await zenoti(8).fetchWindow(window);
    expect(before.rostersNotRead).toBeUndefined();
    applyFetch(store, 'zen-1', window, before, true);
    expect(stored(first.id)).toEqual(expected(registrations.first, () => 'booked'));
    expect(stored(second.id)).toEqual(expected(registrations.second, (r) => (r.status === 4 ? 'waitlisted' : 'booked')));
    expect(stored(third.id)).toEqual(expected(registrations.third, (r) => (r.status === 3 ? 'checked_in' : 'booked')));

    // The desk restarts; meanwhile a guest of the first class cancels at Zenoti.
    sim.registration(registrations.first[0]!.id)!.status = 1;
    now = new Date(NOW.getTime() + 5 * MINUTE);
    const restarted = zenoti(1);
    const after = await restarted.fetchWindow(window);
    expect(after.incomplete).toBe(true);
    expect(after.rostersNotRead).toEqual([sessionKey(second.id), sessionKey(third.id)]);
    expect(after.records.bookings.filter((b) => b.sessionId !== sessionKey(first.id))).toEqual([]);
    applyFetch(store, 'zen-1', window, after, true);

    // Left for later: what the store knew stays, and the class is not marked as unreadable.
    expect(stored(second.id)).toEqual(expected(registrations.second, (r) => (r.status === 4 ? 'waitlisted' : 'booked')));
    expect(stored(third.id)).toEqual(expected(registrations.third, (r) => (r.status === 3 ? 'checked_in' : 'booked')));
    expect(store.get('sessions', sessionKey(second.id))?.rosterUnread).toBeUndefined();
    expect(store.get('sessions', sessionKey(third.id))?.rosterUnread).toBeUndefined();
    // Read: replaced by Zenoti's list, with the cancellation.
    expect(stored(first.id)).toEqual(expected(registrations.first, (r) => (r === registrations.first[0] ? 'cancelled' : 'booked')));
    // The members on kept bookings stay too.
    for (const r of registrations.third) expect(store.get('members', `zen-1:member:${r.guestId}`)).toBeDefined();

    // The next pass reads the second class: its list replaces the stored one, the third is still kept.
    sim.registration(registrations.second[1]!.id)!.status = 1;
    now = new Date(now.getTime() + MINUTE);
    const later = await restarted.fetchWindow(window);
    expect(later.rostersNotRead).toEqual([sessionKey(third.id)]);
    applyFetch(store, 'zen-1', window, later, true);
    expect(stored(second.id)).toEqual(expected(registrations.second, (r) => (r === registrations.second[1] ? 'cancelled' : 'booked')));
    expect(stored(third.id)).toEqual(expected(registrations.third, (r) => (r.status === 3 ? 'checked_in' : 'booked')));
  }, PACED);

  it("keeps the stored roster beside the desk's own booking on a class a restarted adapter has not read", async () => {
    const { first, registrations, window } = afternoon();
    const store = realStore();
    applyFetch(store, 'zen-1', window, await zenoti(8).fetchWindow(window), true);

    now = new Date(NOW.getTime() + 5 * MINUTE);
    const restarted = zenoti(0);
    const booked = await restarted.book!({ actionId: 'b-2', sessionId: sessionKey(first.id), memberId: `zen-1:member:${sim.guests[7]!.id}` });
    const fetched = await restarted.fetchWindow(window);
    expect(fetched.rostersNotRead).toContain(sessionKey(first.id));
    applyFetch(store, 'zen-1', window, fetched, true);
    const ids = store.where('bookings', 'session_id', sessionKey(first.id)).map((b) => b.id).sort();
    expect(ids).toEqual([...registrations.first.map(bookingKey), booked.id].sort());
  }, PACED);
});
