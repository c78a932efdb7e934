import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskAction } from '../../../../src-shared/domain';
import type { BookingActionKind } from '../../desk/use-booking-actions';
import { memberName } from '../../i18n/words';
import type { RosterEntry } from './roster-groups';

interface Props {
  entry: RosterEntry;
  act(kind: BookingActionKind, entry: RosterEntry, name: string): Promise<void>;
  /** Which actions the booking's system lets the desk do; everything when unknown (demo studio, offline). */
  allows?: { checkIn: boolean; undoCheckIn: boolean };
}

function ActionNote({ action }: { action: DeskAction | undefined }) {
  const { t } = useTranslation();
  if (action?.state === 'accepted') {
    const label =
      action.kind === 'check_in'
        ? t('roster.pendingCheckIn')
        : action.kind === 'undo_check_in'
          ? t('roster.pendingUndo')
          : t('roster.pendingCancel');
    return (
      <span className="badge badge-pending" data-testid="roster-pending">
        {label}
      </span>
    );
  }
  if (action?.state === 'rejected') {
    return (
      <span className="row-error" data-testid="roster-rejected">
        {action.error ? t('roster.rejected', { reason: action.error }) : t('roster.rejectedNoReason')}
      </span>
    );
  }
  return null;
}

/** One participant: who, which booking state, and the one desk action that fits it. */
export function RosterRow({ entry, act, allows = { checkIn: true, undoCheckIn: true } }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const { booking, member, action } = entry;
  const name = memberName(t, member);
  const kind: BookingActionKind | undefined =
    booking.status === 'booked' && allows.checkIn
      ? 'check_in'
      : booking.status === 'checked_in' && allows.undoCheckIn
        ? 'undo_check_in'
        : undefined;
  // The same action already on its way must not be sent twice; the other one may.
  const alreadyPending = action?.state === 'accepted' && action.kind === kind;

  async function onClick(chosen: BookingActionKind): Promise<void> {
    setBusy(true);
    try {
      await act(chosen, entry, name);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className={`roster-row status-${booking.status}`}
      data-testid="roster-row"
      data-booking-id={booking.id}
      data-member-id={booking.memberId}
      data-status={booking.status}
    >
      <span className="member-name">{name}</span>
      <span className="member-number">
        {member ? t('roster.memberNumber', { memberNumber: member.memberNumber }) : ''}
      </span>
      <span className="booking-status">
        {t(`common.bookingStatus.${booking.status}`)}
        {booking.status === 'waitlisted' && booking.waitlistPosition !== undefined && (
          <span className="waitlist-position">
            {' · '}
            {t('roster.waitlistPosition', { position: booking.waitlistPosition })}
          </span>
        )}
      </span>
      <span className="booking-source">{t(`common.source.${booking.source}`)}</span>
      <span className="row-note">
        <ActionNote action={action} />
      </span>
      <span className="row-action">
        {kind && (
          <button
            type="button"
            className={kind === 'check_in' ? 'primary' : 'secondary'}
            disabled={busy || alreadyPending}
            aria-label={
              kind === 'check_in' ? t('roster.checkInMember', { name }) : t('roster.undoCheckInMember', { name })
            }
            onClick={() => void onClick(kind)}
          >
            {kind === 'check_in' ? t('roster.checkIn') : t('roster.undoCheckIn')}
          </button>
        )}
      </span>
    </li>
  );
}
