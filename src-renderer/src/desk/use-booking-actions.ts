import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking, DeskAction } from '../../../src-shared/domain';
import { rememberDeskAction } from '../data/desk-actions';
import { describeActionAnswer, describeActionError } from '../i18n/action-words';
import { errorMessage } from '../i18n/words';
import type { DeskMessage } from '../store';
import { useDb, useDesk } from './desk-context';
import { bookingActionOf, type BookingActionInput, type BookingActionKind } from './desk-action-registry';
import type { GymPlace } from '../i18n/gym-time';

export type { BookingActionKind } from './desk-action-registry';

export interface BookingActionResult {
  /** The action as the core answered it; none when the core could not be asked or refused the request. */
  action: DeskAction | undefined;
  /** What was told, so a dialog can show it too. */
  message: DeskMessage;
}

/**
 * Any action on one booking (at `place`, whose zone its times are told in): asks the core, mirrors the returned action into
 * Dexie straight away (the row turns "pending" before any change set arrives),
 * and says what happened through `tell`.
 */
export function useBookingActions(tell: (message: DeskMessage) => void, place?: GymPlace) {
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
        const action = await bookingActionOf(kind).send(desk, input);
        await rememberDeskAction(db, action);
        const message = describeActionAnswer(t, action, name, place);
        tell(message);
        return { action, message };
      } catch (error) {
        const message = errorMessage(describeActionError(t, error, { place }), error);
        tell(message);
        return { action: undefined, message };
      }
    },
    [db, desk, t, tell, place],
  );
}
