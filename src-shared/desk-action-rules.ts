import type { Capabilities, CapabilityFlag, CheckInWindow } from './connections';
import type { BookingStatus, DeskActionKind, Session } from './domain';

/**
 * When a desk action can work: the booking states it is for, the time around
 * the class it belongs to, and the ability the booking's system must have.
 * Shared, so the desk offers exactly what the core and the systems would take;
 * the renderer's registry (labels, keys, dialogs) is built on these rules.
 */

/**
 * The check-in window where a system does not document its own (Zenoti's and
 * the Sport Alliance documents are silent): from an hour before the class
 * until it ends. An hour covers members who come early to change; after the
 * end, a check-in would only be a record, and no-show marking takes over.
 */
export const defaultCheckInWindow: CheckInWindow = { opensMinutesBeforeStart: 60, closesMinutesAfterEnd: 0 };

/**
 * The stretch of time an action belongs to, relative to its class:
 * before the start (waitlist, cancellation, answering requests, booking),
 * the system's check-in window, after the end (no-shows), or any time.
 */
export type ActionTime = 'before_start' | 'check_in_window' | 'after_end' | 'any';

export interface ActionRule {
  /** The booking states it makes sense for; empty for class actions (book). */
  statuses: readonly BookingStatus[];
  time: ActionTime;
  capability: CapabilityFlag;
}

/** The desk actions that act on a class or one of its bookings (validate_visit is about a person at the door). */
export type ClassActionKind = Exclude<DeskActionKind, 'validate_visit'>;

export const actionRules: Readonly<Record<ClassActionKind, ActionRule>> = {
  check_in: { statuses: ['booked'], time: 'check_in_window', capability: 'checkIn' },
  // Undoing a slip of the hand: as long as a check-in itself could happen.
  undo_check_in: { statuses: ['checked_in'], time: 'check_in_window', capability: 'undoCheckIn' },
  cancel_booking: { statuses: ['booked', 'waitlisted'], time: 'before_start', capability: 'cancelBooking' },
  promote_from_waitlist: { statuses: ['waitlisted'], time: 'before_start', capability: 'promoteFromWaitlist' },
  // A request nobody answered before the start has lapsed (Wellhub's deadline is earlier still).
  confirm_booking_request: { statuses: ['pending_confirmation'], time: 'before_start', capability: 'confirmBookingRequests' },
  reject_booking_request: { statuses: ['pending_confirmation'], time: 'before_start', capability: 'confirmBookingRequests' },
  mark_no_show: { statuses: ['booked'], time: 'after_end', capability: 'markNoShow' },
  book: { statuses: [], time: 'before_start', capability: 'book' },
};

/**
 * Why an action does not fit, so a keyboard user who asks for it anyway is told the real reason.
 * request_lapsed: a booking request's own deadline (Wellhub's `decideBy`) has passed, class or not.
 */
export type Misfit = 'status' | 'capability' | 'class_cancelled' | 'too_early' | 'too_late' | 'request_lapsed';

/** The actions that answer a booking request: once its deadline passes, Wellhub has declined it and they cannot work. */
const answersRequest: ReadonlySet<ClassActionKind> = new Set(['confirm_booking_request', 'reject_booking_request']);

type ClassTimes = Pick<Session, 'startsAt' | 'endsAt' | 'status'> & Partial<Pick<Session, 'bookingOpensAt' | 'bookingClosesAt'>>;

const MINUTE = 60_000;

/** When the action's time opens and closes, in epoch ms (either side may be open-ended). */
export function actionSpan(time: ActionTime, session: ClassTimes, capabilities: Capabilities | undefined): { from: number; until: number } {
  const start = Date.parse(session.startsAt);
  const end = Date.parse(session.endsAt);
  switch (time) {
    case 'before_start':
      return { from: -Infinity, until: start };
    case 'check_in_window': {
      const window = capabilities?.checkInWindow ?? defaultCheckInWindow;
      return { from: start - window.opensMinutesBeforeStart * MINUTE, until: end + window.closesMinutesAfterEnd * MINUTE };
    }
    case 'after_end':
      return { from: end, until: Infinity };
    case 'any':
      return { from: -Infinity, until: Infinity };
  }
}

/**
 * Whether `kind` can work on a booking in `status` on this class at `nowMs`; the reason when not.
 * Without capabilities (not known yet) the ability is assumed and only state and time decide.
 * `decideBy` is a booking request's deadline, where the system states one.
 */
export function misfitOf(
  kind: ClassActionKind,
  {
    status,
    decideBy,
    session,
    nowMs,
    capabilities,
  }: { status?: BookingStatus; decideBy?: string | undefined; session: ClassTimes; nowMs: number; capabilities: Capabilities | undefined },
): Misfit | undefined {
  const rule = actionRules[kind];
  if (status !== undefined && !rule.statuses.includes(status)) return 'status';
  if (capabilities && !capabilities[rule.capability]) return 'capability';
  if (session.status === 'cancelled') return 'class_cancelled';
  const span = actionSpan(rule.time, session, capabilities);
  // A booking window the system states narrows "before the start" further.
  const from = kind === 'book' && session.bookingOpensAt ? Math.max(span.from, Date.parse(session.bookingOpensAt)) : span.from;
  const until = kind === 'book' && session.bookingClosesAt ? Math.min(span.until, Date.parse(session.bookingClosesAt)) : span.until;
  if (nowMs < from) return 'too_early';
  if (nowMs >= until) return 'too_late';
  if (decideBy !== undefined && answersRequest.has(kind) && nowMs >= Date.parse(decideBy)) return 'request_lapsed';
  return undefined;
}

/** The next instant after `nowMs` at which some action on this class starts or stops fitting, so the desk can redraw then. */
export function nextActionChange(session: ClassTimes, capabilities: Capabilities | undefined, nowMs: number): number | undefined {
  const edges = Object.values(actionRules).flatMap(({ time }) => {
    const { from, until } = actionSpan(time, session, capabilities);
    return [from, until];
  });
  for (const stated of [session.bookingOpensAt, session.bookingClosesAt]) if (stated) edges.push(Date.parse(stated));
  const later = edges.filter((edge) => Number.isFinite(edge) && edge > nowMs);
  return later.length > 0 ? Math.min(...later) : undefined;
}
