import { DateTime } from 'luxon';
import type { Booking, BookingStatus, Member } from '../../../../src-shared/domain';
import type { BookingValidation } from '../provider';
import { ProviderError } from '../../provider-error';
import { rosterCounts } from './rosters';
import type { ScheduledClass } from './schedule';
import { SeededRandom } from './seeded-random';
import type { LocationPlan } from './studio-plan';

/**
 * The demo studio's house rules for new bookings, and the plain words it says
 * no with. Everything here is pure: the studio hands in the class, the member,
 * the roster as it stands and the time.
 */

/** Statuses that hold a place, a place in line, or a request for one. */
export const LIVE_STATUSES: ReadonlySet<BookingStatus> = new Set(['booked', 'waitlisted', 'checked_in', 'pending_confirmation']);

export const CLASS_FULL_NOTE = 'The class is full; the member would go onto the waitlist';

/**
 * About one member in sixteen has used up their credits, so the desk can see a
 * refusal it cannot fix: 18 of the 320, e.g. M-10013 and M-10019 in Berlin,
 * M-10060 and M-10126 in Brooklyn. They may still be on generated rosters.
 */
const NO_CREDITS_SHARE = 1 / 16;

/** Whether this member's membership has no class credits left; stable per member number. */
export function hasNoClassCredits(member: Member): boolean {
  return SeededRandom.seededBy('no-credits', member.memberNumber).chance(NO_CREDITS_SHARE);
}

export const nameOf = (member: Member | undefined): string =>
  member ? `${member.firstName} ${member.lastName}` : 'This member';

export function refuse(message: string): never {
  throw new ProviderError(message, false, 'conflict');
}

export interface NewBooking {
  scheduled: ScheduledClass;
  member: Member;
  /** Where the member belongs: members book classes at their home location only. */
  home: LocationPlan;
  roster: readonly Booking[];
  nowMs: number;
}

/**
 * May this member book this class? Refusals first; when there is none, the
 * booking goes through, and a full class only means a place on the waitlist.
 */
export function checkNewBooking({ scheduled, member, home, roster, nowMs }: NewBooking): BookingValidation {
  const { session, location } = scheduled;
  const who = nameOf(member);
  const refusals: string[] = [];
  if (session.status === 'cancelled') refusals.push('This class was cancelled, so it cannot be booked');
  else if (nowMs >= Date.parse(session.startsAt)) refusals.push('The class has already started, so it can no longer be booked');
  else if (session.bookingOpensAt !== undefined && nowMs < Date.parse(session.bookingOpensAt)) {
    const opens = DateTime.fromISO(session.bookingOpensAt, { zone: location.timeZone }).setLocale('en-GB');
    refusals.push(`Booking for this class is not open yet: it opens on ${opens.toFormat("cccc d LLLL 'at' HH:mm")}`);
  } else if (session.bookingClosesAt !== undefined && nowMs >= Date.parse(session.bookingClosesAt)) {
    refusals.push('Booking for this class has closed');
  }
  if (home.key !== location.key) refusals.push(`${who} is a member of ${home.name} and books classes there`);
  const live = roster.find((booking) => booking.memberId === member.id && LIVE_STATUSES.has(booking.status));
  if (live) refusals.push(alreadyOnIt(live, who));
  if (hasNoClassCredits(member)) refusals.push(`${who} has no class credits left, so the class cannot be booked`);
  if (refusals.length > 0) return { bookable: false, reasons: refusals };
  return { bookable: true, reasons: isFull(scheduled, roster) ? [CLASS_FULL_NOTE] : [] };
}

export function isFull({ session }: ScheduledClass, roster: readonly Booking[]): boolean {
  return rosterCounts(roster).booked >= session.capacity;
}

function alreadyOnIt(booking: Booking, who: string): string {
  switch (booking.status) {
    case 'waitlisted':
      return `${who} is already on the waitlist for this class (place ${booking.waitlistPosition ?? '?'})`;
    case 'checked_in':
      return `${who} is already checked in to this class`;
    case 'pending_confirmation':
      return `${who} already asked to book this class; the request is waiting to be confirmed`;
    default:
      return `${who} is already booked into this class`;
  }
}

export function whyNotBooked(status: BookingStatus, who: string): string {
  switch (status) {
    case 'waitlisted':
      return `${who} is on the waitlist, not booked into this class`;
    case 'cancelled':
      return `${who}'s booking was cancelled`;
    case 'no_show':
      return `${who} was marked as a no-show for this class`;
    case 'pending_confirmation':
      return `${who}'s booking is still waiting to be confirmed`;
    case 'rejected':
      return `${who}'s booking request was turned down`;
    case 'booked':
    case 'checked_in':
      return `${who}'s booking cannot be changed right now`;
  }
}

/** Why a booking is not a request the desk can answer. */
export function whyNoRequest(booking: Booking, who: string): string {
  if (booking.source !== 'wellhub') return `${who} booked with the studio directly; only Wellhub requests wait for an answer`;
  switch (booking.status) {
    case 'booked':
    case 'checked_in':
    case 'no_show':
      return `${who}'s booking request was already confirmed`;
    case 'waitlisted':
      return `${who}'s booking request was already answered: they are on the waitlist`;
    case 'rejected':
      return `${who}'s booking request was already turned down`;
    case 'cancelled':
      return `${who}'s booking was cancelled`;
    case 'pending_confirmation':
      return `${who}'s booking request cannot be answered right now`;
  }
}
