import type { CheckInWindow } from '../../../../src-shared/connections';
import type { Booking } from '../../../../src-shared/domain';
import { isFull, refuse, whyNoRequest, whyNotBooked } from './booking-rules';
import { deskMessage } from '../../../../src-shared/desk-messages';
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
  if (scheduled.session.status === 'cancelled') refuse(deskMessage('class_cancelled', { session: scheduled.session.title }));
  if (booking.status === 'checked_in') refuse(deskMessage('already_checked_in', { member: who }));
  if (nowMs < startOf(scheduled) - CHECK_IN_OPENS_MINUTES * MINUTE) {
    refuse(deskMessage('checkin_not_open_yet', { session: scheduled.session.title, opensAt: iso(startOf(scheduled) - CHECK_IN_OPENS_MINUTES * MINUTE) }));
  }
  if (nowMs >= Date.parse(scheduled.session.endsAt)) refuse(deskMessage('checkin_closed', { session: scheduled.session.title, closedAt: scheduled.session.endsAt }));
  if (booking.status !== 'booked') refuse(whyNotBooked(booking.status, who));
  return new Map([[booking.id, { status: 'checked_in', checkedInAt: iso(nowMs), updatedAt: iso(nowMs) }]]);
};

/** After the class, a booked member who never came; the studio's own run at the end of the day does the rest. */
export const decideNoShow: Decision = ({ scheduled, booking, who }, nowMs) => {
  if (scheduled.session.status === 'cancelled') refuse(deskMessage('class_cancelled', { session: scheduled.session.title }));
  if (nowMs < Date.parse(scheduled.session.endsAt)) refuse(deskMessage('class_not_ended', { session: scheduled.session.title, endsAt: scheduled.session.endsAt }));
  if (booking.status === 'no_show') refuse(deskMessage('marked_no_show', { member: who }));
  if (booking.status === 'checked_in') refuse(deskMessage('undo_checkin_first', { member: who }));
  if (booking.status !== 'booked') refuse(whyNotBooked(booking.status, who));
  return new Map([[booking.id, { status: 'no_show', updatedAt: iso(nowMs) }]]);
};

export const decideUndoCheckIn: Decision = ({ booking, who }, nowMs) => {
  if (booking.status !== 'checked_in') refuse(deskMessage('not_checked_in', { member: who }));
  return new Map([[booking.id, { status: 'booked', updatedAt: iso(nowMs) }]]);
};

export const decideCancel: Decision = ({ scheduled, booking, roster, who }, nowMs) => {
  if (scheduled.session.status === 'cancelled') refuse(deskMessage('class_cancelled', { session: scheduled.session.title }));
  if (nowMs >= startOf(scheduled)) refuse(deskMessage('class_started', { session: scheduled.session.title, startedAt: scheduled.session.startsAt }));
  if (booking.status === 'cancelled') refuse(deskMessage('booking_cancelled', { member: who }));
  if (booking.status === 'checked_in') refuse(deskMessage('undo_checkin_first', { member: who }));
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
  if (scheduled.session.status === 'cancelled') refuse(deskMessage('class_cancelled', { session: scheduled.session.title }));
  if (nowMs >= startOf(scheduled)) refuse(deskMessage('class_started', { session: scheduled.session.title, startedAt: scheduled.session.startsAt }));
  if (booking.status === 'booked' || booking.status === 'checked_in') refuse(deskMessage('already_booked', { member: who }));
  if (booking.status !== 'waitlisted') refuse(deskMessage('not_on_waitlist', { member: who }));
  if (isFull(scheduled, roster)) refuse({ code: 'class_full_cancel_first' });
  return new Map([[booking.id, { status: 'booked', updatedAt: iso(nowMs) }]]);
};

function answerableRequest({ scheduled, booking, who }: BookingOnRoster, nowMs: number): void {
  if (scheduled.session.status === 'cancelled') refuse(deskMessage('class_cancelled', { session: scheduled.session.title }));
  if (nowMs >= startOf(scheduled)) refuse(deskMessage('request_lapsed', { session: scheduled.session.title, startedAt: scheduled.session.startsAt }));
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
