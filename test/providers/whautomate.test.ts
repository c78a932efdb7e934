import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../src-shared/connections';
import { RecordSet } from '../../src-shared/contract';
import { Booking, Member } from '../../src-shared/domain';
import type { Provider, ProviderFetch, SyncWindow } from '../../src-main/core/providers/provider';
import {
  createWhautomateProvider,
  whautomateBaseUrl,
  type WhautomateTuning,
} from '../../src-main/core/providers/whautomate/whautomate-provider';
import { syncWindowAround } from '../../src-main/core/sync/sync-window';
import { WHAUTOMATE_SIM_KEY, WhautomateSimulator, type WhautomateSimulatorOptions } from '../simulators/whautomate-simulator';
import { FetchedBookingRecord } from './fetched-bookings';
import { providerFailure } from '../support/provider-failure';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const http = { timeoutMs: 300, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };
/** Lifts the desk's own request budget so a test does not sit out a minute of pacing; one test keeps the real one. */
const unpaced: WhautomateTuning = { requestsPerMinute: 60_000 };
const CONNECTION = 'wa-main';

let sim: WhautomateSimulator;
let baseUrl: string;

async function startSim(options: Partial<WhautomateSimulatorOptions> = {}): Promise<void> {
  await sim?.stop();
  sim = new WhautomateSimulator({ now: NOW, ...options });
  baseUrl = await sim.start();
}

function provider(settings: Partial<ConnectionSettings> = {}, options: { tuning?: WhautomateTuning; apiKey?: string; now?: Date } = {}): Provider {
  const now = options.now ?? NOW;
  return createWhautomateProvider(
    {
      settings: { id: CONNECTION, provider: 'whautomate', label: 'Whautomate', baseUrl, ...settings },
      apiKey: options.apiKey ?? WHAUTOMATE_SIM_KEY,
      clock: () => new Date(now),
      http,
    },
    options.tuning ?? unpaced,
  );
}

/** Every record must fit the desk's schemas. */
function expectValid(fetched: ProviderFetch): void {
  expect(() => RecordSet.omit({ bookings: true }).parse({ visits: [], ...fetched.records, deskActions: [] })).not.toThrow();
  expect(() => FetchedBookingRecord.array().parse(fetched.records.bookings)).not.toThrow();
}

const sessionId = (classId: string): string => `${CONNECTION}:session:${classId}`;
const memberId = (clientId: string): string => `${CONNECTION}:member:${clientId}`;
const window = (): SyncWindow => syncWindowAround(NOW);

beforeEach(async () => {
  await startSim();
});

afterEach(async () => {
  await sim.stop();
});

describe('Whautomate: timetable', () => {
  it('uses the global host unless the account shows a regional one', () => {
    expect(whautomateBaseUrl({})).toBe('https://api.whautomate.com');
    expect(whautomateBaseUrl({ baseUrl: 'https://api.in.whautomate.com/' })).toBe('https://api.in.whautomate.com');
  });

  it('lists a 14-day window across pages, with the key in x-api-key and every record valid', async () => {
    const fetched = await provider().fetchWindow(window());
    const expected = sim.classesBetween(window().from, window().to);
    expect(expected.length).toBeGreaterThan(100);
    expect(fetched.records.sessions.map((s) => [s.id, s.startsAt])).toEqual(expected.map((c) => [sessionId(c.id), c.startsAt]));
    const pages = sim.log.filter((r) => r.path === '/v1/classes').map((r) => r.query.get('page'));
    expect(pages).toEqual(['1', '2', '3']);
    expect(sim.log.every((r) => r.headers['x-api-key'] === WHAUTOMATE_SIM_KEY)).toBe(true);
    expect(fetched.issues).toEqual([]);
    expect(fetched.records.locations.map((l) => [l.name, l.timeZone]).sort()).toEqual([
      ['Marina Studio Dubai', 'Asia/Dubai'],
      ['Riverside Studio London', 'Europe/London'],
    ]);
    expect(fetched.records.sessions.some((s) => s.status === 'cancelled')).toBe(true);
    // Pilates carries advanceSettings.cancelClassThresholdMinutes = 720: free cancellation ends 12 hours before.
    const pilates = fetched.records.sessions.find((s) => s.id === sessionId('cls-lon-20261124-1915'));
    expect(pilates).toMatchObject({ startsAt: '2026-11-24T19:15:00.000Z', cancellationDeadline: '2026-11-24T07:15:00.000Z' });
    expectValid(fetched);
  });

  it('sees classes created, moved and deleted through the classes API', async () => {
    const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'x-api-key': WHAUTOMATE_SIM_KEY, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const created = (await (
      await call('POST', '/v1/classes', { location: { id: 'loc-london' }, service: { id: 'svc-spin', name: 'Spin' }, date: '2026-11-25', time: '06:15' })
    ).json()) as { id: string };
    const whautomate = provider();
    const startOf = async (): Promise<string | undefined> =>
      (await whautomate.fetchWindow(window())).records.sessions.find((s) => s.id === sessionId(created.id))?.startsAt;
    expect(await startOf()).toBe('2026-11-25T06:15:00.000Z');
    expect((await call('PUT', `/v1/classes/${created.id}`, { time: '07:45' })).status).toBe(200);
    expect(await startOf()).toBe('2026-11-25T07:45:00.000Z');
    expect(await (await call('DELETE', `/v1/classes/${created.id}`)).json()).toEqual({ success: true });
    expect(await startOf()).toBeUndefined();
    expect((await call('POST', '/v1/classes', { date: 'tomorrow' })).status).toBe(400);
  });

  it('reads lists sent as {data: [...]} exactly like bare arrays', async () => {
    const asArray = await provider().fetchWindow(window());
    sim.listShape = 'data';
    const asData = await provider().fetchWindow(window());
    expect(asData).toEqual(asArray);
    expect(asData.records.bookings.length).toBeGreaterThan(20);
  });

  it('keeps to the location in scopeId and reads 12-hour times', async () => {
    const fetched = await provider({ scopeId: 'loc-dubai' }).fetchWindow(window());
    expect(sim.log[0]?.query.get('locationId')).toBe('loc-dubai');
    expect(new Set(fetched.records.sessions.map((s) => s.locationId))).toEqual(new Set([`${CONNECTION}:location:loc-dubai`]));
    const evening = fetched.records.sessions.find((s) => s.id === sessionId('cls-dub-20261123-1900'));
    expect(sim.classById('cls-dub-20261123-1900')?.time).toBe('7:00 PM');
    // 19:00 in Dubai (UTC+4), 45 minutes of HIIT.
    expect(evening).toMatchObject({ startsAt: '2026-11-23T15:00:00.000Z', endsAt: '2026-11-23T15:45:00.000Z', title: 'HIIT Express' });
  });

  it('takes the time from date + time + timezone, across a daylight-saving change, never from the UTC fields', async () => {
    await startSim({ now: new Date('2026-03-27T12:00:00.000Z') });
    const wrong = { startTimeUTC: '2026-03-28T03:00:00.000Z', endTimeUTC: '2026-03-28T04:00:00.000Z' };
    sim.addClass({ id: 'dst-before', date: '2026-03-28', time: '09:00', utcFields: wrong });
    sim.addClass({ id: 'dst-after', date: '2026-03-30', time: '09:00', utcFields: wrong });
    const fetched = await provider({}, { now: new Date('2026-03-27T12:00:00.000Z') }).fetchWindow({
      from: '2026-03-27T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    const byId = new Map(fetched.records.sessions.map((s) => [s.id, s]));
    expect(byId.get(sessionId('dst-before'))).toMatchObject({ startsAt: '2026-03-28T09:00:00.000Z', endsAt: '2026-03-28T10:00:00.000Z' });
    expect(byId.get(sessionId('dst-after'))).toMatchObject({ startsAt: '2026-03-30T08:00:00.000Z', endsAt: '2026-03-30T09:00:00.000Z' });
    // The seeded classes' UTC fields carry the wall time as if it were UTC: wrong in Dubai and in British summer time.
    const answer = await fetch(`${baseUrl}/v1/classes/cls-dub-20260328-0630`, { headers: { 'x-api-key': WHAUTOMATE_SIM_KEY } });
    const dubai = (await answer.json()) as { startTimeUTC: string };
    expect(dubai.startTimeUTC).toBe('2026-03-28T06:30:00.000Z');
    expect(byId.get(sessionId('cls-dub-20260328-0630'))?.startsAt).toBe('2026-03-28T02:30:00.000Z');
  });

  it('falls back to the connection time zone for a class without one, and reports a class in an unknown zone', async () => {
    sim.addClass({ id: 'no-zone', date: '2026-11-24', time: '10:00', timezone: undefined });
    sim.addClass({ id: 'bad-zone', date: '2026-11-24', time: '10:00', timezone: 'Mars/Olympus_Mons' });
    const fetched = await provider({ timeZone: 'Europe/Berlin' }).fetchWindow(window());
    expect(fetched.records.sessions.find((s) => s.id === sessionId('no-zone'))?.startsAt).toBe('2026-11-24T09:00:00.000Z');
    expect(fetched.issues).toEqual([{ table: 'sessions', sourceId: 'bad-zone', message: expect.stringContaining('Mars/Olympus_Mons') }]);
  });
});

describe('Whautomate: rosters', () => {
  it('turns participants into bookings and members, with counts and waitlist places', async () => {
    const fetched = await provider().fetchWindow(window());
    expectValid(fetched);
    const soon = sim.classesBetween(NOW.toISOString(), '2026-11-25T10:00:00.000Z');
    const classId = soon.find((c) => sim.participantsOf(c.id).some((p) => p.status === 'WAITLISTED'))?.id ?? '';
    const participants = sim.participantsOf(classId);
    const bookings = fetched.records.bookings.filter((b) => b.sessionId === sessionId(classId));
    const statusOf: Record<string, string> = { BOOKED: 'booked', WAITLISTED: 'waitlisted', CANCELLED: 'cancelled', VISITED: 'checked_in', NO_SHOW: 'no_show' };
    expect(bookings.map((b) => [b.memberId, b.status]).sort()).toEqual(participants.map((p) => [memberId(p.clientId), statusOf[p.status]]).sort());
    const waiting = bookings.filter((b) => b.status === 'waitlisted').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.map((b) => b.waitlistPosition)).toEqual(waiting.map((_b, i) => i + 1));
    const session = fetched.records.sessions.find((s) => s.id === sessionId(classId));
    expect(session).toMatchObject({
      capacity: sim.classById(classId)?.capacity,
      booked: participants.filter((p) => p.status === 'BOOKED').length,
      waitlisted: waiting.length,
    });
    const members = new Map(fetched.records.members.map((m) => [m.id, m]));
    for (const booking of bookings) expect(members.has(booking.memberId)).toBe(true);
  });

  it('shows a past class as visited and missed, and a one-word name with a stand-in last name', async () => {
    const fetched = await provider().fetchWindow(window());
    const past = fetched.records.bookings.filter((b) => b.sessionId === sessionId('cls-lon-20261123-0700'));
    expect(past.some((b) => b.status === 'checked_in' && b.checkedInAt)).toBe(true);
    const yara = fetched.records.members.find((m) => m.firstName === 'Yara');
    expect(yara).toMatchObject({ lastName: '–', memberNumber: 'cli_' + (1007).toString(36) });
  });

  it('reads rosters for the next two days only; later classes carry Whautomate’s own count', async () => {
    const fetched = await provider().fetchWindow(window());
    const later = 'cls-lon-20261205-1800';
    expect(fetched.records.bookings.some((b) => b.sessionId === sessionId(later))).toBe(false);
    const taken = sim.participantsOf(later).filter((p) => p.status === 'BOOKED').length;
    expect(fetched.records.sessions.find((s) => s.id === sessionId(later))).toMatchObject({ booked: taken, capacity: 10 });
    // From the start of the window (yesterday, for late classes and no-shows) to 48 hours from now.
    const withinTwoDays = sim.classesBetween(window().from, '2026-11-25T10:00:00.000Z');
    const rosterReads = sim.log.filter((r) => r.path.endsWith('/participants')).map((r) => r.path.split('/')[3]);
    expect(rosterReads.sort()).toEqual(withinTwoDays.map((c) => c.id).sort());
    // Every class beyond the horizon is reported as not read (the store keeps its bookings), none within it.
    const beyond = sim.classesBetween('2026-11-25T10:00:00.000Z', window().to);
    expect(beyond.length).toBeGreaterThan(20);
    expect([...(fetched.rostersNotRead ?? [])].sort()).toEqual(beyond.map((c) => sessionId(c.id)).sort());
    expect(fetched.rostersNotRead).toContain(sessionId(later));
    expect(sim.participantsOf(later).length).toBeGreaterThan(0);
    const notRead = new Set(fetched.rostersNotRead);
    expect(fetched.records.bookings.filter((b) => notRead.has(b.sessionId))).toEqual([]);
    expect(fetched.unreadRosters).toBeUndefined();
  });

  it('reads a class beyond the horizon only once the horizon reaches it, and then no longer lists it as not read', async () => {
    const later = 'cls-lon-20261126-1230';
    const startsAt = sim.classesBetween(window().from, window().to).find((c) => c.id === later)?.startsAt ?? '';
    expect(Date.parse(startsAt) - NOW.getTime()).toBeGreaterThan(48 * 3600_000);
    const before = await provider().fetchWindow(window());
    expect(before.rostersNotRead).toContain(sessionId(later));
    expect(before.records.bookings.some((b) => b.sessionId === sessionId(later))).toBe(false);

    const nearer = new Date(Date.parse(startsAt) - 47 * 3600_000);
    const after = await provider({}, { now: nearer }).fetchWindow(window());
    expect(after.rostersNotRead).not.toContain(sessionId(later));
    const taken = sim.participantsOf(later).length;
    expect(taken).toBeGreaterThan(0);
    expect(after.records.bookings.filter((b) => b.sessionId === sessionId(later))).toHaveLength(taken);
  });

  it('reports a class whose roster answers 404 as unread, not as empty, and keeps the rest', async () => {
    const gone = 'cls-lon-20261123-1800';
    const booked = sim.participantsOf(gone).filter((p) => p.status === 'BOOKED').length;
    expect(booked).toBeGreaterThan(0);
    sim.faults.requests.push({ matches: (r) => r.path === `/v1/classes/${gone}/participants`, status: 404, body: { error: 'Invalid classId' }, count: Infinity });
    const fetched = await provider().fetchWindow(window());
    expect(fetched.unreadRosters).toEqual([sessionId(gone)]);
    // An error, not a roster left out by design: the class is marked, so it is not also among those not read.
    expect(fetched.rostersNotRead).not.toContain(sessionId(gone));
    expect(fetched.issues).toEqual([{ table: 'bookings', sourceId: gone, message: expect.stringContaining('did not give this class') }]);
    expect(fetched.records.bookings.filter((b) => b.sessionId === sessionId(gone))).toEqual([]);
    // The class keeps Whautomate's own count rather than looking empty.
    expect(fetched.records.sessions.find((s) => s.id === sessionId(gone))?.booked).toBe(booked);
    expect(fetched.records.bookings.length).toBeGreaterThan(20);
  });

  it('reports a class whose roster keeps answering 503 after the retries as unread, and syncs the rest', async () => {
    const failing = 'cls-lon-20261124-1230';
    sim.faults.requests.push({ matches: (r) => r.path === `/v1/classes/${failing}/participants`, status: 503, count: Infinity });
    const fetched = await provider().fetchWindow(window());
    expect(fetched.unreadRosters).toEqual([sessionId(failing)]);
    expect(fetched.records.bookings.some((b) => b.sessionId === sessionId(failing))).toBe(false);
    expect(fetched.records.bookings.length).toBeGreaterThan(20);
    expect(sim.log.filter((r) => r.path === `/v1/classes/${failing}/participants`).length).toBeGreaterThan(1);
  });

  it('fails the whole sync when the key stops working during the rosters', async () => {
    sim.faults.requests.push({ matches: (r) => r.path.endsWith('/participants'), status: 401, body: { message: 'Unauthorized' }, count: Infinity });
    expect(await providerFailure(provider().fetchWindow(window()))).toMatchObject({ code: 'unauthorized', retryable: false });
  });
});

describe('Whautomate: desk actions', () => {
  const futureClass = 'cls-lon-20261124-1230';

  function clientNotOn(classId: string): string {
    const on = new Set(sim.participantsOf(classId).map((p) => p.clientId));
    const client = sim.clients.find((c) => c.locationId === 'loc-london' && !on.has(c.id));
    if (!client) throw new Error('no free client');
    return client.id;
  }

  it('offers no check-in, no barcode lookup and no booking check', () => {
    const whautomate = provider();
    expect(whautomate.capabilities).toMatchObject({ checkIn: false, undoCheckIn: false, memberByBarcode: false, validateBooking: false, book: true, cancelBooking: true, roster: true, memberSearch: true });
    expect(whautomate.checkIn).toBeUndefined();
    expect(whautomate.findMemberByBarcode).toBeUndefined();
  });

  it('books a member, the next sync shows it, and a retried booking books nobody twice', async () => {
    const whautomate = provider();
    const clientId = clientNotOn(futureClass);
    const request = { sessionId: sessionId(futureClass), memberId: memberId(clientId) };
    const booked = Booking.parse(await whautomate.book?.({ actionId: '5b4a9a4e-0f6b-4a43-9d0c-1d2b6c7c9a01', ...request }));
    expect(booked).toMatchObject({ status: 'booked', sessionId: sessionId(futureClass), memberId: memberId(clientId), source: 'whautomate' });
    expect(sim.participantsOf(futureClass).filter((p) => p.clientId === clientId).map((p) => p.status)).toEqual(['BOOKED']);
    const again = await whautomate.book?.({ actionId: '5b4a9a4e-0f6b-4a43-9d0c-1d2b6c7c9a01', ...request });
    expect(again?.id).toBe(booked.id);
    expect(sim.log.filter((r) => r.path.endsWith('/participants/add'))).toHaveLength(1);
    const fetched = await whautomate.fetchWindow(window());
    expect(fetched.records.bookings.find((b) => b.id === booked.id)?.status).toBe('booked');
  });

  it("finds a member's live booking on a class from Whautomate's list of their bookings, or none", async () => {
    const whautomate = provider();
    const clientId = clientNotOn(futureClass);
    const subject = { sessionId: sessionId(futureClass), memberId: memberId(clientId) };
    expect(await whautomate.findBooking!(subject)).toBeUndefined();
    const booked = await whautomate.book!({ actionId: '3f0a7c1e-2b4d-4e6f-8a9b-0c1d2e3f4a51', ...subject });
    // A fresh adapter (after a crash) knows nothing but what Whautomate says.
    expect(await provider().findBooking!(subject)).toMatchObject({ id: booked.id, status: 'booked', memberId: memberId(clientId) });
    expect(await provider().findBooking!({ ...subject, sessionId: sessionId('cls-lon-20261124-1915') })).toBeUndefined();
    await whautomate.cancelBooking!({ actionId: '4f0a7c1e-2b4d-4e6f-8a9b-0c1d2e3f4a52', bookingId: booked.id });
    expect(await provider().findBooking!(subject)).toBeUndefined();
    expect(sim.log.filter((r) => r.path === `/v1/classes/clients/${clientId}/bookings`).length).toBeGreaterThanOrEqual(4);
  });

  it('keeps a desk booking beyond the roster horizon visible in later syncs', async () => {
    const whautomate = provider();
    const later = 'cls-lon-20261205-1230';
    const booked = await whautomate.book?.({ actionId: 'f2d8a3a4-8d1d-4c52-8a53-0a9e6f0b7c11', sessionId: sessionId(later), memberId: memberId(clientNotOn(later)) });
    const fetched = await whautomate.fetchWindow(window());
    expect(fetched.records.bookings.find((b) => b.id === booked?.id)?.status).toBe('booked');
    // Its roster was read, so it is not among those left for later; a fresh adapter (a restart) does not read it.
    expect(fetched.rostersNotRead).not.toContain(sessionId(later));
    expect(fetched.rostersNotRead).toContain(sessionId('cls-lon-20261205-1800'));
    const restarted = await provider().fetchWindow(window());
    expect(restarted.rostersNotRead).toContain(sessionId(later));
    expect(restarted.records.bookings.some((b) => b.sessionId === sessionId(later))).toBe(false);
  });

  it('cancels a booking, the next sync shows it, and a repeated cancel answers with the cancelled booking', async () => {
    const whautomate = provider();
    const participant = sim.participantsOf(futureClass).find((p) => p.status === 'BOOKED');
    if (!participant) throw new Error('no booked participant');
    const bookingId = `${CONNECTION}:booking:${futureClass}:${participant.id}`;
    const cancelled = await whautomate.cancelBooking?.({ actionId: '0c1f3f7e-54b5-4f4e-a1a4-3c8a8f3b2e21', bookingId });
    expect(cancelled).toMatchObject({ id: bookingId, status: 'cancelled' });
    expect(sim.participantsOf(futureClass).find((p) => p.id === participant.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Cancelled at the front desk' });
    const again = await whautomate.cancelBooking?.({ actionId: '0c1f3f7e-54b5-4f4e-a1a4-3c8a8f3b2e21', bookingId });
    expect(again).toMatchObject({ id: bookingId, status: 'cancelled' });
    const fetched = await whautomate.fetchWindow(window());
    expect(fetched.records.bookings.find((b) => b.id === bookingId)?.status).toBe('cancelled');
  });

  it('says plainly why Whautomate refused a booking (a full class), keeping its words and request id', async () => {
    const classId = 'cls-lon-20261124-1915';
    const simClass = sim.classById(classId);
    while (sim.participantsOf(classId).filter((p) => p.status === 'BOOKED').length < (simClass?.capacity ?? 0)) sim.seatClient(classId, clientNotOn(classId));
    const error = await providerFailure(provider().book!({ actionId: '8c5f1f0e-7a9b-4a3c-8e2d-6f1b2c3d4e51', sessionId: sessionId(classId), memberId: memberId(clientNotOn(classId)) }));
    expect(error).toMatchObject({ said: { code: 'book_refused', params: { provider: 'Whautomate', detail: 'Class is full' } }, retryable: false, detail: { status: 400, providerMessage: 'Class is full' } });
    expect(error.detail.traceId).toMatch(/^sim-/);
  });

  it('does not resend a booking after a 503, and the desk’s retry books once', async () => {
    const whautomate = provider();
    const clientId = clientNotOn(futureClass);
    const request = { actionId: '2d3c4b5a-6978-4f1e-9d2c-3b4a59687a71', sessionId: sessionId(futureClass), memberId: memberId(clientId) };
    sim.answerNext(/\/participants\/add$/, { status: 503, body: { message: 'Service Unavailable' } });
    expect(await providerFailure(whautomate.book!(request))).toMatchObject({ retryable: true, code: 'unavailable' });
    expect(sim.log.filter((r) => r.path.endsWith('/participants/add'))).toHaveLength(1);
    expect((await whautomate.book!(request)).status).toBe('booked');
    expect(sim.participantsOf(futureClass).filter((p) => p.clientId === clientId)).toHaveLength(1);
  });

  it('finds members by name and by phone', async () => {
    const whautomate = provider();
    const byName = await whautomate.searchMembers!('priya');
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((m) => m.firstName === 'Priya')).toBe(true);
    const client = sim.clients[5];
    const byPhone = await whautomate.searchMembers!(client?.phone ?? '');
    expect(byPhone.map((m) => m.id)).toEqual([memberId(client?.id ?? '')]);
    expect(byPhone[0]).toMatchObject({ memberNumber: client?.clientId, phone: `${client?.countryCode} ${client?.phone}` });
    for (const member of [...byName, ...byPhone]) expect(() => Member.parse(member)).not.toThrow();
  });
});

describe('Whautomate: errors and faults', () => {
  it('says the key was not accepted (403 Forbidden, as documented) without repeating the key', async () => {
    const error = await providerFailure(provider({}, { apiKey: 'wrong-secret-key' }).testConnection());
    expect(error).toMatchObject({ retryable: false, code: 'forbidden', detail: { status: 403, providerMessage: 'Forbidden' } });
    expect(error.said).toEqual({ code: 'provider_key_refused', params: { provider: 'Whautomate' } });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-secret-key');
  });

  it('says the key was not accepted when the gateway answers 401', async () => {
    await startSim({ authFailureStatus: 401 });
    const error = await providerFailure(provider({}, { apiKey: 'wrong-secret-key' }).fetchWindow(window()));
    expect(error).toMatchObject({ said: { code: 'provider_key_refused', params: { provider: 'Whautomate' } }, code: 'unauthorized', detail: { status: 401 } });
  });

  it('says when the location id in the connection is unknown (404 Invalid locationId)', async () => {
    const error = await providerFailure(provider({ scopeId: 'loc-nowhere' }).testConnection());
    expect(error).toMatchObject({ code: 'not_found', retryable: false, detail: { providerMessage: 'Invalid locationId' } });
    expect(error.said).toEqual({ code: 'provider_location_unknown', params: { provider: 'Whautomate' } });
  });

  it('passes on validation refusals (400) with Whautomate’s words', async () => {
    sim.answerNext(/^\/v1\/classes$/, { status: 400, body: { error: 'Invalid parameters' } });
    expect(await providerFailure(provider().fetchWindow(window()))).toMatchObject({
      said: { code: 'timetable_refused', params: { provider: 'Whautomate', detail: 'Invalid parameters' } },
      retryable: false,
      detail: { status: 400, providerMessage: 'Invalid parameters' },
    });
    sim.answerNext(/\/participants\/add$/, { status: 400, body: { message: 'Invalid request body' } });
    const request = { actionId: '9e8d7c6b-5a49-4382-9716-a5b4c3d2e1f1', sessionId: sessionId('cls-lon-20261124-1230'), memberId: memberId(sim.clients[0]?.id ?? '') };
    expect((await providerFailure(provider().book!(request))).said).toEqual({ code: 'book_refused', params: { provider: 'Whautomate', detail: 'Invalid request body' } });
  });

  it('says when Whautomate does not know the member (404)', async () => {
    const error = await providerFailure(provider().book!({ actionId: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c81', sessionId: sessionId('cls-lon-20261124-1230'), memberId: memberId('cli_nobody') }));
    expect(error).toMatchObject({ code: 'not_found', retryable: false, detail: { providerMessage: 'Invalid clientId' } });
  });

  it('waits out a 429 with Retry-After: 1 and succeeds', async () => {
    sim.faults.rateLimitStorm = { count: 1, retryAfterSeconds: 1 };
    const started = Date.now();
    await provider().testConnection();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.log).toHaveLength(2);
  });

  it('backs off through 503s and succeeds', async () => {
    sim.faults.serverErrors = { count: 2, status: 503 };
    await provider().testConnection();
    expect(sim.log).toHaveLength(3);
  });

  it('gives up on a Whautomate that never answers with a retryable timeout', async () => {
    sim.faults.hangs = 10;
    expect(await providerFailure(provider().testConnection())).toMatchObject({ retryable: true, code: 'timeout' });
  });

  it('calls a broken answer retryable: wrong envelope, cut-off JSON', async () => {
    sim.answerNext(/^\/v1\/classes$/, { status: 200, body: { classes: [] } });
    expect(await providerFailure(provider().fetchWindow(window()))).toMatchObject({ retryable: true, code: 'invalid_response' });
    sim.faults.truncated = 1;
    expect(await providerFailure(provider().fetchWindow(window()))).toMatchObject({ retryable: true, code: 'invalid_response' });
  });

  it('reports malformed records one by one and keeps the rest', async () => {
    sim.addMalformedClass({ id: 'broken-class', date: '2026-11-24', time: '10:00' });
    sim.addMalformedClass({ id: 'broken-time', location: { id: 'loc-london', title: 'London' }, service: { id: 'svc-yoga', name: 'Yoga' }, timezone: 'Europe/London', date: '2026-11-24', time: 'noonish' });
    sim.addMalformedParticipant('cls-lon-20261123-1800', { id: 'par-no-client', status: 'BOOKED' });
    sim.addMalformedParticipant('cls-lon-20261123-1800', { id: 'par-odd-status', client: { id: 'cli_x', fullName: 'Odd One' }, status: 'TELEPORTED' });
    sim.addMalformedParticipant('cls-lon-20261123-1800', { id: 'par-no-name', client: { id: 'cli_y' }, status: 'BOOKED' });
    const fetched = await provider().fetchWindow(window());
    expect(fetched.issues).toEqual([
      { table: 'sessions', sourceId: 'broken-class', message: expect.stringContaining('location') },
      { table: 'sessions', sourceId: 'broken-time', message: expect.stringContaining('noonish') },
      { table: 'bookings', sourceId: 'par-no-client', message: expect.stringContaining('client') },
      { table: 'bookings', sourceId: 'par-odd-status', message: expect.stringContaining('TELEPORTED') },
      { table: 'members', sourceId: 'cli_y', message: 'the client has no name' },
    ]);
    expect(fetched.records.sessions).toHaveLength(sim.classesBetween(window().from, window().to).length);
    // Whautomate's own change time is passed on; a participant without one gets none made up.
    const noName = fetched.records.bookings.find((b) => b.id.endsWith(':par-no-name'));
    expect(noName).toBeDefined();
    expect(noName?.updatedAt).toBeUndefined();
    const real = sim.participantsOf('cls-lon-20261123-1800').find((p) => p.id !== 'par-no-name' && p.updatedAt);
    expect(fetched.records.bookings.find((b) => b.id === `${CONNECTION}:booking:cls-lon-20261123-1800:${real?.id}`)?.updatedAt).toBe(real?.updatedAt);
    expectValid(fetched);
  });

  it('stays within the rate limit on a normal sync at the real budget', async () => {
    const fetched = await provider({ scopeId: 'loc-london' }, { tuning: {} }).fetchWindow(syncWindowAround(NOW, 0, 0));
    expect(fetched.records.sessions.length).toBeGreaterThan(6);
    expect(sim.log.length).toBeGreaterThan(6);
    expect(sim.rateLimited).toBe(0);
  });
});
