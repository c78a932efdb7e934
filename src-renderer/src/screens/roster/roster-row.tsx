import { useLayoutEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingActionKind } from '../../desk/use-booking-actions';
import { memberName } from '../../i18n/words';
import { ariaKeysOf } from '../../shortcuts/desk-commands';
import { ActionNote } from './action-note';
import type { RosterEntry } from './roster-groups';
import type { RowAction } from './row-actions';
import type { GymPlace } from '../../i18n/gym-time';
import { RequestCountdown } from '../requests/request-countdown';

interface Props {
  entry: RosterEntry;
  /** The actions this booking's state and system allow (see actionsFor). */
  offers: readonly RowAction[];
  /** An action for this row is being sent. */
  busy: boolean;
  onAction(kind: BookingActionKind, entry: RosterEntry): void;
  /** The booking whose row last held focus: when its row moves to another group, it takes focus back. */
  focusMemory: RefObject<string | null>;
  /** The class's location: the note tells its times in the gym's zone. */
  place?: GymPlace | undefined;
}

/** One participant on one line: who, member number, booking state, source, a note, and the actions that fit. */
export function RosterRow({ entry, offers, busy, onAction, focusMemory, place }: Props) {
  const { t } = useTranslation();
  const row = useRef<HTMLLIElement>(null);
  const { booking, member, action } = entry;
  const name = memberName(t, member);
  const noted = action !== undefined && action.state !== 'confirmed';

  // A change of state moves the row into another group (a new element); focus must not fall to the page.
  useLayoutEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && focusMemory.current === booking.id) row.current?.focus();
  }, [focusMemory, booking.id]);

  return (
    <li
      ref={row}
      className={`roster-row status-${booking.status}${action?.state === 'needs_attention' ? ' is-attention' : ''}`}
      tabIndex={-1}
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
        {booking.status === 'checked_in' && (
          <span className="checked-in-mark" aria-hidden="true">
            ✓{' '}
          </span>
        )}
        {t(`common.bookingStatus.${booking.status}`)}
        {booking.status === 'waitlisted' && booking.waitlistPosition !== undefined && (
          <span className="waitlist-position">
            {' '}
            <span aria-hidden="true">{t('roster.waitlistPlace', { position: booking.waitlistPosition })}</span>
            <span className="visually-hidden">{t('roster.waitlistPosition', { position: booking.waitlistPosition })}</span>
          </span>
        )}
      </span>
      <span className="booking-source">{t(`common.source.${booking.source}`)}</span>
      <span className="row-note">
        {booking.status === 'pending_confirmation' && booking.decideBy && (
          // With an action's note beside it, only Wellhub's own deadline: the row keeps its height.
          <RequestCountdown booking={booking} place={place} compact oneLine={noted} />
        )}
        <ActionNote action={action} place={place} />
      </span>
      <span className="row-action" role={offers.length > 1 ? 'group' : undefined} aria-label={offers.length > 1 ? t('roster.rowActions', { name }) : undefined}>
        {offers.map(({ kind, testId, primary }) => {
          // The same action already on its way must not be sent twice; another one may.
          const unavailable = busy || (action?.state === 'accepted' && action.kind === kind);
          return (
            <button
              key={kind}
              type="button"
              className={primary ? 'primary' : 'secondary'}
              data-testid={testId}
              // aria-disabled, not disabled: the button keeps focus, so the keyboard stays on this row.
              aria-disabled={unavailable || undefined}
              aria-label={t(`roster.action.${kind}.labelFor`, { name })}
              aria-keyshortcuts={ariaKeysOf(kind)}
              onClick={() => {
                if (!unavailable) onAction(kind, entry);
              }}
            >
              {t(`roster.action.${kind}.label`)}
            </button>
          );
        })}
      </span>
    </li>
  );
}
