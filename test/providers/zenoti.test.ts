import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../src-shared/connections';
import { RecordSet } from '../../src-shared/contract';
import type { Booking } from '../../src-shared/domain';
import type { Provider, ProviderFetch, SyncWindow } from '../../src-main/core/providers/provider';
import { centerDateRanges } from '../../src-main/core/providers/zenoti/zenoti-center-time';
import { searchesFor } from '../../src-main/core/providers/zenoti/zenoti-guests';
import { ZenotiIds } from '../../src-main/core/providers/zenoti/zenoti-ids';
import { bookingStatusOf } from '../../src-main/core/providers/zenoti/zenoti-mapping';
import { createZenotiProvider, zenotiBaseUrl, type ZenotiTuning } from '../../src-main/core/providers/zenoti/zenoti-provider';
import { ZENOTI_SIM_API_KEY, ZENOTI_SIM_READ_ONLY_KEY, ZenotiSimulator, type ZenotiSimulatorOptions } from '../simulators/zenoti-simulator';
import { instantOf } from '../simulators/zenoti-simulator-data';
import { FetchedBookingRecord } from './fetched-bookings';
import { providerFailure } from '../support/provider-failure';

const NOW = new Date('2026-11-23T15:00:00.000Z'); // 10:00 in New York
const http = { timeoutMs: 300, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };
const ids = new ZenotiIds('zen-1');

let sim: ZenotiSimulator;
let baseUrl: string;
let now: Date;

async function startSim(options: ZenotiSimulatorOptions = {}): Promise<void> {
  await sim?.stop();
  sim = new ZenotiSimulator({ now: NOW, ...options });
  now = sim.now;
  baseUrl = await sim.start();
}

interface Make {
  apiKey?: string;
  settings?: Partial<ConnectionSettings>;
  tuning?: ZenotiTuning;
  retry?: Partial<typeof http.retry> & { limit?: number };
}

function zenoti({ apiKey = ZENOTI_SIM_API_KEY, settings = {}, tuning = { rosterFetchesPerSync: 0 }, retry = {} }: Make = {}): Provider {
  return createZenotiProvider(
    {
      settings: { id: 'zen-1', provider: 'zenoti', label: 'Zenoti Brooklyn', baseUrl, scopeId: sim.centerId, timeZone: sim.timeZone, ...settings },
      apiKey,
      clock: () => now,
      http: { ...http, retry: { ...http.retry, ...retry } },
    },
    tuning,
  );
}

/** The window of instants between two center-local times. */
function localWindow(from: string, to: string): SyncWindow {
  return { from: new Date(instantOf(from, sim.timeZone)).toISOString(), to: new Date(instantOf(to, sim.timeZone)).toISOString() };
}

function sessionKey(simSessionId: number): string {
  const session = sim.session(simSessionId)!;
  return ids.session({ classId: String(session.classId), sessionId: String(session.id) });
}

function bookingKey(registrationId: number): string {
  const registration = sim.registration(registrationId)!;
  return ids.booking({ classId: String(registration.classId), sessionId: String(registration.sessionId), registrationId: String(registration.id) });
}

/** Every record must be one the desk's own schemas accept. */
function checked(fetched: ProviderFetch): ProviderFetch {
  RecordSet.omit({ bookings: true }).parse({ visits: [], ...fetched.records, deskActions: [] });
  FetchedBookingRecord.array().parse(fetched.records.bookings);
  // Zenoti says nothing of when a registration changed: no time is made up, the store stamps bookings.
  expect(fetched.records.bookings.filter((booking) => booking.updatedAt !== undefined)).toEqual([]);
  for (const table of Object.values(fetched.records)) for (const record of table) expect(record.connectionId).toBe('zen-1');
  return fetched;
}

beforeEach(async () => {
  await startSim();
});

afterEach(async () => {
  await sim.stop();
});

describe('Zenoti schedule', () => {
  it('lists a 14-day window across pages of 100, with classes, instructors, rooms and counts', async () => {
    const window = { from: NOW.toISOString(), to: new Date(NOW.getTime() + 14 * 86_400_000).toISOString() };
    const fetched = checked(await zenoti().fetchWindow(window));

    const pages = sim.requests(/\/v1\/classes\/sessions$/);
    expect(pages.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(pages.every((r) => r.query.get('size') === '100' && r.query.get('center_id') === sim.centerId)).toBe(true);
    expect(pages[0]!.query.get('start_date')).toBe('2026-11-23');
    expect(pages[0]!.query.get('end_date')).toBe('2026-12-07');
    expect(pages[0]!.headers.authorization).toBe(`apikey ${ZENOTI_SIM_API_KEY}`);

    const expected = sim.sessions.filter((s) => {
      const start = instantOf(s.localStart, sim.timeZone);
      return start >= Date.parse(window.from) && start < Date.parse(window.to);
    });
    expect(fetched.records.sessions).toHaveLength(expected.length);
    expect(expected.length).toBeGreaterThan(200);
    expect(fetched.issues).toEqual([]);

    const simSession = expected.find((s) => !s.cancelled && sim.counts(s.id).occupancy > 0)!;
    const session = fetched.records.sessions.find((s) => s.id === sessionKey(simSession.id))!;
    expect(session).toMatchObject({
      title: simSession.name,
      room: expect.any(String),
      capacity: simSession.capacity,
      booked: sim.counts(simSession.id).occupancy,
      waitlisted: sim.counts(simSession.id).waitlisted,
      status: 'scheduled',
      locationId: `zen-1:location:${sim.centerId}`,
      classTypeId: `zen-1:class-type:${simSession.classId}`,
      instructorId: `zen-1:instructor:${simSession.instructorId}`,
    });
    const cancelled = expected.find((s) => s.cancelled)!;
    expect(fetched.records.sessions.find((s) => s.id === sessionKey(cancelled.id))?.status).toBe('cancelled');
    expect(fetched.records.classTypes.map((c) => c.name)).toContain('Reformer Pilates');
    expect(fetched.records.instructors.map((i) => i.name)).toContain('Maya Chen');
    expect(fetched.records.locations).toEqual([
      { id: `zen-1:location:${sim.centerId}`, connectionId: 'zen-1', name: sim.centerName, timeZone: 'America/New_York', locale: 'en-US' },
    ]);
    expect(sim.rateLimited).toBe(0);
  });

  it('reads center-local times in the configured zone across a DST change, whatever zone the PC is in', async () => {
    await startSim({ now: new Date('2026-03-08T12:00:00Z'), sessionsPerDay: 0, utcTimes: false });
    const before = sim.addSession({ localStart: '2026-03-07T09:00:00', minutes: 60 });
    const after = sim.addSession({ localStart: '2026-03-09T09:00:00', minutes: 60 });
    const pcZone = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      const fetched = checked(await zenoti().fetchWindow({ from: '2026-03-06T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' }));
      const byId = new Map(fetched.records.sessions.map((s) => [s.id, s]));
      expect(byId.get(sessionKey(before.id))).toMatchObject({ startsAt: '2026-03-07T14:00:00.000Z', endsAt: '2026-03-07T15:00:00.000Z' });
      expect(byId.get(sessionKey(after.id))).toMatchObject({ startsAt: '2026-03-09T13:00:00.000Z', endsAt: '2026-03-09T14:00:00.000Z' });
      expect(sim.log[0]!.query.get('start_date')).toBe('2026-03-05');
      expect(sim.log[0]!.query.get('end_date')).toBe('2026-03-10');
    } finally {
      if (pcZone === undefined) delete process.env.TZ;
      else process.env.TZ = pcZone;
    }
  });

  it("prefers Zenoti's UTC times and reports a zone setting that does not match them", async () => {
    const fetched = checked(await zenoti({ settings: { timeZone: 'Europe/Berlin' } }).fetchWindow(localWindow('2026-11-23T09:00:00', '2026-11-23T12:00:00')));
    const nine = sim.sessionsOn('2026-11-23').find((s) => s.localStart.endsWith('T09:00:00'))!;
    expect(fetched.records.sessions.find((s) => s.id === sessionKey(nine.id))?.startsAt).toBe('2026-11-23T14:00:00.000Z');
    expect(fetched.issues).toEqual([expect.objectContaining({ table: 'locations', message: expect.stringContaining('Europe/Berlin') })]);
  });

  it('reports malformed sessions and registrations one by one and keeps the rest', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T10:15:00' });
    sim.addRegistration(session.id, sim.guests[0]!.id, 0);
    sim.addMalformedRegistration(session.id, { id: 4711, status: 42, guest: { id: sim.guests[1]!.id } });
    sim.addMalformedSession({ id: 'bad-1', class_id: 101, name: 'Broken', start_time: 'soon', end_time: 'later', status: 0, capacity: 5, occupancy: 0 }, '2026-11-23');
    sim.addMalformedSession({ id: 'bad-2', name: 'No class', status: 0 }, '2026-11-23');
    const fetched = checked(
      await zenoti({ tuning: { rosterFetchesPerSync: 1 } }).fetchWindow(localWindow('2026-11-23T10:10:00', '2026-11-23T10:20:00')),
    );
    expect(fetched.records.sessions.map((s) => s.id)).toEqual([sessionKey(session.id)]);
    expect(fetched.records.bookings).toHaveLength(1);
    expect(fetched.issues).toEqual(
      expect.arrayContaining([
        { table: 'sessions', sourceId: 'bad-1', message: expect.stringContaining('start_time') },
        { table: 'sessions', sourceId: 'bad-2', message: expect.any(String) },
        { table: 'bookings', sourceId: '4711', message: expect.stringContaining('status') },
      ]),
    );
    expect(fetched.issues).toHaveLength(3);
  });

  it('refuses a broken envelope or an answer that is not JSON as retryable unreadable answers', async () => {
    const window = localWindow('2026-11-23T09:00:00', '2026-11-23T12:00:00');
    sim.replaceNextBody(/sessions$/, { sessions: 'none' });
    const broken = await providerFailure(zenoti().fetchWindow(window));
    expect(broken).toMatchObject({ retryable: true, code: 'invalid_response', said: { code: 'provider_unreadable', params: { provider: 'Zenoti' } } });
    sim.faults.invalidJson = 1;
    expect(await providerFailure(zenoti().fetchWindow(window))).toMatchObject({ retryable: true, code: 'invalid_response' });
  });

  it('asks for center-local dates in ranges of at most 31 days', () => {
    const ranges = centerDateRanges({ from: '2026-03-01T05:00:00.000Z', to: '2026-04-10T04:00:00.000Z' }, 'America/New_York');
    expect(ranges).toEqual([
      { startDate: '2026-03-01', endDate: '2026-03-31' },
      { startDate: '2026-04-01', endDate: '2026-04-09' },
    ]);
  });
});

describe('Zenoti class lists', () => {
  it('maps every registration status, with waitlist places, check-in times and guests as members', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T10:15:00' });
    const made = Array.from({ length: 10 }, (_, status) => sim.addRegistration(session.id, sim.guests[status]!.id, status));
    made[3]!.signedInTime = '2026-11-23T10:05:00';
    const fetched = checked(
      await zenoti({ tuning: { rosterFetchesPerSync: 1 } }).fetchWindow(localWindow('2026-11-23T10:10:00', '2026-11-23T10:20:00')),
    );
    const roster = sim.requests(/registrations$/);
    expect(roster).toHaveLength(1);
    expect(roster[0]!.query.get('session_id')).toBe(String(session.id));
    const statuses = made.map((r) => fetched.records.bookings.find((b) => b.id === bookingKey(r.id))?.status);
    expect(statuses).toEqual(['booked', 'cancelled', 'no_show', 'checked_in', 'waitlisted', 'cancelled', 'cancelled', 'cancelled', 'booked', 'rejected']);
    expect(fetched.records.bookings.find((b) => b.id === bookingKey(made[4]!.id))?.waitlistPosition).toBe(1);
    expect(fetched.records.bookings.find((b) => b.id === bookingKey(made[3]!.id))?.checkedInAt).toBe('2026-11-23T15:05:00.000Z');
    const guest = sim.guests[0]!;
    expect(fetched.records.members).toContainEqual({
      id: `zen-1:member:${guest.id}`,
      connectionId: 'zen-1',
      firstName: guest.firstName,
      lastName: guest.lastName,
      memberNumber: guest.code,
      barcode: guest.code,
      email: guest.email,
      phone: `+1 ${guest.phone}`,
    });
    expect(fetched.records.bookings.every((b) => b.source === 'zenoti' && b.sessionId === sessionKey(session.id))).toBe(true);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(bookingStatusOf)).toEqual(statuses);
  });

  it('re-reads only the lists that are due, soonest first, and an unchanged list changes nothing', async () => {
    const soon = sim.addSession({ localStart: '2026-11-23T13:15:00' });
    const later = sim.addSession({ localStart: '2026-11-23T13:45:00' });
    const empty = sim.addSession({ localStart: '2026-11-23T13:30:00' });
    sim.addRegistration(soon.id, sim.guests[0]!.id);
    sim.addRegistration(later.id, sim.guests[1]!.id);
    const provider = zenoti({ tuning: { rosterFetchesPerSync: 1 } });
    const window = localWindow('2026-11-23T13:10:00', '2026-11-23T13:50:00');
    const rosterReads = () => sim.requests(/registrations$/).map((r) => Number(r.query.get('session_id')));

    const first = checked(await provider.fetchWindow(window));
    expect(rosterReads()).toEqual([soon.id]);
    expect(first.records.sessions.map((s) => s.id)).toContain(sessionKey(empty.id));
    const second = checked(await provider.fetchWindow(window));
    expect(rosterReads()).toEqual([soon.id, later.id]);
    now = new Date(NOW.getTime() + 60_000);
    const third = checked(await provider.fetchWindow(window));
    expect(rosterReads()).toEqual([soon.id, later.id]);
    expect(third.records).toEqual(second.records);
    expect(third.records.bookings).toHaveLength(2);
    expect(sim.rateLimited).toBe(0);
  });
});

describe('Zenoti desk actions', () => {
  it('checks a member in and undoes it, and Zenoti keeps the change', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T10:30:00' });
    const registration = sim.addRegistration(session.id, sim.guests[2]!.id, 0);
    const provider = zenoti({ tuning: { rosterFetchesPerSync: 1 } });
    const fetched = await provider.fetchWindow(localWindow('2026-11-23T10:20:00', '2026-11-23T10:40:00'));
    const booking = fetched.records.bookings.find((b) => b.memberId === `zen-1:member:${sim.guests[2]!.id}`)!;

    const checkedIn = await provider.checkIn!({ actionId: 'a1', bookingId: booking.id });
    expect(checkedIn).toMatchObject({ id: booking.id, status: 'checked_in', checkedInAt: now.toISOString(), memberId: booking.memberId });
    expect(sim.registration(registration.id)?.status).toBe(3);
    const path = `/v1/classes/${session.classId}/registrations/${registration.id}/sign_in`;
    expect(sim.requests(/sign_in$/, 'PUT').map((r) => r.path)).toEqual([path]);
    // Sent again (its answer lost, say): Zenoti refuses, the list shows the member checked in, so it is done.
    expect(await provider.checkIn!({ actionId: 'a1', bookingId: booking.id })).toMatchObject({ id: booking.id, status: 'checked_in' });
    expect(sim.registration(registration.id)?.status).toBe(3);

    const undone = await provider.undoCheckIn!({ actionId: 'a2', bookingId: booking.id });
    expect(undone.status).toBe('booked');
    expect(undone.checkedInAt).toBeUndefined();
    expect(sim.registration(registration.id)?.status).toBe(0);
  });

  it('after a restart, reads the class list first, and a check-in Zenoti already has counts as done', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T10:30:00' });
    const registration = sim.addRegistration(session.id, sim.guests[3]!.id, 3);
    const booking = await zenoti().checkIn!({ actionId: 'retry-1', bookingId: bookingKey(registration.id) });
    expect(booking).toMatchObject({ status: 'checked_in', memberId: `zen-1:member:${sim.guests[3]!.id}` });
    expect(sim.log.map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual(['GET registrations', 'PUT sign_in', 'GET registrations']);
  });

  it('refuses to check in a waitlisted member, in plain words, keeping Zenoti\'s own', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T10:30:00' });
    const registration = sim.addRegistration(session.id, sim.guests[4]!.id, 4);
    const error = await providerFailure(zenoti().checkIn!({ actionId: 'w1', bookingId: bookingKey(registration.id) }));
    expect(error).toMatchObject({
      said: { code: 'on_waitlist_not_booked' },
      retryable: false,
      detail: { status: 400, providerCode: '1004', providerMessage: 'User is waitlisted in the class and cannot sign in' },
    });
  });

  it('cancels a booking, and the first on the waitlist moves up', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T12:00:00', capacity: 1 });
    const booked = sim.addRegistration(session.id, sim.guests[5]!.id, 0);
    const waiting = sim.addRegistration(session.id, sim.guests[6]!.id, 4);
    const cancelled = await zenoti().cancelBooking!({ actionId: 'c1', bookingId: bookingKey(booked.id) });
    expect(cancelled.status).toBe('cancelled');
    expect(sim.registration(booked.id)?.status).toBe(1);
    expect(sim.registration(waiting.id)?.status).toBe(0);
  });

  it('books a found member, puts them on the waitlist of a full class, and says when there is none', async () => {
    const provider = zenoti();
    const [member] = await provider.searchMembers!('Ava Adams');
    expect(member?.barcode).toBe('ZN1001');
    const open = sim.addSession({ localStart: '2026-11-23T18:15:00', classId: 102 });
    const booked = await provider.book!({ actionId: 'b1', sessionId: sessionKey(open.id), memberId: member!.id });
    const created = sim.registrationsOf(open.id)[0]!;
    expect(booked).toMatchObject({ id: bookingKey(created.id), status: 'booked', memberId: member!.id, sessionId: sessionKey(open.id) });
    expect(sim.requests(/registrations$/, 'POST')[0]!.body).toEqual({ center_id: sim.centerId, session_id: String(open.id), guest_id: sim.guests[0]!.id });

    const full = sim.addSession({ localStart: '2026-11-23T18:30:00', classId: 102, capacity: 1 });
    sim.addRegistration(full.id, sim.guests[7]!.id, 0);
    const waitlisted = await provider.book!({ actionId: 'b2', sessionId: sessionKey(full.id), memberId: member!.id });
    expect(waitlisted.status).toBe('waitlisted');
    expect(sim.counts(full.id)).toEqual({ occupancy: 1, waitlisted: 1 });

    const noWaitlist = sim.addSession({ localStart: '2026-11-23T18:45:00', classId: 103, capacity: 1 });
    sim.addRegistration(noWaitlist.id, sim.guests[7]!.id, 0);
    const error = await providerFailure(provider.book!({ actionId: 'b3', sessionId: sessionKey(noWaitlist.id), memberId: member!.id }));
    expect(error).toMatchObject({ said: { code: 'class_full_no_waitlist' }, retryable: false, detail: { providerCode: '1012' } });
  });

  it('books exactly once when the first answer was lost on the way back', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T18:15:00' });
    const memberId = `zen-1:member:${sim.guests[8]!.id}`;
    const provider = zenoti();
    sim.faults.latencyMs = 400;
    const lost = await providerFailure(provider.book!({ actionId: 'once', sessionId: sessionKey(session.id), memberId }));
    expect(lost).toMatchObject({ retryable: true, code: 'timeout' });
    sim.faults.latencyMs = 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const booking = await provider.book!({ actionId: 'once', sessionId: sessionKey(session.id), memberId });
    const registrations = sim.registrationsOf(session.id);
    expect(registrations).toHaveLength(1);
    expect(booking).toMatchObject({ id: bookingKey(registrations[0]!.id), status: 'booked' });
  });

  it('says plainly when booking has closed or the class is unknown', async () => {
    const closing = sim.addSession({ localStart: '2026-11-23T10:45:00', classId: 104 });
    const memberId = `zen-1:member:${sim.guests[9]!.id}`;
    const closed = await providerFailure(zenoti().book!({ actionId: 'x1', sessionId: sessionKey(closing.id), memberId }));
    expect(closed).toMatchObject({ said: { code: 'booking_closed' }, retryable: false, detail: { status: 400, providerCode: '1022' } });
    const unknown = await providerFailure(zenoti().book!({ actionId: 'x2', sessionId: 'zen-1:session:999.70001', memberId }));
    expect(unknown).toMatchObject({ code: 'not_found', retryable: false, detail: { status: 404, providerCode: '1001', providerMessage: 'Class is invalid' } });
    expect(unknown.said).toEqual({ code: 'class_not_known', params: { provider: 'Zenoti' } });
  });

  it('explains a key without write permission (403)', async () => {
    const session = sim.addSession({ localStart: '2026-11-23T10:30:00' });
    const registration = sim.addRegistration(session.id, sim.guests[2]!.id, 0);
    const error = await providerFailure(zenoti({ apiKey: ZENOTI_SIM_READ_ONLY_KEY }).checkIn!({ actionId: 'f1', bookingId: bookingKey(registration.id) }));
    expect(error).toMatchObject({ code: 'forbidden', retryable: false, detail: { status: 403 } });
    expect(error.said).toEqual({ code: 'provider_key_forbidden', params: { provider: 'Zenoti' } });
    expect(sim.registration(registration.id)?.status).toBe(0);
  });
});

describe('Zenoti guests', () => {
  it('reads the search box as the field it most likely means', () => {
    expect(searchesFor('Adams')).toEqual([{ last_name: 'Adams' }, { first_name: 'Adams' }]);
    expect(searchesFor('Ava van Dyke')).toEqual([{ first_name: 'Ava', last_name: 'van Dyke' }]);
    expect(searchesFor('ava@example.com')).toEqual([{ email: 'ava@example.com' }]);
    expect(searchesFor('+1 (555) 010-00')).toEqual([{ phone: '155501000' }]);
    expect(searchesFor('ZN1001')).toEqual([{ user_code: 'ZN1001' }]);
    expect(searchesFor('a')).toEqual([]);
  });

  it('searches by name, email or phone and finds a card by its exact guest code', async () => {
    sim.addMalformedGuest({ id: 'broken-guest' });
    const provider = zenoti();
    const adams = await provider.searchMembers!('adams');
    expect(adams.length).toBeGreaterThan(5);
    expect(adams.every((m) => m.lastName === 'Adams')).toBe(true);
    expect(sim.requests(/search$/).map((r) => [r.query.get('last_name'), r.query.get('first_name')])).toEqual([['adams', null], [null, 'adams']]);
    expect((await provider.searchMembers!('ava.brooks@example.com')).map((m) => m.barcode)).toEqual(['ZN1013']);
    expect(await provider.findMemberByBarcode!('ZN1002')).toMatchObject({ firstName: 'Ben', lastName: 'Adams', barcode: 'ZN1002' });
    // ZN10 is the start of many codes but nobody's whole code.
    expect(await provider.findMemberByBarcode!('ZN10')).toBeUndefined();
  });
});

describe('Zenoti connection and failures', () => {
  it('tests the connection with one session of today and uses the documented API root by default', async () => {
    await zenoti().testConnection();
    expect(sim.log).toHaveLength(1);
    expect(sim.log[0]!.query.get('size')).toBe('1');
    expect(sim.log[0]!.query.get('start_date')).toBe('2026-11-23');
    expect(zenotiBaseUrl({ id: 'z', provider: 'zenoti', label: 'Z' })).toBe('https://api.zenoti.com');
  });

  it('says clearly when the key is wrong, without repeating it', async () => {
    const error = await providerFailure(zenoti({ apiKey: 'wrong-secret-key' }).testConnection());
    expect(error).toMatchObject({
      said: { code: 'provider_key_refused', params: { provider: 'Zenoti' } },
      retryable: false,
      code: 'unauthorized',
      detail: { status: 401, providerMessage: 'Authorization has been denied for this request.' },
    });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-secret-key');
  });

  it('says when the center id or time zone is wrong or missing', async () => {
    const center = await providerFailure(zenoti({ settings: { scopeId: '00000000-0000-4000-8000-000000000000' } }).testConnection());
    expect(center).toMatchObject({ said: { code: 'settings_center_unknown' }, retryable: false, detail: { providerCode: '502' } });
    for (const settings of [{ scopeId: undefined }, { timeZone: undefined }, { timeZone: 'Mars/Olympus' }]) {
      const error = await providerFailure(zenoti({ settings }).fetchWindow(localWindow('2026-11-23T09:00:00', '2026-11-23T12:00:00')));
      expect(error).toMatchObject({ code: 'invalid_settings', retryable: false });
    }
    await expect(zenoti({ settings: { scopeId: undefined } }).checkIn!({ actionId: 's1', bookingId: 'zen-1:booking:1.2.3' })).rejects.toMatchObject({
      code: 'invalid_settings',
    });
    expect(sim.log).toHaveLength(1);
  });

  it('waits as long as Retry-After says on 429 and then succeeds', async () => {
    sim.faults.rateLimitStorm = { count: 1, retryAfterSeconds: 1 };
    const started = Date.now();
    await zenoti().testConnection();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.log).toHaveLength(2);
  });

  it("enforces Zenoti's per-minute limit, and a long Retry-After fails as retryable with Zenoti's words kept", async () => {
    await startSim({ rateLimitPerMinute: 2 });
    const provider = zenoti();
    await provider.testConnection();
    await provider.testConnection();
    const error = await providerFailure(provider.testConnection());
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, detail: { status: 429, providerCode: '429' } });
    expect(sim.rateLimited).toBe(1);
  });

  it('backs off through 503s, and gives up retryably when they go on', async () => {
    sim.faults.serverErrors = { count: 2, status: 503 };
    await zenoti().testConnection();
    expect(sim.log).toHaveLength(3);
    sim.faults.serverErrors = { count: 5, status: 503 };
    const error = await providerFailure(zenoti({ retry: { limit: 1 } }).testConnection());
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('times out an unanswered request, retries it, and reports a timeout when none comes', async () => {
    sim.faults.hangs = 1;
    await zenoti().testConnection();
    sim.faults.hangs = 5;
    const error = await providerFailure(zenoti({ retry: { limit: 1 } }).testConnection());
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.said).toEqual({ code: 'provider_timeout', params: { provider: 'Zenoti' } });
  });
});

/** A sanity check on the helpers the tests lean on. */
describe('Zenoti ids', () => {
  it('round-trip session and booking keys', () => {
    const booking: Pick<Booking, 'id'> = { id: ids.booking({ classId: '101', sessionId: '70001', registrationId: '9' }) };
    expect(ids.registrationKey(booking.id)).toEqual({ classId: '101', sessionId: '70001', registrationId: '9' });
    expect(ids.sessionKey('zen-1:session:101.70001')).toEqual({ classId: '101', sessionId: '70001' });
    expect(ids.sessionKey('other:session:101.70001')).toBeUndefined();
  });
});
