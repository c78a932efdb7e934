import type { CheckInWindow } from '../../../../src-shared/connections';
import type { Booking } from '../../../../src-shared/domain';
import { isFull, refuse, whyNoRequest, whyNotBooked } from './booking-rules';
import type { BookingChange } from './desk-changes';
import type { PlannedBooking } from './rosters';
import type { ScheduledClass } from './schedule';

/**
 * What each desk action on an existing booking changes, as the studio's
 * booking system would decide it. A decision either refuses in plain words or
 * returns the changes per booking id; the studio saves them and rebuilds the roster.
 */

export interface BookingOnRoster {
  scheduled: ScheduledClass;
  planned: PlannedBooking[];
  booking: Booking;
  roster: Booking[];
  /** For messages: "Lena Müller is already checked in". */
  who: string;
  /** The waitlist order that puts someone at the end of this class's waitlist. */
  nextWaitlistOrder: number;
}

export type Decision = (found: BookingOnRoster, nowMs: number) => Map<string, BookingChange>;

const CHECK_IN_OPENS_MINUTES = 60;
/** The studio's check-in window, declared in its capabilities so the desk offers Check in exactly then. */
export const demoCheckInWindow: CheckInWindow = { opensMinutesBeforeStart: CHECK_IN_OPENS_MINUTES, closesMinutesAfterEnd: 0 };
/**
 * A place freed until this long before the class goes to the first person
 * waiting by itself. Closer to the start the member might not see the notice
 * in time, so the place stays open and the desk moves someone up by hand.
 */
const AUTO_PROMOTE_UNTIL_HOURS_BEFORE = 2;
const MINUTE = 60_000;

const iso = (ms: number): string => new Date(ms).toISOString();
const startOf = ({ session }: ScheduledClass): number => Date.parse(session.startsAt);

export const decideCheckIn: Decision = ({ scheduled, booking, who }, nowMs) => {
  if (scheduled.session.status === 'cancelled') refuse('This class was cancelled, so nobody can check in to it');
  if (booking.status === 'checked_in') refuse(`${who} is already checked in`);
  if (nowMs < startOf(scheduled) - CHECK_IN_OPENS_MINUTES * MINUTE) {
    refuse(`Check-in opens ${CHECK_IN_OPENS_MINUTES} minutes before the class`);
  }
  if (nowMs >= Date.parse(scheduled.session.endsAt)) refuse('Check-in closed when the class ended');
  if (booking.status !== 'booked') refuse(whyNotBooked(booking.status, who));
  return new Map([[booking.id, { status: 'checked_in', checkedInAt: iso(nowMs), updatedAt: iso(nowMs) }]]);
};

/** After the class, a booked member who never came; the studio's own run at the end of the day does the rest. */
export const decideNoShow: Decision = ({ scheduled, booking, who }, nowMs) => {
  if (scheduled.session.status === 'cancelled') refuse('This class was cancelled, so nobody can be marked as a no-show');
  if (nowMs < Date.parse(scheduled.session.endsAt)) refuse('A no-show can be marked once the class has ended');
  if (booking.status === 'no_show') refuse(`${who} is already marked as a no-show`);
  if (booking.status === 'checked_in') refuse(`${who} is checked in; undo the check-in first`);
  if (booking.status !== 'booked') refuse(whyNotBooked(booking.status, who));
  return new Map([[booking.id, { status: 'no_show', updatedAt: iso(nowMs) }]]);
};

export const decideUndoCheckIn: Decision = ({ booking, who }, nowMs) => {
  if (booking.status !== 'checked_in') refuse(`${who} is not checked in`);
  return new Map([[booking.id, { status: 'booked', updatedAt: iso(nowMs) }]]);
};

export const decideCancel: Decision = ({ scheduled, booking, roster, who }, nowMs) => {
  if (scheduled.session.status === 'cancelled') refuse('This class was cancelled already');
  if (nowMs >= startOf(scheduled)) refuse('The class has already started, so the booking can no longer be cancelled');
  if (booking.status === 'cancelled') refuse(`${who}'s booking is already cancelled`);
  if (booking.status === 'checked_in') refuse(`${who} is already checked in; undo the check-in first`);
  if (booking.status !== 'booked' && booking.status !== 'waitlisted') refuse(whyNotBooked(booking.status, who));
  const changes = new Map<string, BookingChange>([[booking.id, { status: 'cancelled', updatedAt: iso(nowMs) }]]);
  const nextInLine = roster.find((other) => other.status === 'waitlisted' && other.waitlistPosition === 1);
  const early = startOf(scheduled) - nowMs > AUTO_PROMOTE_UNTIL_HOURS_BEFORE * 60 * MINUTE;
  if (booking.status === 'booked' && nextInLine && early) changes.set(nextInLine.id, { status: 'booked', updatedAt: iso(nowMs) });
  return changes;
};

/**
 * Moves a waitlisted member onto the class, but only into a free place: the
 * studio never overbooks, so a full class is refused ("cancel a booking
 * first") rather than letting the count pass the capacity. The rest of the
 * waitlist moves up (positions are renumbered when the roster is rebuilt).
 */
export const decidePromote: Decision = (found, nowMs) => {
  const { scheduled, booking, roster, who } = found;
  if (scheduled.session.status === 'cancelled') refuse('This class was cancelled, so nobody can move up from the waitlist');
  if (nowMs >= startOf(scheduled)) refuse('The class has already started, so nobody can move up from the waitlist any more');
  if (booking.status === 'booked' || booking.status === 'checked_in') refuse(`${who} is already booked into this class`);
  if (booking.status !== 'waitlisted') refuse(`${who} is not on the waitlist for this class`);
  if (isFull(scheduled, roster)) refuse('The class is full: cancel a booking first');
  return new Map([[booking.id, { status: 'booked', updatedAt: iso(nowMs) }]]);
};

function answerableRequest({ scheduled, booking, who }: BookingOnRoster, nowMs: number): void {
  if (scheduled.session.status === 'cancelled') refuse('This class was cancelled, so its booking requests cannot be answered');
  if (nowMs >= startOf(scheduled)) refuse('The class has already started, so its booking requests have lapsed');
  if (booking.source !== 'wellhub' || booking.status !== 'pending_confirmation') refuse(whyNoRequest(booking, who));
}

/** A confirmed Wellhub request takes a free place, or the end of the waitlist when the class is full. */
export const decideConfirm: Decision = (found, nowMs) => {
  answerableRequest(found, nowMs);
  const { scheduled, booking, roster, nextWaitlistOrder } = found;
  const change: BookingChange = isFull(scheduled, roster)
    ? { status: 'waitlisted', waitlistOrder: nextWaitlistOrder, updatedAt: iso(nowMs) }
    : { status: 'booked', updatedAt: iso(nowMs) };
  return new Map([[booking.id, change]]);
};

export const decideReject: Decision = (found, nowMs) => {
  answerableRequest(found, nowMs);
  return new Map([[found.booking.id, { status: 'rejected', updatedAt: iso(nowMs) }]]);
};
