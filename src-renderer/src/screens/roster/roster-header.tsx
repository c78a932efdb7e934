import { useTranslation } from 'react-i18next';
import type { Location, Session } from '../../../../src-shared/domain';
import { formatTimeRange } from '../../i18n/gym-time';
import { ariaKeysOf } from '../../shortcuts/desk-commands';

interface Props {
  session: Session;
  location: Location;
  instructorName: string | undefined;
  canAddMember: boolean;
  onAddMember(): void;
}

/** The open class on one line: what, when, where, who teaches, how full; and the way to add a walk-in. */
export function RosterHeader({ session, location, instructorName, canAddMember, onAddMember }: Props) {
  const { t } = useTranslation();
  return (
    <header className="roster-header">
      <div className="roster-heading-line">
        <h3 className="roster-title">{session.title}</h3>
        <p className="roster-meta">
          {[formatTimeRange(session.startsAt, session.endsAt, location), session.room, instructorName].filter(Boolean).join(' · ')}
        </p>
      </div>
      <p className="roster-counts">{t('roster.bookedOfCapacity', { booked: session.booked, capacity: session.capacity })}</p>
      {session.status === 'cancelled' && <p className="badge badge-cancelled">{t('roster.cancelledSession')}</p>}
      {canAddMember && (
        <button
          type="button"
          data-testid="add-member"
          aria-label={t('roster.addMemberTo', { title: session.title })}
          aria-keyshortcuts={ariaKeysOf('addMember')}
          onClick={onAddMember}
        >
          {t('roster.addMember')}
        </button>
      )}
    </header>
  );
}
