import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location, Session } from '../../../../src-shared/domain';
import { formatTimeRange } from '../../i18n/gym-time';
import { ariaKeysOf } from '../../shortcuts/desk-commands';
import { PrintRoster } from './print-roster';
import { placesHeldElsewhere, type RosterEntry } from './roster-groups';

interface Props {
  session: Session;
  location: Location;
  instructorName: string | undefined;
  canAddMember: boolean;
  onAddMember(): void;
  /** The open class's participants, for its paper (the print view). */
  roster?: RosterEntry[] | undefined;
}

/** Ctrl+P (⌘P) prints the open roster: the browser does it by itself, Electron only when asked. */
function usePrintKey(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        window.print();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The open class on one line: what, when, where, who teaches, how full; the way to add a walk-in, and to print it. */
export function RosterHeader({ session, location, instructorName, canAddMember, onAddMember, roster }: Props) {
  const { t } = useTranslation();
  usePrintKey();
  // One capacity: the class's own, its booked count with the places Wellhub members hold on its Wellhub slot.
  const viaWellhub = placesHeldElsewhere(session.id, roster);
  return (
    <header className="roster-header">
      <div className="roster-heading-line">
        <h3 className="roster-title">{session.title}</h3>
        <p className="roster-meta">
          {[formatTimeRange(session.startsAt, session.endsAt, location), session.room, instructorName].filter(Boolean).join(' · ')}
        </p>
      </div>
      <p className="roster-counts" data-testid="roster-counts">
        {t('roster.bookedOfCapacity', { booked: session.booked + viaWellhub, capacity: session.capacity })}
        {viaWellhub > 0 && <span className="roster-counts-wellhub"> ({t('roster.viaWellhub', { count: viaWellhub })})</span>}
      </p>
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
      <button
        type="button"
        className="secondary"
        data-testid="print-roster-button"
        aria-label={t('paper.printRosterOf', { title: session.title })}
        aria-keyshortcuts="Control+P"
        onClick={() => window.print()}
      >
        {t('paper.printRoster')}
      </button>
      <PrintRoster session={session} location={location} instructorName={instructorName} roster={roster} />
    </header>
  );
}
