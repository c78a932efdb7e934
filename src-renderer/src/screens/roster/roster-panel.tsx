import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { useBookingActions, type BookingActionKind } from '../../desk/use-booking-actions';
import { formatTimeRange } from '../../i18n/gym-time';
import { useDeskStore } from '../../store';
import { useConnections } from '../connections/use-connections';
import type { ListedSession } from '../use-desk-selection';
import { groupRoster, type RosterEntry } from './roster-groups';
import { RosterRow } from './roster-row';
import { useRoster } from './use-roster';
import './roster.css';

interface Props {
  location: Location | undefined;
  entry: ListedSession | undefined;
}

/** Right side of the desk: who is booked on the open class, grouped the way the desk works through them. */
export function RosterPanel({ location, entry }: Props) {
  const { t } = useTranslation();
  const session = entry?.session;
  const roster = useRoster(session?.id);
  const message = useDeskStore((state) => state.rosterMessage);
  const tellRoster = useDeskStore((state) => state.tellRoster);
  const run = useBookingActions(tellRoster);
  const act = (kind: BookingActionKind, row: RosterEntry, name: string) => run(kind, row.booking, name);
  // The demo studio is no connection, and has full rosters; a real system says what it shares.
  const { connections } = useConnections();
  const capabilities = connections?.find((c) => c.id === session?.connectionId)?.capabilities;
  const partialRoster = capabilities?.roster === false;

  return (
    <section className="roster-panel" aria-labelledby="roster-heading">
      <h2 id="roster-heading" className="visually-hidden">
        {t('roster.heading')}
      </h2>
      <p className={`desk-message ${message ? `tone-${message.tone}` : ''}`} aria-live="polite" data-testid="roster-message">
        {message?.text}
      </p>
      {!session || !location ? (
        <p className="empty">{t('roster.nothingChosen')}</p>
      ) : (
        <div className="roster" data-testid="roster" data-session-id={session.id}>
          <header className="roster-header">
            <h3 className="roster-title">{session.title}</h3>
            <p className="roster-meta">
              {[formatTimeRange(session.startsAt, session.endsAt, location), session.room, entry?.instructorName]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <p className="roster-meta">{t('roster.bookedOfCapacity', { booked: session.booked, capacity: session.capacity })}</p>
            {session.status === 'cancelled' && <p className="badge badge-cancelled">{t('roster.cancelledSession')}</p>}
          </header>
          {partialRoster && (
            <p className="roster-note" data-testid="roster-partial">
              {t('roster.partial')}
            </p>
          )}
          {roster && roster.length === 0 && !partialRoster && <p className="empty">{t('roster.empty')}</p>}
          {roster &&
            groupRoster(roster).map((group) => (
              <section key={group.status} className="roster-group" aria-labelledby={`roster-group-${group.status}`}>
                <h4 id={`roster-group-${group.status}`}>
                  {t('roster.groupHeading', {
                    status: t(`common.bookingStatus.${group.status}`),
                    count: group.entries.length,
                  })}
                </h4>
                <ul className="roster-list">
                  {group.entries.map((row) => (
                    <RosterRow key={row.booking.id} entry={row} act={act} allows={capabilities} />
                  ))}
                </ul>
              </section>
            ))}
        </div>
      )}
    </section>
  );
}
