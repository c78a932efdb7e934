import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskApi } from '../../../src-shared/contract';
import type { Booking, DeskAction, DeskActionKind } from '../../../src-shared/domain';
import { rememberDeskAction } from '../data/desk-actions';
import { describeActionAnswer, describeActionError } from '../i18n/action-words';
import { errorMessage } from '../i18n/words';
import type { DeskMessage } from '../store';
import { useDb, useDesk } from './desk-context';

/** The desk actions that act on a booking the desk already has. */
export type BookingActionKind = Exclude<DeskActionKind, 'book' | 'validate_visit'>;

interface BookingActionInput {
  actionId: string;
  bookingId: string;
  reason?: string;
}

function send(desk: DeskApi, kind: BookingActionKind, input: BookingActionInput): Promise<DeskAction> {
  const { reason, ...plain } = input;
  switch (kind) {
    case 'check_in':
      return desk.checkIn(plain);
    case 'undo_check_in':
      return desk.undoCheckIn(plain);
    case 'promote_from_waitlist':
      return desk.promoteFromWaitlist(plain);
    case 'confirm_booking_request':
      return desk.confirmBookingRequest(plain);
    case 'cancel_booking':
      return desk.cancelBooking(reason ? input : plain);
    case 'reject_booking_request':
      return desk.rejectBookingRequest(reason ? input : plain);
  }
}

export interface BookingActionResult {
  /** The action as the core answered it; none when the core could not be asked or refused the request. */
  action: DeskAction | undefined;
  /** What was told, so a dialog can show it too. */
  message: DeskMessage;
}

/**
 * Any action on one booking: asks the core, mirrors the returned action into
 * Dexie straight away (the row turns "pending" before any change set arrives),
 * and says what happened through `tell`.
 */
export function useBookingActions(tell: (message: DeskMessage) => void) {
  const db = useDb();
  const desk = useDesk();
  const { t } = useTranslation();

  return useCallback(
    async (kind: BookingActionKind, booking: Pick<Booking, 'id'>, name: string, reason?: string): Promise<BookingActionResult> => {
      // A fresh id per click: the core acts once per id, so a retried request cannot act twice.
      const input: BookingActionInput = { actionId: crypto.randomUUID(), bookingId: booking.id };
      const words = reason?.trim();
      if (words) input.reason = words;
      try {
        const action = await send(desk, kind, input);
        await rememberDeskAction(db, action);
        const message = describeActionAnswer(t, action, name);
        tell(message);
        return { action, message };
      } catch (error) {
        const message = errorMessage(describeActionError(t, error), error);
        tell(message);
        return { action: undefined, message };
      }
    },
    [db, desk, t, tell],
  );
}
