import { useRef, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { memberName } from '../../i18n/words';
import { rosterRowSelector } from '../../shortcuts/key-place';
import { useDeskStore } from '../../store';
import { useCapabilities } from '../../desk/use-capabilities';
import type { ListedSession } from '../../data/desk-view';
import { groupHeading } from './group-heading';
import { groupRoster } from './roster-groups';
import { RosterDialogs } from './roster-dialogs';
import { RosterHeader } from './roster-header';
import { RosterRow } from './roster-row';
import { usePendingWalkIns, useRoster } from './use-roster';
import { useRosterActions } from './use-roster-actions';
import { DeskToast } from '../../ui/desk-toast';
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
  const walkIns = usePendingWalkIns(session?.id);
  const message = useDeskStore((state) => state.rosterMessage);
  const tellRoster = useDeskStore((state) => state.tellRoster);
  const dismissRoster = useDeskStore((state) => state.dismissRoster);
  const capabilitiesByConnection = useCapabilities();
  const capabilities = capabilitiesByConnection?.[session?.connectionId ?? ''];
  const partialRoster = capabilities?.roster === false;
  // An unread roster is not an empty class: what the desk read before is all it knows.
  const rosterUnread = session?.rosterUnread === true;
  const actions = useRosterActions(session, roster, capabilitiesByConnection, location);
  const focusMemory = useRef<string | null>(null);

  function rememberFocus(event: FocusEvent<HTMLElement>): void {
    const row = event.target.closest<HTMLElement>(rosterRowSelector);
    if (row) focusMemory.current = row.dataset['bookingId'] ?? null;
  }

  return (
    <section className="roster-panel" aria-labelledby="roster-heading">
      <h2 id="roster-heading" className="visually-hidden">
        {t('roster.heading')}
      </h2>
      <DeskToast message={message} clear={dismissRoster} testId="roster-message" className="roster-message" />
      {!session || !location ? (
        <p className="empty">{t('roster.nothingChosen')}</p>
      ) : (
        <div className="roster" data-testid="roster" data-session-id={session.id} onFocus={rememberFocus}>
          <RosterHeader
            session={session}
            location={location}
            instructorName={entry?.instructorName}
            canAddMember={actions.canAddMember}
            onAddMember={actions.addMember}
            roster={roster}
          />
          {partialRoster && (
            <p className="roster-note" data-testid="roster-partial">
              {t('roster.partial')}
            </p>
          )}
          {walkIns.length > 0 && (
            <p className="roster-note" data-testid="roster-walk-ins">
              {t('roster.walkInsPending', { names: walkIns.map(({ member }) => memberName(t, member)).join(', ') })}
            </p>
          )}
          {rosterUnread && roster && (
            <p className="roster-note roster-unread" data-testid="roster-unread">
              {t(roster.length === 0 ? 'roster.unreadNoneKnown' : 'roster.unread')}
            </p>
          )}
          {roster && roster.length === 0 && !partialRoster && !rosterUnread && (
            <p className="empty">{t('roster.empty')}</p>
          )}
          {roster &&
            groupRoster(roster).map((group) => (
              <section key={group.status} className="roster-group" aria-labelledby={`roster-group-${group.status}`}>
                <h4 id={`roster-group-${group.status}`}>{groupHeading(t, group)}</h4>
                <ul className="roster-list">
                  {group.entries.map((row) => (
                    <RosterRow
                      key={row.booking.id}
                      entry={row}
                      offers={actions.offersFor(row)}
                      busy={actions.busy.has(row.booking.id)}
                      onAction={actions.start}
                      focusMemory={focusMemory}
                      place={location}
                    />
                  ))}
                </ul>
              </section>
            ))}
          <RosterDialogs
            dialog={actions.dialog}
            session={session}
            location={location}
            capabilities={capabilities}
            confirm={actions.confirm}
            close={actions.closeDialog}
            tell={tellRoster}
          />
        </div>
      )}
    </section>
  );
}
