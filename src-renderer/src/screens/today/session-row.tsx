import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { formatTimeRange } from '../../i18n/gym-time';
import type { ListedSession } from '../../data/desk-view';

interface Props {
  entry: ListedSession;
  location: Location;
  open: boolean;
  runningNow: boolean;
  onOpen(sessionId: string): void;
}

/** One class in the day's list; the whole row is the button that opens its roster. */
export function SessionRow({ entry, location, open, runningNow, onOpen }: Props) {
  const { t } = useTranslation();
  const { session, instructorName } = entry;
  const cancelled = session.status === 'cancelled';
  const full = !cancelled && session.booked >= session.capacity;
  const classes = ['session-row', open && 'is-open', cancelled && 'is-cancelled'].filter(Boolean).join(' ');
  return (
    <li className="session-item">
      <button
        type="button"
        className={classes}
        data-testid="session-row"
        data-session-id={session.id}
        aria-current={open ? 'true' : undefined}
        // Roving focus: Tab lands on the open class, the arrow keys move from there.
        tabIndex={open ? 0 : -1}
        onClick={() => onOpen(session.id)}
      >
        <span className="session-time">{formatTimeRange(session.startsAt, session.endsAt, location)}</span>
        <span className="session-title">{session.title}</span>
        <span className="session-details">
          {[session.room, instructorName].filter(Boolean).join(' · ')}
        </span>
        <span className="session-numbers">
          <span className="visually-hidden">{t('today.bookedLabel')} </span>
          <span data-testid="session-booked">
            {t('today.bookedOfCapacity', { booked: session.booked, capacity: session.capacity })}
          </span>
          {session.waitlisted > 0 && (
            <span className="session-waitlist" data-testid="session-waitlist">
              {t('today.waitlisted', { count: session.waitlisted })}
            </span>
          )}
        </span>
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
        </span>
      </button>
    </li>
  );
}
