import type { Booking } from '../../../../src-shared/domain';
import { isFull } from './booking-rules';
import type { AddedBooking, DeskChanges } from './desk-changes';
import { nextWaitlistOrder, type PlannedBooking } from './rosters';
import type { ScheduledClass } from './schedule';

/**
 * Bookings the desk makes in the demo studio. They are kept in the overlay
 * next to the generated roster and planned like any other booking, so the
 * roster, its counts and the waitlist all include them.
 */

export interface DeskBookingSubject {
  scheduled: ScheduledClass;
  planned: readonly PlannedBooking[];
  roster: readonly Booking[];
  memberId: string;
  nowMs: number;
}

/**
 * A new booking: a free place while booked < capacity, else the end of the
 * waitlist. Its id is `<session id>:desk-<n>`, n counting the desk's bookings
 * on that class, so the session (and with it the roster) is read off the id
 * just as for generated `<session id>:<nn>` bookings, and never clashes with them.
 */
export function newDeskBooking(
  { scheduled, planned, roster, memberId, nowMs }: DeskBookingSubject,
  changes: DeskChanges,
): AddedBooking {
  const sessionId = scheduled.session.id;
  const added: AddedBooking = {
    id: `${sessionId}:desk-${changes.addedTo(sessionId).length + 1}`,
    memberId,
    status: 'booked',
    madeAt: new Date(nowMs).toISOString(),
  };
  if (!isFull(scheduled, roster)) return added;
  return { ...added, status: 'waitlisted', waitlistOrder: nextWaitlistOrder(planned, (id) => changes.changeFor(id)) };
}

/**
 * A booking the desk added, as part of the plan: it never checks in by itself,
 * so unless the desk checks the member in, it ends as a no-show.
 */
export function plannedFromAdded({ session }: ScheduledClass, added: AddedBooking): PlannedBooking {
  const planned: PlannedBooking = {
    id: added.id,
    memberId: added.memberId,
    source: 'demo',
    intent: added.status,
    madeAt: Date.parse(added.madeAt),
    attends: false,
    arrivesAt: Date.parse(session.startsAt),
    selfCheckIn: false,
  };
  if (added.waitlistOrder !== undefined) planned.waitlistOrder = added.waitlistOrder;
  return planned;
}
