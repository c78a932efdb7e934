import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordSet } from '../../src-shared/contract';
import type { Session } from '../../src-shared/domain';
import type { FetchedBooking } from '../../src-main/core/providers/provider';
import { openDemoStudio, type DemoStudio } from '../../src-main/core/providers/demo/demo-studio';
import { ean13CheckDigit } from '../../src-main/core/providers/demo/members';
import { providerFailure } from '../support/provider-failure';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-21T12:00:00.000Z'); // a Saturday: 13:00 in Berlin, 07:00 in Brooklyn
const iso = (ms: number): string => new Date(ms).toISOString();
const twoWeeksAround = (ms: number) => ({ from: iso(ms - 7 * DAY), to: iso(ms + 7 * DAY) });

let dataDir: string;
let now: number;
const clock = (): Date => new Date(now);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-demo-'));
  now = NOW;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function fetchAround(studio: DemoStudio, ms = NOW) {
  return (await studio.fetchWindow(twoWeeksAround(ms))).records;
}

function sessionOf(records: { sessions: Session[] }, id: string): Session {
  const session = records.sessions.find((candidate) => candidate.id === id);
  if (!session) throw new Error(`no session ${id}`);
  return session;
}

function bookingOf(records: { bookings: FetchedBooking[] }, id: string): FetchedBooking {
  const booking = records.bookings.find((candidate) => candidate.id === id);
  if (!booking) throw new Error(`no booking ${id}`);
  return booking;
}

describe('the generated studio', () => {
  it('is the same on every run, and a date looks the same whatever day it is now', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'classdesk-demo-'));
    const first = await fetchAround(await openDemoStudio({ dataDir, clock }));
    const second = await fetchAround(await openDemoStudio({ dataDir: otherDir, clock }));
    await rm(otherDir, { recursive: true, force: true });
    expect(second).toEqual(first);

    const dayWindow = { from: '2026-11-21T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' };
    const today = await (await openDemoStudio({ dataDir, clock: () => new Date(NOW) })).fetchWindow(dayWindow);
    const later = await (await openDemoStudio({ dataDir, clock: () => new Date(NOW + 3 * DAY) })).fetchWindow(dayWindow);
    expect(later.records.sessions).toEqual(today.records.sessions);
    const who = (records: typeof today.records) => records.bookings.map(({ id, memberId }) => `${id} ${memberId}`);
    expect(who(later.records)).toEqual(who(today.records));
    expect(today.records.sessions.length).toBeGreaterThan(10);
  });

  it('has two locations in different zones, each with a full timetable for 14 days', async () => {
    const records = await fetchAround(await openDemoStudio({ dataDir, clock }));
    expect(records.locations.map(({ timeZone, locale }) => [timeZone, locale])).toEqual([
      ['Europe/Berlin', 'de-DE'],
      ['America/New_York', 'en-US'],
    ]);
    for (const location of records.locations) {
      const perDate = new Map<string, number>();
      for (const session of records.sessions.filter(({ locationId }) => locationId === location.id)) {
        const local = DateTime.fromISO(session.startsAt, { zone: location.timeZone });
        perDate.set(local.toISODate() ?? '', (perDate.get(local.toISODate() ?? '') ?? 0) + 1);
        expect(local.hour * 60 + local.minute).toBeGreaterThanOrEqual(6 * 60);
        expect(session.id.startsWith(`${location.id}:${local.toISODate()}:${local.toFormat('HHmm')}:`)).toBe(true);
      }
      expect(perDate.size).toBeGreaterThanOrEqual(14);
      const fullDays = [...perDate.values()].slice(1, -1); // the window may cut the first and last local day
      expect(Math.min(...fullDays)).toBeGreaterThanOrEqual(8);
      expect(Math.max(...fullDays)).toBeLessThanOrEqual(12);
      expect(new Set(fullDays).size).toBeGreaterThan(1);
    }
    const latest = Math.max(...records.sessions.map(({ startsAt, locationId }) => {
      const zone = records.locations.find(({ id }) => id === locationId)?.timeZone ?? 'utc';
      return DateTime.fromISO(startsAt, { zone }).hour;
    }));
    expect(latest).toBeGreaterThanOrEqual(20);
  });

  it('keeps wall-clock times across daylight saving changes', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const startOf = async (id: string, utcDate: string) => {
      const day = Date.parse(`${utcDate}T00:00:00.000Z`);
      return sessionOf((await studio.fetchWindow({ from: iso(day), to: iso(day + DAY) })).records, id).startsAt;
    };
    expect(await startOf('demo:berlin:2026-03-27:0700:yoga', '2026-03-27')).toBe('2026-03-27T06:00:00.000Z');
    expect(await startOf('demo:berlin:2026-03-30:0700:yoga', '2026-03-30')).toBe('2026-03-30T05:00:00.000Z');
    expect(await startOf('demo:berlin:2026-03-28:0900:yoga', '2026-03-28')).toBe('2026-03-28T08:00:00.000Z');
    expect(await startOf('demo:berlin:2026-03-29:0900:yin', '2026-03-29')).toBe('2026-03-29T07:00:00.000Z');
    expect(await startOf('demo:berlin:2026-10-23:0700:yoga', '2026-10-23')).toBe('2026-10-23T05:00:00.000Z');
    expect(await startOf('demo:berlin:2026-10-26:0700:yoga', '2026-10-26')).toBe('2026-10-26T06:00:00.000Z');
    expect(await startOf('demo:brooklyn:2026-03-02:0730:yoga', '2026-03-02')).toBe('2026-03-02T12:30:00.000Z');
    expect(await startOf('demo:brooklyn:2026-03-09:0730:yoga', '2026-03-09')).toBe('2026-03-09T11:30:00.000Z');
  });

  it('fills rosters with every status, full classes, waitlists and a cancelled class per day', async () => {
    const records = await fetchAround(await openDemoStudio({ dataDir, clock }));
    expect(new Set(records.bookings.map(({ status }) => status))).toEqual(
      new Set(['booked', 'waitlisted', 'cancelled', 'checked_in', 'no_show', 'pending_confirmation', 'rejected']),
    );
    expect(new Set(records.bookings.map(({ source }) => source))).toEqual(new Set(['demo', 'wellhub']));
    for (const session of records.sessions) {
      const roster = records.bookings.filter(({ sessionId }) => sessionId === session.id);
      const taken = roster.filter(({ status }) => ['booked', 'checked_in', 'no_show'].includes(status));
      const waiting = roster.filter(({ status }) => status === 'waitlisted');
      expect(session.booked).toBe(taken.length);
      expect(session.waitlisted).toBe(waiting.length);
      expect(session.booked).toBeLessThanOrEqual(session.capacity);
      expect(new Set(roster.map(({ memberId }) => memberId)).size).toBe(roster.length);
      expect(waiting.map(({ waitlistPosition }) => waitlistPosition).sort()).toEqual(waiting.map((_, index) => index + 1));
      // Still booked after the class only until the studio's run at the end of the gym's day (the desk may mark no-shows until then).
      if (Date.parse(session.endsAt) + DAY <= NOW) expect(roster.some(({ status }) => status === 'booked')).toBe(false);
      if (session.status === 'cancelled') expect(roster.every(({ status }) => status === 'cancelled')).toBe(true);
      else expect(session.booked).toBeGreaterThan(0);
    }
    expect(records.sessions.some((s) => s.booked === s.capacity && s.waitlisted > 0)).toBe(true);
    const cancelledDays = new Set(records.sessions.filter((s) => s.status === 'cancelled').map((s) => s.id.split(':')[2]));
    expect(cancelledDays.size).toBeGreaterThanOrEqual(13);
  });

  it('has a few hundred members with unique card barcodes, found by scanning', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const { members } = await fetchAround(studio);
    expect(members.length).toBeGreaterThanOrEqual(200);
    const barcodes = members.map(({ barcode }) => barcode ?? '');
    expect(new Set(barcodes).size).toBe(members.length);
    for (const barcode of barcodes) {
      expect(barcode).toMatch(/^\d{13}$/);
      expect(barcode.slice(12)).toBe(ean13CheckDigit(barcode.slice(0, 12)));
    }
    const someone = members[42];
    expect(await studio.findMemberByBarcode(someone?.barcode ?? '')).toEqual(someone);
    expect(await studio.findMemberByBarcode('0000000000000')).toBeUndefined();
  });

  it('returns only records that fit the domain schemas', async () => {
    const { records, issues } = await (await openDemoStudio({ dataDir, clock })).fetchWindow(twoWeeksAround(NOW));
    expect(issues).toEqual([]);
    const parsed = RecordSet.safeParse({ visits: [], ...records, deskActions: [] });
    expect(parsed.success ? 'valid' : parsed.error.message).toBe('valid');
  });

  it('always has booked classes later today somewhere, and members with several classes a day', async () => {
    // Includes the weeks when Europe and the US are on different daylight saving time.
    const starts = [Date.parse('2026-03-09T00:00:00Z'), Date.parse('2026-10-26T00:00:00Z'), NOW];
    const studio = await openDemoStudio({ dataDir, clock });
    for (const start of starts) {
      const { sessions, locations } = (await studio.fetchWindow({ from: iso(start - DAY), to: iso(start + 9 * DAY) })).records;
      const zoneOf = new Map(locations.map(({ id, timeZone }) => [id, timeZone]));
      const bookable = sessions
        .filter(({ status, booked }) => status === 'scheduled' && booked > 0)
        .map(({ startsAt, locationId }) => {
          const zone = zoneOf.get(locationId) ?? 'utc';
          return { zone, startMs: Date.parse(startsAt), localDate: DateTime.fromISO(startsAt, { zone }).toISODate() };
        });
      for (let at = start; at < start + 7 * DAY; at += HOUR) {
        const today = new Map([...zoneOf.values()].map((zone) => [zone, DateTime.fromMillis(at, { zone }).toISODate()]));
        const laterToday = bookable.filter(({ zone, startMs, localDate }) => startMs > at && today.get(zone) === localDate);
        expect(laterToday.length, `later today at ${iso(at)}`).toBeGreaterThan(0);
      }
    }
    const records = await fetchAround(await openDemoStudio({ dataDir, clock }));
    const perMemberDay = new Map<string, number>();
    for (const booking of records.bookings.filter(({ status }) => status !== 'cancelled')) {
      const key = `${booking.memberId} ${booking.sessionId.split(':')[2]}`;
      perMemberDay.set(key, (perMemberDay.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perMemberDay.values())).toBeGreaterThanOrEqual(2);
  });
});

describe('desk actions on the demo studio', () => {
  /** A booked member of a class starting a few hours from NOW, and that class. */
  async function upcoming(studio: DemoStudio, wantWaitlist = false) {
    const records = await fetchAround(studio);
    const session = records.sessions.find(
      (s) => s.status === 'scheduled' && Date.parse(s.startsAt) > NOW + 2 * HOUR && (!wantWaitlist || s.waitlisted > 0),
    );
    const booking = records.bookings.find((b) => b.sessionId === session?.id && b.status === 'booked');
    if (!session || !booking) throw new Error('no upcoming booked class');
    return { session, booking, records };
  }

  it('checks in, survives a restart, applies a retried action once, and undoes', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const { session, booking } = await upcoming(studio);
    now = Date.parse(session.startsAt) - 30 * 60_000;
    const actionId = randomUUID();

    const checkedIn = await studio.checkIn({ actionId, bookingId: booking.id });
    expect(checkedIn).toMatchObject({ id: booking.id, status: 'checked_in', checkedInAt: iso(now), updatedAt: iso(now) });
    const reopened = await openDemoStudio({ dataDir, clock });
    const afterRestart = await fetchAround(reopened);
    expect(bookingOf(afterRestart, booking.id)).toEqual(checkedIn);
    expect(sessionOf(afterRestart, session.id).booked).toBe(session.booked);

    now += 60_000;
    expect(await reopened.checkIn({ actionId, bookingId: booking.id })).toEqual(checkedIn);
    const stored = JSON.parse(await readFile(join(dataDir, 'demo-studio.json'), 'utf8')) as { actions: object };
    expect(Object.keys(stored.actions)).toEqual([actionId]);
    const twice = await providerFailure(reopened.checkIn({ actionId: randomUUID(), bookingId: booking.id }));
    expect(twice.said.code).toBe('already_checked_in');
    expect(twice.retryable).toBe(false);

    const undone = await reopened.undoCheckIn({ actionId: randomUUID(), bookingId: booking.id });
    expect(undone.status).toBe('booked');
    expect(undone.checkedInAt).toBeUndefined();
    // A late retry of the first check-in must not check the member in again.
    expect(await reopened.checkIn({ actionId, bookingId: booking.id })).toEqual(checkedIn);
    expect(bookingOf(await fetchAround(reopened), booking.id).status).toBe('booked');
    const notIn = await providerFailure(reopened.undoCheckIn({ actionId: randomUUID(), bookingId: booking.id }));
    expect(notIn.said.code).toBe('not_checked_in');
  });

  it('cancels bookings, moves the waitlist up and changes the counts', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const { session, booking, records } = await upcoming(studio, true);
    const first = records.bookings.find((b) => b.sessionId === session.id && b.waitlistPosition === 1);
    const cancelled = await studio.cancelBooking({ actionId: randomUUID(), bookingId: booking.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', updatedAt: iso(NOW) });
    let after = await fetchAround(studio);
    expect(bookingOf(after, first?.id ?? '').status).toBe('booked');
    expect(sessionOf(after, session.id)).toMatchObject({ booked: session.booked, waitlisted: session.waitlisted - 1 });

    const waiting = after.bookings.find((b) => b.sessionId === session.id && b.status === 'waitlisted');
    if (waiting) {
      await studio.cancelBooking({ actionId: randomUUID(), bookingId: waiting.id });
      after = await fetchAround(studio);
      expect(sessionOf(after, session.id).waitlisted).toBe(session.waitlisted - 2);
    }
    const again = await providerFailure(studio.cancelBooking({ actionId: randomUUID(), bookingId: booking.id }));
    expect(again.said.code).toBe('booking_cancelled');
    now = Date.parse(session.startsAt) + 60_000;
    const other = after.bookings.find((b) => b.sessionId === session.id && b.status === 'booked');
    const tooLate = await providerFailure(studio.cancelBooking({ actionId: randomUUID(), bookingId: other?.id ?? '' }));
    expect(tooLate.said.code).toBe('class_started');
  });

  it('says no in plain words', async () => {
    const studio = await openDemoStudio({ dataDir, clock });
    const { session, booking, records } = await upcoming(studio, true);
    const early = await providerFailure(studio.checkIn({ actionId: randomUUID(), bookingId: booking.id }));
    expect(early.said).toEqual({
      code: 'checkin_not_open_yet',
      params: { session: session.title, opensAt: new Date(Date.parse(session.startsAt) - 60 * 60_000).toISOString() },
    });

    now = Date.parse(session.startsAt) - 10 * 60_000;
    const waiting = records.bookings.find((b) => b.sessionId === session.id && b.status === 'waitlisted');
    const notBooked = await providerFailure(studio.checkIn({ actionId: randomUUID(), bookingId: waiting?.id ?? '' }));
    expect(notBooked.said.code).toBe('on_waitlist_not_booked');

    const unknown = await providerFailure(studio.checkIn({ actionId: randomUUID(), bookingId: `${session.id}:99` }));
    expect([unknown.said, unknown.retryable, unknown.code]).toEqual([{ code: 'booking_not_known' }, false, 'not_found']);
    const nonsense = await providerFailure(studio.cancelBooking({ actionId: randomUUID(), bookingId: 'nope' }));
    expect(nonsense.code).toBe('not_found');

    const called = records.sessions.find((s) => s.status === 'cancelled' && Date.parse(s.startsAt) > NOW);
    const calledOff = records.bookings.find((b) => b.sessionId === called?.id);
    now = Date.parse(called?.startsAt ?? '') - 10 * 60_000;
    expect((await providerFailure(studio.checkIn({ actionId: randomUUID(), bookingId: calledOff?.id ?? '' }))).said.code).toBe('class_cancelled');
    now = NOW;
    const noShow = records.bookings.find((b) => b.status === 'no_show');
    const ended = await providerFailure(studio.checkIn({ actionId: randomUUID(), bookingId: noShow?.id ?? '' }));
    expect(ended.said).toMatchObject({ code: 'checkin_closed', params: { closedAt: expect.any(String) } });
  });
});
