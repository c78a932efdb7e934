import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capabilities } from '../../../../src-shared/connections';
import type { Location, Member, Session } from '../../../../src-shared/domain';
import { formatDateTime } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import type { DeskMessage } from '../../store';
import { ModalDialog } from '../../ui/modal-dialog';
import { useWalkInSearch } from './use-walk-in-search';
import { WalkInBooking } from './walk-in-booking';
import './walk-in.css';

interface Props {
  session: Session;
  location: Location;
  capabilities: Capabilities | undefined;
  onBooked(message: DeskMessage): void;
  onClose(): void;
}

/** Book a walk-in onto the open class: find the member by card or name, see whether they may book, book. */
export function WalkInDialog({ session, location, capabilities, onBooked, onClose }: Props) {
  const { t } = useTranslation();
  const search = useWalkInSearch(session.connectionId, capabilities?.memberSearch === true);
  const [chosen, setChosen] = useState<Member | null>(null);
  const searchId = useId();
  const hintId = useId();
  const aboutId = useId();

  function choose(member: Member | undefined): void {
    if (!member) return;
    setChosen(member);
    search.change('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search.submit().then(choose);
  }

  return (
    <ModalDialog
      title={t('walkIn.heading', { title: session.title })}
      testId="walk-in-dialog"
      onClose={onClose}
      describedBy={aboutId}
      className="walk-in-dialog"
    >
      <p id={aboutId}>{t('walkIn.session', { title: session.title, time: formatDateTime(session.startsAt, location) })}</p>
      {chosen ? (
        <WalkInBooking
          key={chosen.id}
          member={chosen}
          session={session}
          place={location}
          capabilities={capabilities}
          onBooked={onBooked}
          onChooseOther={() => setChosen(null)}
        />
      ) : (
        <>
          <div className="dialog-field">
            <label htmlFor={searchId}>{t('walkIn.search')}</label>
            <input
              id={searchId}
              data-testid="walk-in-search"
              data-autofocus
              // Back from "choose another member", the search takes focus again.
              autoFocus
              type="text"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={hintId}
              value={search.text}
              onChange={(event) => search.change(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <p id={hintId} className="hint">
              {search.offerSystem ? t('walkIn.searchRemoteHint') : t('walkIn.searchHint')}
            </p>
          </div>
          <p className="walk-in-notice" role="status">
            {search.asking ? t('walkIn.searching') : search.notice}
          </p>
          {search.results.length > 0 && (
            <ul className="walk-in-results" aria-label={t('walkIn.results')}>
              {search.results.map((member) => {
                const name = memberName(t, member);
                return (
                  <li key={member.id}>
                    <button
                      type="button"
                      data-testid="walk-in-result"
                      data-member-id={member.id}
                      aria-label={t('walkIn.choose', { name })}
                      onClick={() => choose(member)}
                    >
                      <span className="member-name">{name}</span>
                      <span className="member-number">{t('roster.memberNumber', { memberNumber: member.memberNumber })}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              {t('walkIn.close')}
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
