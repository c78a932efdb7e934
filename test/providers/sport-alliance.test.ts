import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../src-shared/connections';
import { Booking, ClassType, Instructor, Location, Member, Session } from '../../src-shared/domain';
import type { ProviderFetch, SyncWindow } from '../../src-main/core/providers/provider';
import {
  createSportAllianceProvider,
  sportAllianceBaseUrl,
  type SportAllianceProvider,
  type SportAlliancePreset,
} from '../../src-main/core/providers/sport-alliance/sport-alliance-provider';
import { syncWindowAround } from '../../src-main/core/sync/sync-window';
import { SIM_API_KEY, SportAllianceSimulator } from '../simulators/sport-alliance-simulator';
import type { SimSlot } from '../simulators/sport-alliance-simulator-studio';
import { SportAllianceSpec } from '../simulators/sport-alliance-spec';
import { asFetched, FetchedBookingRecord } from './fetched-bookings';
import { providerFailure } from '../support/provider-failure';

/** Thursday before the spring DST change (Sunday 2026-03-29), 10:00 in Berlin. */
const NOW = new Date('2026-03-26T09:00:00.000Z');
const WINDOW: SyncWindow = syncWindowAround(NOW);
const fastHttp = { timeoutMs: 300, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };
const spec = SportAllianceSpec.load();
const actionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let sim: SportAllianceSimulator;
let root: string;

function connect(options: { preset?: SportAlliancePreset; apiKey?: string; settings?: Partial<ConnectionSettings> } = {}): SportAllianceProvider {
  const preset = options.preset ?? 'magicline';
  const settings: ConnectionSettings = { id: 'ml-berlin', provider: preset, label: 'Studio at the desk', baseUrl: `${root}/v1`, ...options.settings };
  return createSportAllianceProvider({ settings, apiKey: options.apiKey ?? SIM_API_KEY, clock: () => NOW, http: fastHttp }, preset) as SportAllianceProvider;
}

/** Every record must fit the desk's schemas. */
function expectDomainRecords({ records }: ProviderFetch): void {
  Location.array().parse(records.locations);
  Instructor.array().parse(records.instructors);
  ClassType.array().parse(records.classTypes);
  Session.array().parse(records.sessions);
  Member.array().parse(records.members);
  FetchedBookingRecord.array().parse(records.bookings);
}

const sessionIdOf = (slot: SimSlot) => `ml-berlin:session:${slot.id}`;
const slotsInWindow = () => sim.studio.slots.filter((slot) => {
  const start = sim.studio.startOf(slot).toUTC().toISO() ?? '';
  return start >= WINDOW.from && start < WINDOW.to;
});
/** A member who may book `slot` (has credits, not paused, not booked into it yet). */
const freeCustomerOn = (slot: SimSlot, except: number[] = []) =>
  sim.studio.customers.find((c) => !c.noContingent && !c.idle && !except.includes(c.id) && !sim.studio.bookingsOn(slot.id).some((b) => b.customerId === c.id))!.id;
/** Tomorrow at 18:00, bookable now (booking opens 7 days before). */
const bookableSlot = () => sim.studio.slotAt('2026-03-27T18:00')!;

beforeEach(async () => {
  sim = new SportAllianceSimulator({ now: NOW });
  root = await sim.start();
});

afterEach(async () => {
  await sim.stop();
  // Every request the adapter sent must be one the spec declares, and every answer the simulator gave one it allows.
  expect(sim.log.flatMap((request) => spec.checkRequest(request))).toEqual([]);
  expect(sim.exchanges.filter((exchange) => !exchange.tampered).flatMap((exchange) => spec.checkAnswer(exchange))).toEqual([]);
});

describe('Sport Alliance (Magicline) timetable', () => {
  it('lists a 14-day window across several slices, with the studio, classes, trainers and counts', async () => {
    const fetched = await connect().fetchWindow(WINDOW);
    expectDomainRecords(fetched);
    expect(fetched.issues).toEqual([]);
    const { sessions, locations, classTypes, instructors } = fetched.records;
    expect(sessions.map((s) => s.id).sort()).toEqual(slotsInWindow().map(sessionIdOf).sort());
    expect(sessions.length).toBeGreaterThan(120);
    const slotRequests = sim.log.filter((r) => r.path === '/v1/classes/slots');
    const windows = new Set(slotRequests.map((r) => r.query.get('slotWindowStartDate')));
    expect(slotRequests.length).toBeGreaterThan(windows.size); // some windows took more than one slice
    expect(slotRequests.some((r) => r.query.has('offset'))).toBe(true);
    expect(locations).toEqual([
      { id: 'ml-berlin:location:7001', connectionId: 'ml-berlin', name: 'FitHaus Berlin Mitte', timeZone: 'Europe/Berlin', locale: 'de-DE' },
    ]);
    expect(classTypes.map((c) => c.name).sort()).toEqual(['Bodypump', 'HIIT', 'Pilates', 'Spinning', 'Yoga Flow']);
    expect(instructors.map((i) => i.name).sort()).toEqual(['Jonas Becker', 'Lukas Wagner', 'Mia Schulz']);

    const slot = bookableSlot();
    const session = sessions.find((s) => s.id === sessionIdOf(slot))!;
    const counts = sim.studio.counts(slot);
    expect(session).toMatchObject({
      locationId: 'ml-berlin:location:7001',
      classTypeId: `ml-berlin:class-type:${slot.classId}`,
      instructorId: `ml-berlin:instructor:${slot.instructorId}`,
      title: sim.studio.classOf(slot).title,
      room: slot.room.name,
      capacity: slot.maxParticipants,
      booked: counts.booked + slot.additionalParticipants,
      waitlisted: counts.waiting,
      status: 'scheduled',
      startsAt: '2026-03-27T17:00:00.000Z',
      bookingOpensAt: '2026-03-19T23:00:00.000Z',
      bookingClosesAt: '2026-03-27T17:00:00.000Z',
    });
    expect(fetched.records.bookings).toEqual([]); // nobody looked up yet: no roster to show
  });

  it('places sessions correctly on both sides of the DST change, deadlines counted on the studio clock', async () => {
    const { sessions } = (await connect().fetchWindow(WINDOW)).records;
    const at = (local: string) => sessions.find((s) => s.id === sessionIdOf(sim.studio.slotAt(local)!))!;
    expect(at('2026-03-28T08:00').startsAt).toBe('2026-03-28T07:00:00.000Z');
    expect(at('2026-03-30T08:00').startsAt).toBe('2026-03-30T06:00:00.000Z');
    expect(at('2026-03-28T08:00').endsAt > at('2026-03-28T08:00').startsAt).toBe(true);
    // A class on the DST Sunday whose term is one day: the deadline is the same wall time on Saturday (CET).
    const sunday = sim.studio.slots.find((s) => s.localStart.startsWith('2026-03-29') && sim.studio.classOf(s).latestCancelTerm.unit === 'DAY')!;
    const wallTime = sunday.localStart.slice(11);
    const expected = DateTime.fromISO(`2026-03-28T${wallTime}`, { zone: 'Europe/Berlin' }).toUTC().toISO();
    expect(at(sunday.localStart).cancellationDeadline).toBe(expected);
  });

  it('keeps the rest when records are malformed, and reports each one', async () => {
    sim.studio.malformed.slots.push(
      { localDate: '2026-03-27', record: { id: 9901, additionalParticipants: 0, startDateTime: 'next tuesday', classInformation: { id: 101 } } },
      { localDate: '2026-03-27', record: { id: 9902, additionalParticipants: 0, startDateTime: '2026-03-27T10:00:00.000+01:00[Europe/Berlin]' } },
      { localDate: '2026-03-28', record: { id: 9903, startDateTime: '2026-03-28T10:00:00.000+01:00[Europe/Berlin]', classInformation: { id: 101 }, bookedParticipants: -4 } },
    );
    sim.studio.malformed.classes.push({ id: 'yoga', bookable: true });
    const desk = connect();
    await desk.findMemberByBarcode(sim.studio.customers[0]!.barcode!);
    sim.studio.malformed.bookings.push({ customerId: 1001, record: { bookingId: 777, bookingStatus: 'MAYBE', classSlotId: 5010, classId: 101, customerId: 1001 } });
    const fetched = await desk.fetchWindow(WINDOW);
    expectDomainRecords(fetched);
    expect(fetched.records.sessions).toHaveLength(slotsInWindow().length);
    expect(fetched.issues.map(({ table, sourceId }) => `${table}:${sourceId}`).sort()).toEqual([
      'bookings:777',
      'classTypes:yoga',
      'sessions:9901',
      'sessions:9902',
      'sessions:9903',
    ]);
    expect(fetched.issues.find((i) => i.sourceId === '9901')?.message).toContain('next tuesday');
    expect(fetched.issues.find((i) => i.sourceId === '9902')?.message).toContain('classInformation');
    expect(fetched.issues.find((i) => i.sourceId === '9903')?.message).toContain('bookedParticipants');
    expect(fetched.records.bookings.length).toBeGreaterThan(0);
  });

  it('falls back to the connection label when the key may not read the studio, and still syncs', async () => {
    sim.deniedEndpoints.add('/v1/studios/information');
    const fetched = await connect().fetchWindow(WINDOW);
    expect(fetched.records.locations).toEqual([
      { id: 'ml-berlin:location:studio', connectionId: 'ml-berlin', name: 'Studio at the desk', timeZone: 'Europe/Berlin', locale: 'en-GB' },
    ]);
    expect(fetched.records.sessions.length).toBe(slotsInWindow().length);
  });

  it('stays under the per-endpoint limit in a normal sync with lookups', async () => {
    const desk = connect();
    for (const customer of sim.studio.customers.slice(0, 5)) await desk.findMemberByBarcode(customer.customerNumber);
    await desk.fetchWindow(WINDOW);
    await desk.fetchWindow(WINDOW);
    expect(sim.rateLimited).toBe(0);
  });
});

describe('Sport Alliance members and bookings', () => {
  it('finds members by barcode, card number and customer number', async () => {
    const desk = connect();
    const anna = sim.studio.customers[0]!;
    const byBarcode = await desk.findMemberByBarcode(anna.barcode!);
    expect(Member.parse(byBarcode)).toEqual({
      id: 'ml-berlin:member:1001',
      connectionId: 'ml-berlin',
      firstName: anna.firstName,
      lastName: anna.lastName,
      memberNumber: '1-1001',
      barcode: anna.barcode,
      email: anna.email,
      phone: '+49 151 100100',
    });
    const cardOnly = sim.studio.customers.find((c) => !c.barcode)!;
    expect(await desk.findMemberByBarcode(cardOnly.cardNumber)).toMatchObject({ id: `ml-berlin:member:${cardOnly.id}`, barcode: cardOnly.cardNumber });
    expect(await desk.findMemberByBarcode('1-1002')).toMatchObject({ id: 'ml-berlin:member:1002', memberNumber: '1-1002' });
    expect(await desk.findMemberByBarcode('999999')).toBeUndefined();
    // A card number is tried only for digits; the customer number last.
    const tried = sim.log.filter((r) => r.path === '/v1/customers/by').map((r) => [...r.query.keys()].filter((k) => k !== 'cardNumberFormat').join());
    expect(tried).toEqual(['barcode', 'barcode', 'cardNumber', 'barcode', 'customerNumber', 'barcode', 'cardNumber', 'customerNumber']);
  });

  it('searches by first name, last name, both (either order) and email', async () => {
    const desk = connect();
    const annas = await desk.searchMembers('anna');
    expect(annas.length).toBeGreaterThan(0);
    expect(annas.every((m) => m.firstName === 'Anna' || m.lastName.toLowerCase().startsWith('anna'))).toBe(true);
    const anna = sim.studio.customers[0]!;
    expect((await desk.searchMembers(`${anna.firstName} ${anna.lastName}`)).map((m) => m.id)).toContain('ml-berlin:member:1001');
    expect((await desk.searchMembers(`${anna.lastName} ${anna.firstName}`)).map((m) => m.id)).toContain('ml-berlin:member:1001');
    expect((await desk.searchMembers(anna.email)).map((m) => m.id)).toEqual(['ml-berlin:member:1001']);
    expect(await desk.searchMembers('a')).toEqual([]);
    Member.array().parse(annas);
  });

  it('shows the bookings of members looked up at the desk, with attendance, and a cancelled class', async () => {
    const desk = connect();
    const member = (await desk.findMemberByBarcode(sim.studio.customers[1]!.barcode!))!;
    const theirs = sim.studio.bookings.filter((b) => b.customerId === 1002);
    const past = theirs.find((b) => b.participantStatus === 'PARTICIPATING')!;
    expect(past).toBeDefined();
    const upcoming = theirs.find((b) => sim.studio.slotStatus(sim.studio.slots.find((s) => s.id === b.slotId)!) === 'PLANNED')!;
    sim.studio.slots.find((s) => s.id === upcoming.slotId)!.cancelled = true;
    const first = await desk.fetchWindow(WINDOW);
    expectDomainRecords(first);
    expect(first.records.members).toEqual([member]);
    const byId = new Map(first.records.bookings.map((b) => [b.id, b]));
    expect(byId.get(`ml-berlin:booking:${past.bookingId}`)).toMatchObject({ status: 'checked_in', memberId: member.id, source: 'magicline' });
    expect(byId.get(`ml-berlin:booking:${upcoming.bookingId}`)?.status).toBe('booked');
    expect(first.records.sessions.find((s) => s.id === `ml-berlin:session:${upcoming.slotId}`)?.status).toBe('cancelled');
    expect(sim.log.filter((r) => r.path === '/v1/classes/booking').map((r) => r.query.get('customerId'))).toEqual(['1002']);
    // The Open API never says when a booking changed, so no time is made up: the store stamps bookings.
    expect(first.records.bookings.filter((b) => b.updatedAt !== undefined)).toEqual([]);
    // Nothing changed: the next sync sends the very same records.
    const second = await desk.fetchWindow(WINDOW);
    expect(second.records.bookings).toEqual(first.records.bookings);
  });

  it('says in plain words why a member cannot book', async () => {
    const desk = connect();
    const sessionId = sessionIdOf(bookableSlot());
    const check = (customerId: number, session = sessionId) => desk.validateBooking({ sessionId: session, memberId: `ml-berlin:member:${customerId}` });
    expect(await check(freeCustomerOn(bookableSlot()))).toEqual({ bookable: true, reasons: [] });
    expect(await check(1003)).toEqual({ bookable: false, reasons: [{ code: 'no_class_credits' }] });
    expect((await check(1004)).reasons).toEqual([{ code: 'membership_paused' }]);
    const alreadyIn = sim.studio.bookings.find((b) => b.status === 'BOOKED' && b.slotId === bookableSlot().id);
    if (alreadyIn) expect((await check(alreadyIn.customerId)).reasons).toEqual([{ code: 'already_booked' }]);
    expect((await check(1005, sessionIdOf(sim.studio.slotAt('2026-04-08T18:00')!))).reasons).toEqual([{ code: 'booking_not_open_yet' }]);
    expect((await check(1005, sessionIdOf(sim.studio.slotAt('2026-03-26T08:00')!))).reasons).toEqual([{ code: 'booking_closed' }]);
    const full = sim.studio.slotAt('2026-03-27T19:00')!;
    full.othersBooked = full.maxParticipants;
    full.othersWaiting = full.maxWaitingListParticipants;
    expect((await check(1005, sessionIdOf(full))).reasons).toEqual([{ code: 'booking_limit_reached' }]);
    expect(await providerFailure(check(424242))).toMatchObject({ code: 'not_found', retryable: false, detail: { status: 404 } });
  });

  it('books a member, shows the booking in the next sync, and a repeated booking finds the one Magicline has', async () => {
    const desk = connect();
    const slot = bookableSlot();
    const before = sim.studio.counts(slot).booked;
    const customerId = freeCustomerOn(slot);
    const memberId = `ml-berlin:member:${customerId}`;
    const booking = Booking.parse(await desk.book({ actionId: actionId(1), sessionId: sessionIdOf(slot), memberId }));
    expect(booking).toMatchObject({ sessionId: sessionIdOf(slot), memberId, status: 'booked', source: 'magicline', updatedAt: NOW.toISOString() });
    expect(sim.studio.counts(slot).booked).toBe(before + 1);
    // Sent again (the adapter keeps no memo of actions), Magicline refuses it as already booked and
    // the adapter answers with the booking Magicline has: the same one, not a second.
    expect(await desk.book({ actionId: actionId(1), sessionId: sessionIdOf(slot), memberId })).toEqual(booking);
    const again = await connect().book({ actionId: actionId(1), sessionId: sessionIdOf(slot), memberId });
    expect(again.id).toBe(booking.id);
    expect(sim.studio.bookings.filter((b) => b.customerId === customerId && b.slotId === slot.id)).toHaveLength(1);
    expect(sim.log.filter((r) => r.path === '/v1/classes/booking/book')).toHaveLength(3);

    const fetched = await desk.fetchWindow(WINDOW);
    expectDomainRecords(fetched);
    expect(fetched.records.bookings).toContainEqual(asFetched(booking));
    expect(fetched.records.members.map((m) => m.id)).toContain(memberId);
    expect(fetched.records.sessions.find((s) => s.id === sessionIdOf(slot))?.booked).toBe(before + 1 + slot.additionalParticipants);
    expect(await providerFailure(desk.book({ actionId: actionId(10), sessionId: sessionIdOf(slot), memberId: 'ml-berlin:member:424242' }))).toMatchObject({
      code: 'not_found',
      said: { code: 'record_not_known', params: { provider: 'Magicline' } },
    });
  });

  it("finds a member's live booking on a slot, so a booking that may have arrived is not sent again", async () => {
    const slot = bookableSlot();
    const customerId = freeCustomerOn(slot);
    const subject = { sessionId: sessionIdOf(slot), memberId: `ml-berlin:member:${customerId}` };
    const books = () => sim.log.filter((r) => r.path === '/v1/classes/booking/book').length;
    expect(await connect().findBooking(subject)).toBeUndefined();

    const made = await connect().book({ actionId: actionId(20), ...subject });
    // After a crash a fresh adapter (empty memory) asks before booking again, and sends no booking.
    const afterCrash = connect();
    const found = await afterCrash.findBooking(subject);
    expect(found).toEqual(made);
    expect(books()).toBe(1);
    expect(sim.log.at(-2)).toMatchObject({ method: 'GET', path: '/v1/classes/booking' });
    expect(sim.log.at(-2)?.query.get('customerId')).toBe(String(customerId));
    // The member found is followed from now on: the next sync shows the booking.
    expect((await afterCrash.fetchWindow(WINDOW)).records.bookings).toContainEqual(asFetched(made));

    // Another slot of the same member, and a cancelled booking, are not this booking.
    const other = sim.studio.slotAt('2026-03-28T09:30')!;
    expect(await afterCrash.findBooking({ ...subject, sessionId: sessionIdOf(other) })).toBeUndefined();
    await afterCrash.cancelBooking({ actionId: actionId(21), bookingId: made.id });
    expect(await connect().findBooking(subject)).toBeUndefined();
    expect(books()).toBe(1);

    expect(await providerFailure(connect().findBooking({ ...subject, memberId: 'ml-berlin:member:424242' }))).toMatchObject({
      code: 'not_found',
      retryable: false,
      said: { code: 'record_not_known', params: { provider: 'Magicline' } },
    });
    expect(await providerFailure(connect().findBooking({ ...subject, sessionId: 'zenoti:session:1' }))).toMatchObject({ code: 'invalid_input' });
    sim.faults.serverErrors = { count: 10, status: 503 };
    expect(await providerFailure(connect().findBooking(subject))).toMatchObject({ retryable: true, code: 'unavailable' });
    sim.faults.serverErrors = { count: 0, status: 503 };
  });

  it('follows a member booked while the studio failed to say who they are, once it answers again', async () => {
    const desk = connect();
    const slot = bookableSlot();
    const customerId = freeCustomerOn(slot);
    const memberId = `ml-berlin:member:${customerId}`;
    // The booking goes through; right after it the studio starts failing (the member's details, the next sync).
    const book = sim.studio.book.bind(sim.studio);
    sim.studio.book = (customer, bookedSlot) => {
      const made = book(customer, bookedSlot);
      sim.faults.serverErrors = { count: 1000, status: 503 };
      return made;
    };
    const booking = await desk.book({ actionId: actionId(22), sessionId: sessionIdOf(slot), memberId });
    expect(sim.log.at(-1)?.path).toBe(`/v1/customers/${customerId}`);
    expect(await providerFailure(desk.fetchWindow(WINDOW))).toMatchObject({ retryable: true });
    sim.faults.serverErrors = { count: 0, status: 503 };
    // Answering again: the member is read before the bookings, so the desk's own booking stays in view.
    const fetched = await desk.fetchWindow(WINDOW);
    expect(fetched.records.bookings).toContainEqual(asFetched(booking));
    expect(fetched.records.members.map((m) => m.id)).toEqual([memberId]);
    expect(fetched.issues).toEqual([]);

    // A key that may not read members: the booking stands, the sync passes and says why it cannot follow them.
    sim.studio.book = book;
    sim.deniedEndpoints.add('/v1/customers/{customerId}');
    const other = sim.studio.slotAt('2026-03-28T09:30')!;
    const second = freeCustomerOn(other, [customerId]);
    await desk.book({ actionId: actionId(23), sessionId: sessionIdOf(other), memberId: `ml-berlin:member:${second}` });
    const next = await desk.fetchWindow(WINDOW);
    expect(next.issues).toEqual([{ table: 'members', sourceId: String(second), message: expect.stringContaining('provider_key_forbidden') }]);
    expect((await desk.fetchWindow(WINDOW)).issues).toEqual([]);
  });

  it('puts a member on the waiting list of a full class', async () => {
    const slot = bookableSlot();
    slot.othersBooked = slot.maxParticipants;
    const booking = await connect().book({ actionId: actionId(2), sessionId: sessionIdOf(slot), memberId: `ml-berlin:member:${freeCustomerOn(slot)}` });
    expect(booking.status).toBe('waitlisted');
  });

  it('explains a refused booking and keeps the provider message, code and trace id', async () => {
    const error = await providerFailure(connect().book({ actionId: actionId(3), sessionId: sessionIdOf(bookableSlot()), memberId: 'ml-berlin:member:1003' }));
    expect(error).toMatchObject({
      said: { code: 'no_class_credits' },
      retryable: false,
      code: 'booking_refused',
      detail: { status: 400, providerCode: 'NO_CONTINGENT', providerMessage: "Customer doesn't have required contingent" },
    });
    expect(error.detail.traceId).toMatch(/^sim-/);
  });

  it('cancels a booking, answers a repeat as done, and says why a started class cannot be cancelled', async () => {
    const desk = connect();
    const slot = bookableSlot();
    const made = await desk.book({ actionId: actionId(4), sessionId: sessionIdOf(slot), memberId: `ml-berlin:member:${freeCustomerOn(slot)}` });
    const cancelled = Booking.parse(await desk.cancelBooking({ actionId: actionId(5), bookingId: made.id }));
    expect(cancelled).toMatchObject({ id: made.id, status: 'cancelled' });
    expect(sim.studio.bookings.find((b) => `ml-berlin:booking:${b.bookingId}` === made.id)?.status).toBe('CANCELED');
    expect((await connect().cancelBooking({ actionId: actionId(5), bookingId: made.id })).status).toBe('cancelled');

    const started = sim.studio.bookings.find((b) => b.status === 'BOOKED' && sim.studio.slotStatus(sim.studio.slots.find((s) => s.id === b.slotId)!) === 'COMPLETED')!;
    const error = await providerFailure(desk.cancelBooking({ actionId: actionId(6), bookingId: `ml-berlin:booking:${started.bookingId}` }));
    expect(error).toMatchObject({ retryable: false, detail: { status: 400, providerCode: 'CLASS_SLOT_ALREADY_STARTED' } });
    expect(error.said).toEqual({ code: 'cancel_refused', params: { provider: 'Magicline', detail: expect.any(String) } });
    expect(await providerFailure(desk.cancelBooking({ actionId: actionId(7), bookingId: 'ml-berlin:booking:123' }))).toMatchObject({
      code: 'not_found',
      said: { code: 'booking_not_known', params: { provider: 'Magicline' } },
    });
    expect(await providerFailure(desk.cancelBooking({ actionId: actionId(8), bookingId: 'zenoti:booking:1' }))).toMatchObject({ code: 'invalid_input' });
  });

  it("reads a member's studio visits (the Open API's only check-ins)", async () => {
    const visits = await connect().studioVisits('ml-berlin:member:1001', '2026-02-26', '2026-03-26');
    expect(visits.length).toBeGreaterThan(10); // more than one slice of 10… the adapter asks for 50
    expect(visits[0]).toMatchObject({ memberId: 'ml-berlin:member:1001', studioName: 'FitHaus Berlin Mitte' });
    expect(visits.every((v, i) => i === 0 || visits[i - 1]!.checkedInAt <= v.checkedInAt)).toBe(true);
    const first = sim.studio.visits.filter((v) => v.customerId === 1001).sort((a, b) => a.checkInDateTime.localeCompare(b.checkInDateTime))[0]!;
    expect(visits[0]?.checkedInAt).toBe(new Date(first.checkInDateTime).toISOString());
  });
});

describe('Sport Alliance errors and limits', () => {
  it('checks the key with a HEAD and says plainly when it is wrong, without repeating it', async () => {
    await connect().testConnection();
    expect(sim.log[0]).toMatchObject({ method: 'HEAD', path: '/v1/classes' });
    const error = await providerFailure(connect({ apiKey: 'wrong-key-123' }).testConnection());
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false, said: { code: 'provider_key_refused', params: { provider: 'Magicline' } } });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-key-123');
    const body = await providerFailure(connect({ apiKey: 'wrong-key-123' }).fetchWindow(WINDOW));
    expect(body.detail).toMatchObject({ status: 401, providerCode: 'UNAUTHORIZED' });
  });

  it('reports a missing scope (403) in plain words', async () => {
    sim.deniedEndpoints.add('/v1/classes/slots');
    const error = await providerFailure(connect().fetchWindow(WINDOW));
    expect(error).toMatchObject({ code: 'forbidden', retryable: false, detail: { status: 403, providerCode: 'FORBIDDEN' } });
    expect(error.said).toEqual({ code: 'provider_key_forbidden', params: { provider: 'Magicline' } });
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    sim.faults.rateLimitStorm = { count: 1, retryAfterSeconds: 1 };
    const started = Date.now();
    await connect().testConnection();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.log).toHaveLength(2);
  });

  it('counts the limit per endpoint: one endpoint at its limit does not slow another', async () => {
    await sim.stop();
    sim = new SportAllianceSimulator({ now: NOW, perMinute: 30 });
    root = await sim.start();
    const desk = connect();
    const started = Date.now();
    const lookups = Promise.all(Array.from({ length: 31 }, () => desk.findMemberByBarcode(sim.studio.customers[0]!.barcode!)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await desk.testConnection(); // another endpoint, its own counter: answered at once
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await lookups).every((m) => m?.id === 'ml-berlin:member:1001')).toBe(true);
    expect(sim.rateLimited).toBe(1); // the 31st lookup, which waited for Retry-After and then succeeded
    const limited = sim.exchanges.filter((e) => e.status === 429);
    expect(new Set(limited.map((e) => e.template))).toEqual(new Set(['/v1/customers/by']));
  });

  it('backs off through 503s; a booking is not resent after a 503', async () => {
    sim.faults.serverErrors = { count: 2, status: 503 };
    const fetched = await connect().fetchWindow(WINDOW);
    expect(fetched.records.sessions.length).toBe(slotsInWindow().length);
    sim.faults.serverErrors = { count: 1, status: 503 };
    const before = sim.log.length;
    const error = await providerFailure(connect().book({ actionId: actionId(9), sessionId: sessionIdOf(bookableSlot()), memberId: 'ml-berlin:member:1009' }));
    expect(error).toMatchObject({ retryable: true, code: 'unavailable' });
    expect(sim.log.length - before).toBe(1);
  });

  it('times out a request that is never answered, retries it, and gives up in plain words', async () => {
    sim.faults.hangs = 1;
    await connect().testConnection();
    sim.faults.hangs = 10;
    expect(await providerFailure(connect().testConnection())).toMatchObject({ code: 'timeout', retryable: true, said: { code: 'provider_timeout', params: { provider: 'Magicline' } } });
    sim.faults.hangs = 0;
  });

  it('treats an answer that is not JSON as retryable', async () => {
    sim.faults.invalidJson = 5;
    expect(await providerFailure(connect().fetchWindow(WINDOW))).toMatchObject({ code: 'invalid_response', retryable: true });
  });
});

describe('Sport Alliance presets', () => {
  it('composes the production API root from the tenant, per preset', () => {
    const base = { id: 'c1', label: 'x' } as const;
    expect(sportAllianceBaseUrl({ ...base, provider: 'magicline', tenant: 'fithaus' })).toBe('https://fithaus.open-api.magicline.com/v1');
    expect(sportAllianceBaseUrl({ ...base, provider: 'perfectgym', tenant: 'FitHaus' })).toBe('https://fithaus.open-api.perfectgym.com/v1');
    expect(sportAllianceBaseUrl({ ...base, provider: 'perfectgym', baseUrl: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9/v1');
    expect(sportAllianceBaseUrl({ ...base, provider: 'magicline', baseUrl: 'https://x.open-api.magicline.com/v1' })).toBe('https://x.open-api.magicline.com/v1');
    expect(() => sportAllianceBaseUrl({ ...base, provider: 'magicline' })).toThrow(/settings_tenant_missing/);
    expect(() => sportAllianceBaseUrl({ ...base, provider: 'magicline', tenant: 'evil.com/x' })).toThrow(/settings_tenant_invalid/);
    expect(() => connect({ preset: 'perfectgym', settings: { provider: 'magicline' } })).toThrow(/settings_wrong_adapter/);
  });

  it('behaves the same under the PerfectGym preset', async () => {
    const desk = connect({ preset: 'perfectgym', settings: { id: 'pg-warsaw', provider: 'perfectgym', baseUrl: root } });
    expect(desk.source).toBe('perfectgym');
    await desk.testConnection();
    const member = await desk.findMemberByBarcode(sim.studio.customers[0]!.barcode!);
    expect(member?.id).toBe('pg-warsaw:member:1001');
    const fetched = await desk.fetchWindow(WINDOW);
    expectDomainRecords(fetched);
    expect(fetched.records.sessions).toHaveLength(slotsInWindow().length);
    expect(fetched.records.bookings.every((b) => b.source === 'perfectgym' && b.connectionId === 'pg-warsaw')).toBe(true);
    expect(fetched.records.bookings.length).toBeGreaterThan(0);
    const error = await providerFailure(connect({ preset: 'perfectgym', apiKey: 'nope', settings: { provider: 'perfectgym' } }).testConnection());
    expect(error.said).toEqual({ code: 'provider_key_refused', params: { provider: 'PerfectGym' } });
  });
});

describe('the spec check itself', () => {
  it('covers every endpoint the adapter uses, in a full desk flow', async () => {
    const desk = connect();
    await desk.testConnection();
    const member = (await desk.findMemberByBarcode('1-1010'))!;
    const slot = bookableSlot();
    await desk.validateBooking({ sessionId: sessionIdOf(slot), memberId: member.id });
    // Booked before anyone else is looked up: the adapter fetches the member's details itself.
    const booking = await desk.book({ actionId: actionId(11), sessionId: sessionIdOf(slot), memberId: `ml-berlin:member:${freeCustomerOn(slot, [1010])}` });
    await desk.searchMembers('Anna');
    await desk.cancelBooking({ actionId: actionId(12), bookingId: booking.id });
    await desk.fetchWindow(WINDOW);
    await desk.studioVisits(member.id);
    expect(new Set(sim.exchanges.map((e) => `${e.method} ${e.template}`))).toEqual(
      new Set([
        'HEAD /v1/classes',
        'GET /v1/classes',
        'GET /v1/classes/slots',
        'GET /v1/studios/information',
        'GET /v1/customers/by',
        'POST /v1/customers/search',
        'GET /v1/customers/{customerId}',
        'POST /v1/classes/booking/validate',
        'POST /v1/classes/booking/book',
        'DELETE /v1/classes/booking/{bookingId}',
        'GET /v1/classes/booking/{bookingId}',
        'GET /v1/classes/booking',
        'GET /v1/customers/{customerId}/activities/checkins',
      ]),
    );
    // afterEach then holds each of these requests and answers against the spec.
  });

  it('rejects undeclared paths, methods and query parameters, and answers that break the schema', () => {
    const request = (method: string, path: string, query = '', body?: unknown) => spec.checkRequest({ method, path, query: new URLSearchParams(query), body });
    expect(request('GET', '/v1/classes/slots', 'daysAhead=6&slotWindowStartDate=2026-03-26&sliceSize=50')).toEqual([]);
    expect(request('GET', '/v1/classes/slots', 'from=2026-03-26')[0]).toContain('query parameter from is not declared');
    expect(request('GET', '/v1/classes/slots', 'daysAhead=14')[0]).toContain('daysAhead');
    expect(request('GET', '/v1/classes/roster')[0]).toContain('path parameter classId: (root) must be integer');
    expect(request('GET', '/v1/classes/sessions/12/roster')[0]).toContain('not in the spec');
    expect(request('PUT', '/v1/classes/booking/12')[0]).toContain('PUT is not declared');
    expect(request('GET', '/v1/classes/booking')[0]).toContain('customerId is missing');
    expect(request('POST', '/v1/classes/booking/book', '', { customerId: 'x', classSlotId: 1 })[0]).toContain('body');
    expect(spec.checkAnswer({ method: 'GET', path: '/v1/classes/slots', status: 200, body: { result: [{ id: 1 }], hasNext: false, offset: '1' } })[0]).toContain('additionalParticipants');
    expect(spec.checkAnswer({ method: 'GET', path: '/v1/classes/slots', status: 418, body: {} })[0]).toContain('not declared');
    expect(spec.checkAnswer({ method: 'GET', path: '/v1/classes/1', status: 404, body: { errorMessage: 'Entity does not exists.' } })).toEqual([]);
  });
});
