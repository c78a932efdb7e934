import type { BookingStatus, ClassType, Instructor, Location, Member, Session } from '../../../../src-shared/domain';
import type { FetchedBooking } from '../provider';
import { classTimes, instantOrUndefined } from './class-time';
import type { RecordIds } from './record-ids';
import type { WireClass, WireParticipant } from './whautomate-wire';

/**
 * From Whautomate's classes, participants and clients to the desk's records.
 * Each function maps one wire record, or says in a line why it cannot.
 */

export type Mapped<T> = { ok: true; record: T } | { ok: false; problem: string };

export interface MappedClass {
  session: Session;
  location: Location;
  instructor?: Instructor;
  classType: ClassType;
}

/** Whautomate sends no locale; dates and times are shown in English until a connection setting says otherwise. */
export const WHAUTOMATE_LOCALE = 'en';

export class WhautomateRecords {
  constructor(
    private readonly connectionId: string,
    private readonly ids: RecordIds,
    /** The connection's configured zone, for classes that come without one. */
    private readonly fallbackZone?: string,
  ) {}

  /** A class as a session with its location, instructor and class type. `booked` is Whautomate's count until a roster replaces it. */
  classRecords(wire: WireClass): Mapped<MappedClass> {
    const timed = classTimes(
      { date: wire.date, time: wire.time, timezone: wire.timezone, durationMinutes: wire.service.durationMinutes },
      this.fallbackZone,
    );
    if (!timed.ok) return { ok: false, problem: timed.problem };
    const { startsAt, endsAt, timeZone } = timed.times;
    const connectionId = this.connectionId;
    const location: Location = {
      id: this.ids.location(wire.location.id),
      connectionId,
      name: wire.location.title,
      timeZone,
      locale: WHAUTOMATE_LOCALE,
    };
    const instructor: Instructor | undefined = wire.staff
      ? { id: this.ids.instructor(wire.staff.id), connectionId, name: wire.staff.name }
      : undefined;
    const classType: ClassType = { id: this.ids.classType(wire.service.id), connectionId, name: wire.service.name };
    const booked = wire.bookedParticipants ?? 0;
    const threshold = wire.advanceSettings?.cancelClassThresholdMinutes;
    const session: Session = {
      id: this.ids.session(wire.id),
      connectionId,
      locationId: location.id,
      classTypeId: classType.id,
      ...(instructor ? { instructorId: instructor.id } : {}),
      title: wire.service.name,
      startsAt,
      endsAt,
      // Whautomate leaves the size of a class optional; without it the class counts as exactly as full as it is.
      capacity: wire.numberOfParticipants ?? booked,
      booked,
      waitlisted: 0,
      status: /cancel/i.test(wire.status ?? '') ? 'cancelled' : 'scheduled',
      ...(threshold ? { cancellationDeadline: new Date(Date.parse(startsAt) - threshold * 60_000).toISOString() } : {}),
    };
    return { ok: true, record: { session, location, ...(instructor ? { instructor } : {}), classType } };
  }

  /**
   * One participant of a class as a booking; `waitlistPosition` is filled in by `rosterOf`.
   * `updatedAt` is Whautomate's own, when it sends one; otherwise the store stamps the booking.
   * (`createdAt` is no stand-in: a status can change after it.)
   */
  booking(wire: WireParticipant, classId: string): Mapped<FetchedBooking> {
    const status = bookingStatusOf(wire.status);
    if (!status) return { ok: false, problem: `unknown participant status "${wire.status}"` };
    const updatedAt = instantOrUndefined(wire.updatedAt);
    return {
      ok: true,
      record: {
        id: this.ids.booking(classId, wire.id),
        connectionId: this.connectionId,
        sessionId: this.ids.session(classId),
        memberId: this.ids.member(wire.client.id),
        status,
        source: 'whautomate',
        // Whautomate has no check-in time; the participant's last change is when it became "visited".
        ...(status === 'checked_in' && updatedAt ? { checkedInAt: updatedAt } : {}),
        ...(updatedAt ? { updatedAt } : {}),
      },
    };
  }

  /** A client, from a participant's `client` or from the clients API. */
  member(client: WireParticipant['client']): Mapped<Member> {
    const name = splitName(client.fullName ?? '');
    if (!name) return { ok: false, problem: 'the client has no name' };
    const phone = phoneOf(client.countryCode, client.phone);
    return {
      ok: true,
      record: {
        id: this.ids.member(client.id),
        connectionId: this.connectionId,
        ...name,
        memberNumber: client.clientId?.trim() || client.id,
        ...(client.email?.trim() ? { email: client.email.trim() } : {}),
        ...(phone ? { phone } : {}),
      },
    };
  }
}

/**
 * Participant statuses as Whautomate names them in its participant updates:
 * Booked, Waitlisted, Visited, Rescheduled, No-Show, Cancelled (any case,
 * spaces or dashes). A rescheduled participant has moved to another class, so
 * for this class the booking is cancelled.
 */
const statuses: Record<string, BookingStatus> = {
  BOOKED: 'booked',
  CONFIRMED: 'booked',
  WAITLISTED: 'waitlisted',
  WAITLIST: 'waitlisted',
  VISITED: 'checked_in',
  ATTENDED: 'checked_in',
  CHECKED_IN: 'checked_in',
  NO_SHOW: 'no_show',
  NOSHOW: 'no_show',
  CANCELLED: 'cancelled',
  CANCELED: 'cancelled',
  LATE_CANCELLED: 'cancelled',
  LATE_CANCELED: 'cancelled',
  RESCHEDULED: 'cancelled',
};

export function bookingStatusOf(status: string): BookingStatus | undefined {
  return statuses[status.trim().toUpperCase().replace(/[^A-Z]+/g, '_')];
}

/** Places on the waitlist in the order people joined it (Whautomate sends no position). */
export function withWaitlistPositions<T extends FetchedBooking>(bookings: T[], joinedAt: Map<string, string>): T[] {
  const waiting = bookings
    .filter((booking) => booking.status === 'waitlisted')
    .sort((a, b) => (joinedAt.get(a.id) ?? '').localeCompare(joinedAt.get(b.id) ?? '') || a.id.localeCompare(b.id));
  const places = new Map(waiting.map((booking, index) => [booking.id, index + 1]));
  return bookings.map((booking) => {
    const place = places.get(booking.id);
    return place ? { ...booking, waitlistPosition: place } : booking;
  });
}

/** Who took a place (booked, came, or did not come) and who is waiting, as the desk counts them. */
export function rosterCounts(bookings: readonly FetchedBooking[]): { booked: number; waitlisted: number } {
  let booked = 0;
  let waitlisted = 0;
  for (const { status } of bookings) {
    if (status === 'booked' || status === 'checked_in' || status === 'no_show') booked += 1;
    else if (status === 'waitlisted') waitlisted += 1;
  }
  return { booked, waitlisted };
}

/**
 * Whautomate keeps one `fullName`. The last word is taken as the last name;
 * a one-word name keeps it as the first name, with "–" standing in for the
 * last name the desk's records require.
 */
export function splitName(fullName: string): { firstName: string; lastName: string } | undefined {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const last = words.pop();
  if (!last) return undefined;
  return words.length > 0 ? { firstName: words.join(' '), lastName: last } : { firstName: last, lastName: '–' };
}

function phoneOf(countryCode: string | undefined, phone: string | undefined): string | undefined {
  const number = phone?.trim();
  if (!number) return undefined;
  if (number.startsWith('+')) return number;
  const code = countryCode?.trim().replace(/^\+?/, '+');
  return code && code !== '+' ? `${code} ${number}` : number;
}
