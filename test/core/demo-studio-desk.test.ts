import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordSet } from '../../src-shared/contract';
import type { Member, Session } from '../../src-shared/domain';
import type { DeskMessageCode } from '../../src-shared/desk-messages';
import type { ProviderError } from '../../src-main/core/provider-error';
import { openDemoStudio, type DemoStudio } from '../../src-main/core/providers/demo/demo-studio';
import type { FetchedBooking } from '../../src-main/core/providers/provider';
import { wrongWellhubIdMessage } from '../../src-main/core/providers/wellhub/wellhub-visit-answers';
import { providerFailure } from '../support/provider-failure';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-21T12:00:00.000Z'); // a Saturday: 13:00 in Berlin, 07:00 in Brooklyn
const iso = (ms: number): string => new Date(ms).toISOString();
const FULL_NOTE: DeskMessageCode = 'class_full_goes_to_waitlist';

let dataDir: string;
let now: number;
const clock = (): Date => new Date(now);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-demo-desk-'));
  now = NOW;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

type Records = Awaited<ReturnType<DemoStudio['fetchWindow']>>['records'];

async function fetchAround(studio: DemoStudio): Promise<Records> {
  return (await studio.fetchWindow({ from: iso(NOW - 7 * DAY), to: iso(NOW + 10 * DAY) })).records;
}

const sessionOf = (records: Records, id: string): Session => {
  const session = records.sessions.find((candidate) => candidate.id === id);
  if (!session) throw new Error(`no session ${id}`);
  return session;
};
const rosterOf = (records: Records, sessionId: string): FetchedBooking[] =>
  records.bookings.filter((booking) => booking.sessionId === sessionId);

/** A scheduled class starting between 3 hours and 6 days from NOW, so it can be booked. */
function upcoming(records: Records, fits: (session: Session) => boolean): Session {
  const session = records.sessions.find(
    (s) => s.status === 'scheduled' && Date.parse(s.startsAt) > NOW + 3 * HOUR && Date.parse(s.startsAt) < NOW + 6 * DAY && fits(s),
  );
  if (!session) throw new Error('no such upcoming class');
  return session;
}

/** Members the studio would book into the class without any remark but `allow`. */
async function bookableMembers(studio: DemoStudio, records: Records, session: Session, allow: DeskMessageCode[] = []): Promise<Member[]> {
  const found: Member[] = [];
  for (const member of records.members) {
    const answer = await studio.validateBooking({ sessionId: session.id, memberId: member.id });
    if (answer.bookable && answer.reasons.every((reason) => allow.includes(reason.code))) found.push(member);
  }
  return found;
}

/** A refusal the desk must not retry. */
async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await providerFailure(promise);
  expect(error.retryable).toBe(false);
  return error;
}

async function storedFile(): Promise<{ actions: object; added?: Record<string, unknown[]>; bookings: object }> {
  return JSON.parse(await readFile(join(dataDir, 'demo-studio.json'), 'utf8')) as never;
}

describe('booking at the demo studio', () => {
  it('offers every desk action, each method exactly when its capability says so', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const methods: Record<string, (keyof DemoStudio)[]> = {
      memberByBarcode: ['findMemberByBarcode'],
      memberSearch: ['searchMembers' as keyof DemoStudio],
      checkIn: ['checkIn'],
      undoCheckIn: ['undoCheckIn'],
      validateBooking: ['validateBooking'],
      book: ['book', 'findBooking'],
      cancelBooking: ['cancelBooking'],
      promoteFromWaitlist: ['promoteFromWaitlist'],
      confirmBookingRequests: ['confirmBookingRequest', 'rejectBookingRequest'],
      validateVisit: ['validateVisit'],
    };
    for (const [flag, names] of Object.entries(methods)) {
      for (const name of names) {
        expect(typeof studio[name] === 'function', `${flag} / ${name}`).toBe(studio.capabilities[flag as 'book']);
      }
    }
    expect(studio.capabilities).toMatchObject({ book: true, validateBooking: true, waitlist: true, memberSearch: false });
    expect(studio.capabilities).toMatchObject({ promoteFromWaitlist: true, confirmBookingRequests: true, validateVisit: true });
  });

  it('books into a class with room, once per action, and keeps it across a restart', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const records = await fetchAround(studio);
    const session = upcoming(records, (s) => s.booked < s.capacity - 1 && s.waitlisted === 0);
    const [member] = await bookableMembers(studio, records, session);
    if (!member) throw new Error('nobody to book');
    const subject = { sessionId: session.id, memberId: member.id };
    expect(await studio.findBooking(subject)).toBeUndefined();

    const actionId = randomUUID();
    const booking = await studio.book({ actionId, ...subject });
    expect(booking).toMatchObject({ ...subject, status: 'booked', source: 'demo', connectionId: 'demo', updatedAt: iso(NOW) });
    expect(booking.id).toBe(`${session.id}:desk-1`);
    expect(booking.waitlistPosition).toBeUndefined();
    now += MINUTE;
    expect(await studio.book({ actionId, ...subject })).toEqual(booking);
    expect(await studio.findBooking(subject)).toEqual(booking);

    const after = await fetchAround(studio);
    expect(sessionOf(after, session.id)).toMatchObject({ booked: session.booked + 1, waitlisted: 0 });
    expect(rosterOf(after, session.id)).toContainEqual(booking);
    const parsed = RecordSet.safeParse({ visits: [], ...after, deskActions: [] });
    expect(parsed.success ? 'valid' : parsed.error.message).toBe('valid');

    const reopened = await openDemoStudio({ dataDir, clock });
    expect(await fetchAround(reopened)).toEqual(after);
    expect(await reopened.book({ actionId, ...subject })).toEqual(booking);
    const stored = await storedFile();
    expect(Object.keys(stored.actions)).toEqual([actionId]);
    expect(stored.added?.[session.id]).toHaveLength(1);

    const twice = await rejection(reopened.book({ actionId: randomUUID(), ...subject }));
    expect(twice.said).toEqual({ code: 'already_booked', params: { member: `${member.firstName} ${member.lastName}` } });
    expect(await reopened.validateBooking(subject)).toEqual({ bookable: false, reasons: [twice.said] });
    const [other] = (await bookableMembers(reopened, after, session)).filter(({ id }) => id !== member.id);
    const reused = await rejection(reopened.book({ actionId, sessionId: session.id, memberId: other?.id ?? '' }));
    expect(reused.code).toBe('conflict');

    // The id names its class, so the desk's other actions find the booking.
    now = Date.parse(session.startsAt) - 20 * MINUTE;
    expect(await reopened.checkIn({ actionId: randomUUID(), bookingId: booking.id })).toMatchObject({ status: 'checked_in' });
    expect((await reopened.findBooking(subject))?.status).toBe('checked_in');
    now = Date.parse(session.endsAt) + MINUTE;
    expect((await reopened.findBooking(subject))?.status).toBe('checked_in');
  });

  it('puts members onto the end of the waitlist of a full class; promotes only into a free place', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const records = await fetchAround(studio);
    const session = upcoming(records, (s) => s.booked === s.capacity && s.waitlisted > 0);
    const [first, second] = await bookableMembers(studio, records, session, [FULL_NOTE]);
    if (!first || !second) throw new Error('nobody to book');
    expect(await studio.validateBooking({ sessionId: session.id, memberId: first.id })).toEqual({ bookable: true, reasons: [{ code: FULL_NOTE }] });

    const one = await studio.book({ actionId: randomUUID(), sessionId: session.id, memberId: first.id });
    const two = await studio.book({ actionId: randomUUID(), sessionId: session.id, memberId: second.id });
    expect(one).toMatchObject({ status: 'waitlisted', waitlistPosition: session.waitlisted + 1 });
    expect(two).toMatchObject({ status: 'waitlisted', waitlistPosition: session.waitlisted + 2, id: `${session.id}:desk-2` });
    let after = await fetchAround(studio);
    expect(sessionOf(after, session.id)).toMatchObject({ booked: session.capacity, waitlisted: session.waitlisted + 2 });

    const full = await rejection(studio.promoteFromWaitlist({ actionId: randomUUID(), bookingId: one.id }));
    expect(full.said).toEqual({ code: 'class_full_cancel_first' });

    // Within two hours of the start a freed place is left for the desk to fill.
    now = Date.parse(session.startsAt) - HOUR;
    const leaving = rosterOf(after, session.id).find(({ status }) => status === 'booked');
    await studio.cancelBooking({ actionId: randomUUID(), bookingId: leaving?.id ?? '' });
    after = await fetchAround(studio);
    expect(sessionOf(after, session.id)).toMatchObject({ booked: session.capacity - 1, waitlisted: session.waitlisted + 2 });

    const actionId = randomUUID();
    const promoted = await studio.promoteFromWaitlist({ actionId, bookingId: one.id });
    expect(promoted).toMatchObject({ id: one.id, status: 'booked', updatedAt: iso(now) });
    expect(promoted.waitlistPosition).toBeUndefined();
    expect(await studio.promoteFromWaitlist({ actionId, bookingId: one.id })).toEqual(promoted);
    after = await fetchAround(studio);
    expect(sessionOf(after, session.id)).toMatchObject({ booked: session.capacity, waitlisted: session.waitlisted + 1 });
    const waiting = rosterOf(after, session.id).filter(({ status }) => status === 'waitlisted');
    expect(waiting.map(({ waitlistPosition }) => waitlistPosition).sort()).toEqual(waiting.map((_, index) => index + 1));
    expect(waiting.find(({ id }) => id === two.id)?.waitlistPosition).toBe(session.waitlisted + 1);

    const notWaiting = await rejection(studio.promoteFromWaitlist({ actionId: randomUUID(), bookingId: one.id }));
    expect(notWaiting.said.code).toBe('already_booked');
    expect(await fetchAround(await openDemoStudio({ dataDir, clock }))).toEqual(after);
    now = Date.parse(session.startsAt);
    const late = await rejection(studio.promoteFromWaitlist({ actionId: randomUUID(), bookingId: two.id }));
    expect(late.said.code).toBe('class_started');
  });

  it('refuses in plain words: cancelled, started, not open yet, other location, no credits', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const records = await fetchAround(studio);
    const session = upcoming(records, (s) => s.booked < s.capacity);
    const members = await bookableMembers(studio, records, session);
    const member = members[0];
    if (!member) throw new Error('nobody to book');
    const refusalFor = async (sessionId: string, memberId = member.id) => {
      const validation = await studio.validateBooking({ sessionId, memberId });
      const error = await rejection(studio.book({ actionId: randomUUID(), sessionId, memberId }));
      expect(validation.bookable).toBe(false);
      expect(validation.reasons[0]).toEqual(error.said);
      return error.said;
    };

    const called = records.sessions.find((s) => s.status === 'cancelled' && s.locationId === session.locationId && Date.parse(s.startsAt) > NOW);
    expect(await refusalFor(called?.id ?? '')).toEqual({ code: 'class_cancelled', params: { session: called?.title } });
    const later = records.sessions.find((s) => s.status === 'scheduled' && s.locationId === session.locationId && Date.parse(s.startsAt) > NOW + 8 * DAY);
    expect(await refusalFor(later?.id ?? '')).toEqual({ code: 'booking_not_open_yet', params: { session: later?.title, opensAt: later?.bookingOpensAt } });
    const elsewhere = upcoming(records, (s) => s.locationId !== session.locationId);
    expect(await refusalFor(elsewhere.id)).toMatchObject({
      code: 'member_of_other_location',
      params: { location: expect.stringMatching(/^Demo Studio (Berlin Mitte|Brooklyn)$/) },
    });

    // A deterministic few members have used up their credits, at both locations alike.
    const everyone = records.members.filter(({ id }) => !members.some((m) => m.id === id));
    const broke: Member[] = [];
    const brokeHere: Member[] = [];
    for (const candidate of everyone) {
      const { reasons } = await studio.validateBooking({ sessionId: session.id, memberId: candidate.id });
      if (reasons.some((reason) => reason.code === 'no_class_credits')) broke.push(candidate);
      if (reasons.length === 1 && reasons[0]?.code === 'no_class_credits') brokeHere.push(candidate);
    }
    expect(broke.length).toBeGreaterThan(3);
    expect(broke.length).toBeLessThan(records.members.length / 10);
    expect(broke.map(({ memberNumber }) => memberNumber)).toEqual(expect.arrayContaining(['M-10013', 'M-10060']));
    const skint = brokeHere[0];
    expect(await refusalFor(session.id, skint?.id)).toEqual({ code: 'no_class_credits', params: { member: `${skint?.firstName} ${skint?.lastName}` } });

    expect((await rejection(studio.book({ actionId: randomUUID(), sessionId: session.id, memberId: 'demo:member:1' }))).code).toBe('not_found');
    expect((await rejection(studio.book({ actionId: randomUUID(), sessionId: 'demo:berlin:nope', memberId: member.id }))).code).toBe('not_found');
    expect(await studio.findBooking({ sessionId: 'demo:berlin:nope', memberId: member.id })).toBeUndefined();

    now = Date.parse(session.startsAt) + MINUTE;
    expect(await refusalFor(session.id)).toEqual({ code: 'class_started', params: { session: session.title, startedAt: session.startsAt } });
    // Nothing was booked, so nothing was written.
    await expect(storedFile()).rejects.toThrow(/ENOENT/);
  });
});

describe('Wellhub requests and visits at the demo studio', () => {
  it('confirms requests into a free place or onto the waitlist, and rejects them', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const records = await fetchAround(studio);
    const pendingIn = (fits: (s: Session) => boolean) => {
      const session = upcoming(records, (s) => fits(s) && rosterOf(records, s.id).some(({ status }) => status === 'pending_confirmation'));
      const request = rosterOf(records, session.id).find(({ status }) => status === 'pending_confirmation');
      if (!request) throw new Error('no request');
      expect(request.source).toBe('wellhub');
      return { session, request };
    };
    const roomy = pendingIn((s) => s.booked < s.capacity);
    const full = pendingIn((s) => s.booked === s.capacity);

    const actionId = randomUUID();
    const confirmed = await studio.confirmBookingRequest({ actionId, bookingId: roomy.request.id });
    expect(confirmed).toMatchObject({ id: roomy.request.id, status: 'booked', source: 'wellhub', updatedAt: iso(NOW) });
    expect(await studio.confirmBookingRequest({ actionId, bookingId: roomy.request.id })).toEqual(confirmed);
    const onWaitlist = await studio.confirmBookingRequest({ actionId: randomUUID(), bookingId: full.request.id });
    expect(onWaitlist).toMatchObject({ status: 'waitlisted', waitlistPosition: full.session.waitlisted + 1 });

    const after = await fetchAround(studio);
    expect(sessionOf(after, roomy.session.id).booked).toBe(roomy.session.booked + 1);
    expect(sessionOf(after, full.session.id)).toMatchObject({ booked: full.session.capacity, waitlisted: full.session.waitlisted + 1 });

    const again = await rejection(studio.confirmBookingRequest({ actionId: randomUUID(), bookingId: roomy.request.id }));
    expect(again.said.code).toBe('request_already_confirmed');
    const rejectLate = await rejection(studio.rejectBookingRequest({ actionId: randomUUID(), bookingId: full.request.id }));
    expect(rejectLate.said.code).toBe('request_already_waitlisted');
    const direct = rosterOf(records, roomy.session.id).find(({ source, status }) => source === 'demo' && status === 'booked');
    const notARequest = await rejection(studio.confirmBookingRequest({ actionId: randomUUID(), bookingId: direct?.id ?? '' }));
    expect(notARequest.said.code).toBe('booked_directly');

    const third = pendingIn((s) => s.id !== roomy.session.id && s.id !== full.session.id);
    const rejected = await studio.rejectBookingRequest({ actionId: randomUUID(), bookingId: third.request.id, reason: 'CLASS_IS_FULL' });
    expect(rejected).toMatchObject({ status: 'rejected' });
    const reopened = await openDemoStudio({ dataDir, clock });
    expect((await fetchAround(reopened)).bookings.find(({ id }) => id === third.request.id)?.status).toBe('rejected');
    expect((await rejection(reopened.confirmBookingRequest({ actionId: randomUUID(), bookingId: third.request.id }))).said.code).toBe(
      'booking_request_turned_down',
    );

    const fourth = pendingIn((s) => ![roomy, full, third].some(({ session }) => session.id === s.id));
    now = Date.parse(fourth.session.startsAt) + MINUTE;
    const lapsed = await rejection(reopened.confirmBookingRequest({ actionId: randomUUID(), bookingId: fourth.request.id }));
    expect(lapsed.said.code).toBe('request_lapsed');
  });

  it('validates the demo Wellhub ids once a day and refuses every other id', async () => {
    const ids = ['4242000010003', '4242000010008', '4242000010021', '4242000010042', '4242000010077', '4242000010120'];
    const studio = await openDemoStudio({ dataDir, clock });
    for (const id of ids) {
      const answer = await studio.validateVisit(id);
      const name = `${answer.member?.firstName} ${answer.member?.lastName}`;
      expect(answer).toMatchObject({ valid: true, said: { code: 'visit_validated', params: { member: name } } });
      expect(answer.member?.memberNumber).toBe(`M-${id.slice(8)}`);
    }
    now += HOUR;
    const reopened = await openDemoStudio({ dataDir, clock });
    const again = await reopened.validateVisit('4242 0000 10003');
    expect(again).toMatchObject({ valid: true, member: { memberNumber: 'M-10003' } });
    expect(again.said).toEqual({ code: 'visit_already_validated', params: { member: expect.any(String) } });
    now += DAY;
    expect((await reopened.validateVisit('4242000010003')).said.code).toBe('visit_validated');

    for (const unknown of ['4242000010004', '1234567890123', '4242000099999']) {
      expect(await reopened.validateVisit(unknown)).toEqual({
        valid: false,
        said: { code: 'visit_no_checkin' },
      });
    }
    expect(await reopened.validateVisit('12345')).toEqual({ valid: false, said: wrongWellhubIdMessage });
  });
});

describe('the demo studio file', () => {
  it('loads a file written before the desk could book, and keeps its changes when booking', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const records = await fetchAround(studio);
    const session = upcoming(records, (s) => s.booked < s.capacity - 1);
    const cancelled = rosterOf(records, session.id).find(({ status }) => status === 'booked');
    if (!cancelled) throw new Error('nobody booked');
    const oldActionId = randomUUID();
    const change = { status: 'cancelled', updatedAt: iso(NOW - HOUR) };
    const old = {
      version: 1,
      bookings: { [cancelled.id]: change },
      actions: { [oldActionId]: { kind: 'cancel_booking', bookingId: cancelled.id, booking: { ...cancelled, ...change } } },
    };
    await writeFile(join(dataDir, 'demo-studio.json'), JSON.stringify(old));

    const reopened = await openDemoStudio({ dataDir, clock });
    const loaded = await fetchAround(reopened);
    expect(loaded.bookings.find(({ id }) => id === cancelled.id)).toMatchObject(change);
    expect(sessionOf(loaded, session.id).booked).toBe(session.booked - 1);
    expect(await reopened.cancelBooking({ actionId: oldActionId, bookingId: cancelled.id })).toEqual({ ...cancelled, ...change });

    const [member] = await bookableMembers(reopened, loaded, session);
    await reopened.book({ actionId: randomUUID(), sessionId: session.id, memberId: member?.id ?? '' });
    const stored = await storedFile();
    expect(stored.bookings).toEqual(old.bookings);
    expect(Object.keys(stored.actions)).toHaveLength(2);
    expect(sessionOf(await fetchAround(await openDemoStudio({ dataDir, clock })), session.id).booked).toBe(session.booked);
  });
});
