import type { Booking, DeskAction, DeskActionKind } from '../../../src-shared/domain';
import type { BookingActionRequest, Provider } from '../providers/provider';
import { ProviderError } from '../provider-error';
import { deskMessage, type DeskMessage } from '../../../src-shared/desk-messages';

export interface ActionResult {
  booking?: Booking;
  outcome?: DeskMessage;
}

const methodFor: Record<DeskActionKind, keyof Provider> = {
  check_in: 'checkIn',
  undo_check_in: 'undoCheckIn',
  book: 'book',
  cancel_booking: 'cancelBooking',
  promote_from_waitlist: 'promoteFromWaitlist',
  confirm_booking_request: 'confirmBookingRequest',
  reject_booking_request: 'rejectBookingRequest',
  validate_visit: 'validateVisit',
  mark_no_show: 'markNoShow',
};

/** Whether the provider has the call this kind of action needs (its capability flags say the same). */
export const canDo = (provider: Provider, kind: DeskActionKind): boolean => typeof provider[methodFor[kind]] === 'function';

const cannot = (kind: DeskActionKind) => new ProviderError(deskMessage('action_not_offered', { action: kind }), false, 'unsupported');

/**
 * Sends one journaled action to its provider. A `book` that may already have
 * reached the provider before a crash or a lost answer is looked up first, so
 * the member is never booked twice.
 */
export async function carryOut(provider: Provider, action: DeskAction, mayHaveArrived: boolean): Promise<ActionResult> {
  if (action.kind === 'book') return book(provider, action, mayHaveArrived);
  if (action.kind === 'validate_visit') return validateVisit(provider, action);
  if (action.bookingId === undefined) throw new ProviderError({ code: 'action_incomplete' }, false, 'invalid_input');
  const request: BookingActionRequest = { actionId: action.id, bookingId: action.bookingId };
  if (action.reason !== undefined) request.reason = action.reason;
  const send = {
    check_in: provider.checkIn && (() => provider.checkIn?.(request)),
    undo_check_in: provider.undoCheckIn && (() => provider.undoCheckIn?.(request)),
    cancel_booking: provider.cancelBooking && (() => provider.cancelBooking?.(request)),
    promote_from_waitlist: provider.promoteFromWaitlist && (() => provider.promoteFromWaitlist?.(request)),
    confirm_booking_request: provider.confirmBookingRequest && (() => provider.confirmBookingRequest?.(request)),
    reject_booking_request: provider.rejectBookingRequest && (() => provider.rejectBookingRequest?.(request)),
    mark_no_show: provider.markNoShow && (() => provider.markNoShow?.(request)),
  }[action.kind];
  if (!send) throw cannot(action.kind);
  const booking = await send();
  return booking ? { booking } : {};
}

async function book(provider: Provider, action: DeskAction, mayHaveArrived: boolean): Promise<ActionResult> {
  if (!provider.book) throw cannot('book');
  if (action.sessionId === undefined || action.memberId === undefined) {
    throw new ProviderError({ code: 'action_incomplete' }, false, 'invalid_input');
  }
  const subject = { sessionId: action.sessionId, memberId: action.memberId };
  if (mayHaveArrived && provider.findBooking) {
    const existing = await provider.findBooking(subject);
    if (existing) return { booking: existing };
  }
  return { booking: await provider.book({ actionId: action.id, ...subject }) };
}

async function validateVisit(provider: Provider, action: DeskAction): Promise<ActionResult> {
  if (!provider.validateVisit) throw cannot('validate_visit');
  if (action.visitorId === undefined) throw new ProviderError({ code: 'action_incomplete' }, false, 'invalid_input');
  const answer = await provider.validateVisit(action.visitorId);
  if (!answer.valid) throw new ProviderError(answer.said, false, 'visit_refused');
  return { outcome: answer.said };
}
