import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { formatTimeRange } from '../../i18n/gym-time';
import type { ListedSession } from '../../data/desk-view';

interface Props {
  entry: ListedSession;
  location: Location;
  open: boolean;
  runningNow: boolean;
  /** Over: dimmed, so the eye finds what is still to come. */
  past: boolean;
  /** Members checked in, as far as the cached roster knows. */
  checkedIn: number;
  onOpen(sessionId: string): void;
}

/** One class in the day's list, two short lines; the whole row is the button that opens its roster. */
export function SessionRow({ entry, location, open, runningNow, past, checkedIn, onOpen }: Props) {
  const { t } = useTranslation();
  const { session, instructorName } = entry;
  const booked = session.booked + (entry.placesElsewhere ?? 0);
  const cancelled = session.status === 'cancelled';
  const full = !cancelled && booked >= session.capacity;
  const classes = ['session-row', open && 'is-open', cancelled && 'is-cancelled', past && 'is-past', runningNow && 'is-now']
    .filter(Boolean)
    .join(' ');
  return (
    <li className="session-item">
      <button
        type="button"
        className={classes}
        data-testid="session-row"
        data-session-id={session.id}
        data-past={past || undefined}
        aria-current={open ? 'true' : undefined}
        // Roving focus: Tab lands on the open class, the arrow keys move from there.
        tabIndex={open ? 0 : -1}
        onClick={() => onOpen(session.id)}
      >
        <span className="session-time">{formatTimeRange(session.startsAt, session.endsAt, location)}</span>
        <span className="session-title">{session.title}</span>
        <span className="session-badges">
          {runningNow && !cancelled && <span className="badge badge-now">{t('today.now')}</span>}
          {cancelled && (
            <span className="badge badge-cancelled" data-testid="session-cancelled">
              {t('today.cancelled')}
            </span>
          )}
          {full && (
            <span className="badge badge-full" data-testid="session-full">
              {t('today.full')}
            </span>
          )}
          <span className="session-numbers">
            <span className="visually-hidden">{t('today.bookedLabel')} </span>
            <span data-testid="session-booked">
              {t('today.bookedOfCapacity', { booked, capacity: session.capacity })}
            </span>
          </span>
        </span>
        <span className="session-details">{[session.room, instructorName].filter(Boolean).join(' · ')}</span>
        <span className="session-counts">
          <span data-testid="session-checked-in" data-count={checkedIn}>
            {t('today.checkedIn', { count: checkedIn })}
          </span>
          {session.waitlisted > 0 && (
            <span className="session-waitlist" data-testid="session-waitlist">
              {t('today.waitlistedShort', { count: session.waitlisted })}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
