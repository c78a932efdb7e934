import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '../../../src-shared/domain';
import { rememberDeskAction } from '../data/desk-actions';
import { describeDeskError } from '../i18n/words';
import type { DeskMessage } from '../store';
import { useDb, useDesk } from './desk-context';

export type BookingActionKind = 'check_in' | 'undo_check_in';

/**
 * Check in / undo for one booking: asks the core, mirrors the accepted action
 * into Dexie straight away (the row turns "pending" before any change set
 * arrives), and says what happened through `tell`.
 */
export function useBookingActions(tell: (message: DeskMessage) => void) {
  const db = useDb();
  const desk = useDesk();
  const { t } = useTranslation();

  return useCallback(
    async (kind: BookingActionKind, booking: Pick<Booking, 'id'>, name: string): Promise<void> => {
      // A fresh id per click: the core acts once per id, so a retried request cannot act twice.
      const input = { actionId: crypto.randomUUID(), bookingId: booking.id };
      try {
        const action = kind === 'check_in' ? await desk.checkIn(input) : await desk.undoCheckIn(input);
        await rememberDeskAction(db, action);
        if (action.state === 'rejected') {
          const text = action.error ? t('roster.rejected', { reason: action.error }) : t('roster.rejectedNoReason');
          tell({ tone: 'error', text });
          return;
        }
        tell({ tone: 'success', text: t(kind === 'check_in' ? 'roster.checkInSent' : 'roster.undoSent', { name }) });
      } catch (error) {
        tell({ tone: 'error', text: describeDeskError(t, error) });
      }
    },
    [db, desk, t, tell],
  );
}
