import type { Booking, BookingStatus, Member } from '../../../../src-shared/domain';
import type { BookingValidation } from '../provider';
import { ProviderError } from '../../provider-error';
import { deskMessage, type DeskMessage } from '../../../../src-shared/desk-messages';
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

export const CLASS_FULL_NOTE: DeskMessage = { code: 'class_full_goes_to_waitlist' };

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

/** A member's name, a parameter of the studio's answers ('?' for one it no longer knows). */
export const nameOf = (member: Member | undefined): string => (member ? `${member.firstName} ${member.lastName}` : '?');

export function refuse(said: DeskMessage): never {
  throw new ProviderError(said, false, 'conflict');
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
  const refusals: DeskMessage[] = [];
  if (session.status === 'cancelled') refusals.push(deskMessage('class_cancelled', { session: session.title }));
  else if (nowMs >= Date.parse(session.startsAt)) refusals.push(deskMessage('class_started', { session: session.title, startedAt: session.startsAt }));
  else if (session.bookingOpensAt !== undefined && nowMs < Date.parse(session.bookingOpensAt)) {
    refusals.push(deskMessage('booking_not_open_yet', { session: session.title, opensAt: session.bookingOpensAt }));
  } else if (session.bookingClosesAt !== undefined && nowMs >= Date.parse(session.bookingClosesAt)) {
    refusals.push(deskMessage('booking_closed', { session: session.title, closedAt: session.bookingClosesAt }));
  }
  if (home.key !== location.key) refusals.push(deskMessage('member_of_other_location', { member: who, location: home.name }));
  const live = roster.find((booking) => booking.memberId === member.id && LIVE_STATUSES.has(booking.status));
  if (live) refusals.push(alreadyOnIt(live, who));
  if (hasNoClassCredits(member)) refusals.push(deskMessage('no_class_credits', { member: who }));
  if (refusals.length > 0) return { bookable: false, reasons: refusals };
  return { bookable: true, reasons: isFull(scheduled, roster) ? [CLASS_FULL_NOTE] : [] };
}

export function isFull({ session }: ScheduledClass, roster: readonly Booking[]): boolean {
  return rosterCounts(roster).booked >= session.capacity;
}

function alreadyOnIt(booking: Booking, who: string): DeskMessage {
  switch (booking.status) {
    case 'waitlisted':
      return deskMessage('already_on_waitlist', { member: who, position: booking.waitlistPosition });
    case 'checked_in':
      return deskMessage('already_checked_in', { member: who });
    case 'pending_confirmation':
      return deskMessage('already_requested', { member: who });
    default:
      return deskMessage('already_booked', { member: who });
  }
}

export function whyNotBooked(status: BookingStatus, who: string): DeskMessage {
  const member = { member: who };
  switch (status) {
    case 'waitlisted':
      return deskMessage('on_waitlist_not_booked', member);
    case 'cancelled':
      return deskMessage('booking_cancelled', member);
    case 'no_show':
      return deskMessage('marked_no_show', member);
    case 'pending_confirmation':
      return deskMessage('booking_pending', member);
    case 'rejected':
      return deskMessage('booking_request_turned_down', member);
    case 'booked':
    case 'checked_in':
      return deskMessage('booking_cannot_change', member);
  }
}

/** Why a booking is not a request the desk can answer. */
export function whyNoRequest(booking: Booking, who: string): DeskMessage {
  const member = { member: who };
  if (booking.source !== 'wellhub') return deskMessage('booked_directly', member);
  switch (booking.status) {
    case 'booked':
    case 'checked_in':
    case 'no_show':
      return deskMessage('request_already_confirmed', member);
    case 'waitlisted':
      return deskMessage('request_already_waitlisted', member);
    case 'rejected':
      return deskMessage('booking_request_turned_down', member);
    case 'cancelled':
      return deskMessage('booking_cancelled', member);
    case 'pending_confirmation':
      return deskMessage('request_cannot_answer', member);
  }
}
