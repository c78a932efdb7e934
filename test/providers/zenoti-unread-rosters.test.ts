import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Provider, SyncWindow } from '../../src-main/core/providers/provider';
import { ZenotiIds } from '../../src-main/core/providers/zenoti/zenoti-ids';
import { createZenotiProvider } from '../../src-main/core/providers/zenoti/zenoti-provider';
import type { SimRequest } from '../simulators/simulator-server';
import { ZENOTI_SIM_API_KEY, ZenotiSimulator } from '../simulators/zenoti-simulator';
import { instantOf } from '../simulators/zenoti-simulator-data';
import { providerFailure } from '../support/provider-failure';

/**
 * A class list Zenoti answers with an error is not an empty class: the session is reported as
 * unread (the store keeps what it knew) and the rest of the sync goes on. And findBooking asks
 * Zenoti's class list for the member's live registration.
 */

const NOW = new Date('2026-11-23T15:00:00.000Z'); // 10:00 in New York
/** One retry: enough to show a 5xx is retried before the list counts as unread, cheap in Zenoti's 60 calls a minute. */
const http = { timeoutMs: 300, retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };
/** The adapter keeps to Zenoti's 60 calls a minute (a burst of 3, then about one a second). */
const PACED = 20_000;
const ids = new ZenotiIds('zen-1');
const MINUTE = 60_000;

let sim: ZenotiSimulator;
let baseUrl: string;
let now: Date;

beforeEach(async () => {
  sim = new ZenotiSimulator({ now: NOW });
  now = sim.now;
  baseUrl = await sim.start();
});

afterEach(async () => {
  await sim.stop();
});

function zenoti(): Provider {
  return createZenotiProvider(
    {
      settings: { id: 'zen-1', provider: 'zenoti', label: 'Zenoti Brooklyn', baseUrl, scopeId: sim.centerId, timeZone: sim.timeZone },
      apiKey: ZENOTI_SIM_API_KEY,
      clock: () => now,
      http,
    },
    { rosterFetchesPerSync: 8 },
  );
}

function localWindow(from: string, to: string): SyncWindow {
  return { from: new Date(instantOf(from, sim.timeZone)).toISOString(), to: new Date(instantOf(to, sim.timeZone)).toISOString() };
}

function sessionKey(simSessionId: number): string {
  const session = sim.session(simSessionId)!;
  return ids.session({ classId: String(session.classId), sessionId: String(session.id) });
}

const rosterOf = (simSessionId: number) => (request: SimRequest) =>
  request.method === 'GET' && request.path.endsWith('/registrations') && request.query.get('session_id') === String(simSessionId);

describe('Zenoti class lists that cannot be read', () => {
  it('reports a class whose list answers 404 as unread, gives none of its bookings, and syncs the rest', async () => {
    const broken = sim.addSession({ localStart: '2026-11-23T10:15:00' });
    const fine = sim.addSession({ localStart: '2026-11-23T10:30:00' });
    sim.addRegistration(broken.id, sim.guests[0]!.id);
    sim.addRegistration(broken.id, sim.guests[1]!.id);
    sim.addRegistration(fine.id, sim.guests[2]!.id);
    const provider = zenoti();
    const window = localWindow('2026-11-23T10:10:00', '2026-11-23T10:40:00');

    const first = await provider.fetchWindow(window);
    expect(first.unreadRosters).toBeUndefined();
    expect(first.records.bookings.filter((b) => b.sessionId === sessionKey(broken.id))).toHaveLength(2);

    sim.faults.requests.push({ matches: rosterOf(broken.id), status: 404, body: { error: { code: 1001, message: 'Class is invalid' } }, count: Infinity });
    now = new Date(NOW.getTime() + 3 * MINUTE);
    const second = await provider.fetchWindow(window);
    expect(second.unreadRosters).toEqual([sessionKey(broken.id)]);
    expect(second.records.sessions.map((s) => s.id)).toEqual([sessionKey(broken.id), sessionKey(fine.id)]);
    // Not "nobody booked": no bookings at all for the unread class, the store keeps the last known ones.
    expect(second.records.bookings.filter((b) => b.sessionId === sessionKey(broken.id))).toEqual([]);
    expect(second.records.bookings.filter((b) => b.sessionId === sessionKey(fine.id))).toHaveLength(1);
    expect(second.records.sessions.find((s) => s.id === sessionKey(broken.id))?.booked).toBe(2);

    // Within two minutes the broken list is not asked again (a broken class must not eat the budget), and stays unread.
    now = new Date(now.getTime() + MINUTE);
    expect((await provider.fetchWindow(window)).unreadRosters).toEqual([sessionKey(broken.id)]);
    expect(sim.requests(/registrations$/).filter(rosterOf(broken.id))).toHaveLength(2);

    // Zenoti answers again: the list is read and its bookings come back.
    sim.faults.requests = [];
    now = new Date(now.getTime() + 2 * MINUTE);
    const healed = await provider.fetchWindow(window);
    expect(healed.unreadRosters).toBeUndefined();
    expect(healed.records.bookings.filter((b) => b.sessionId === sessionKey(broken.id))).toHaveLength(2);
  }, PACED);

  it('reports a class whose list keeps answering 503 after the retries as unread, even on the first read', async () => {
    const broken = sim.addSession({ localStart: '2026-11-23T10:15:00' });
    const fine = sim.addSession({ localStart: '2026-11-23T10:30:00' });
    sim.addRegistration(broken.id, sim.guests[0]!.id);
    sim.addRegistration(fine.id, sim.guests[2]!.id);
    sim.faults.requests.push({ matches: rosterOf(broken.id), status: 503, count: Infinity });
    const fetched = await zenoti().fetchWindow(localWindow('2026-11-23T10:10:00', '2026-11-23T10:40:00'));
    expect(fetched.unreadRosters).toEqual([sessionKey(broken.id)]);
    expect(fetched.records.bookings.map((b) => b.sessionId)).toEqual([sessionKey(fine.id)]);
    // The client did retry before giving up on that list.
    expect(sim.requests(/registrations$/).filter(rosterOf(broken.id))).toHaveLength(2);
  }, PACED);

  it('fails the whole pass when the key stops working, instead of calling every class unread', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T10:15:00' });
    sim.addRegistration(session.id, sim.guests[0]!.id);
    sim.faults.requests.push({ matches: rosterOf(session.id), status: 401, body: { Message: 'Authorization has been denied for this request.' }, count: Infinity });
    const error = await providerFailure(zenoti().fetchWindow(localWindow('2026-11-23T10:10:00', '2026-11-23T10:20:00')));
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
  });
});

describe('Zenoti findBooking', () => {
  it("answers with the member's live registration from Zenoti's class list, or nothing", async () => {
    const session = sim.addSession({ localStart: '2026-11-23T18:15:00' });
    const booked = sim.addRegistration(session.id, sim.guests[0]!.id, 0);
    const waiting = sim.addRegistration(session.id, sim.guests[1]!.id, 4);
    sim.addRegistration(session.id, sim.guests[2]!.id, 1);
    const member = (n: number) => `zen-1:member:${sim.guests[n]!.id}`;
    const bookingId = (registrationId: number) =>
      ids.booking({ classId: String(session.classId), sessionId: String(session.id), registrationId: String(registrationId) });
    // A fresh adapter, as after a crash: nothing known but what Zenoti says.
    const provider = zenoti();

    expect(await provider.findBooking!({ sessionId: sessionKey(session.id), memberId: member(0) })).toMatchObject({
      id: bookingId(booked.id),
      status: 'booked',
      memberId: member(0),
      sessionId: sessionKey(session.id),
      updatedAt: now.toISOString(),
    });
    expect(await provider.findBooking!({ sessionId: sessionKey(session.id), memberId: member(1) })).toMatchObject({ id: bookingId(waiting.id), status: 'waitlisted' });
    // Cancelled, or never on the list: no live booking.
    expect(await provider.findBooking!({ sessionId: sessionKey(session.id), memberId: member(2) })).toBeUndefined();
    expect(await provider.findBooking!({ sessionId: sessionKey(session.id), memberId: member(3) })).toBeUndefined();
    // Each answer is Zenoti's list read then, not a memory.
    expect(sim.requests(/registrations$/, 'GET')).toHaveLength(4);
    expect(sim.requests(/registrations$/, 'POST')).toHaveLength(0);

    sim.faults.serverErrors = { count: 10, status: 503 };
    expect(await providerFailure(provider.findBooking!({ sessionId: sessionKey(session.id), memberId: member(0) }))).toMatchObject({ retryable: true });
  }, PACED);
});
