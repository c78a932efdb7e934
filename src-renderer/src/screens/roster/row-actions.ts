import type { Capabilities } from '../../../../src-shared/connections';
import type { BookingStatus } from '../../../../src-shared/domain';
import type { BookingActionKind } from '../../desk/use-booking-actions';

export interface RowAction {
  kind: BookingActionKind;
  /** The booking states it makes sense for. */
  fits: readonly BookingStatus[];
  /** What the booking's system must be able to do. */
  capability: keyof Capabilities;
  testId: string;
  primary: boolean;
  /** Opens a dialog first: a reason, and for a cancellation a word about late fees. */
  asks: boolean;
}

/** Every action a roster row can offer, in the order its buttons appear. */
export const rowActions: readonly RowAction[] = [
  { kind: 'check_in', fits: ['booked'], capability: 'checkIn', testId: 'action-check-in', primary: true, asks: false },
  { kind: 'undo_check_in', fits: ['checked_in'], capability: 'undoCheckIn', testId: 'action-undo', primary: false, asks: false },
  {
    kind: 'promote_from_waitlist',
    fits: ['waitlisted'],
    capability: 'promoteFromWaitlist',
    testId: 'action-promote',
    primary: true,
    asks: false,
  },
  {
    kind: 'confirm_booking_request',
    fits: ['pending_confirmation'],
    capability: 'confirmBookingRequests',
    testId: 'action-confirm',
    primary: true,
    asks: false,
  },
  {
    kind: 'reject_booking_request',
    fits: ['pending_confirmation'],
    capability: 'confirmBookingRequests',
    testId: 'action-reject',
    primary: false,
    asks: true,
  },
  {
    kind: 'cancel_booking',
    fits: ['booked', 'waitlisted'],
    capability: 'cancelBooking',
    testId: 'action-cancel',
    primary: false,
    asks: true,
  },
];

/**
 * The actions a booking in this state offers. Without capabilities (the demo
 * studio, or connections not loaded yet) everything the state fits is offered;
 * the core says "conflict" if the system cannot, and the desk shows that.
 */
export function actionsFor(status: BookingStatus, capabilities: Capabilities | undefined): RowAction[] {
  return rowActions.filter((action) => action.fits.includes(status) && (capabilities?.[action.capability] ?? true));
}
