import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { checkedInCounts } from '../../data/checked-in-counts';
import { shiftLocalDay } from '../../data/local-day';
import { useDb } from '../../desk/desk-context';
import { formatLocalDay } from '../../i18n/gym-time';
import { useShortcutTarget } from '../../shortcuts/desk-shortcuts';
import { moveFocusAmong } from '../../shortcuts/key-place';
import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../../store';
import type { DeskSelection } from '../use-desk-selection';
import { DaySwitcher } from './day-switcher';
import { LocationSelect } from './location-select';
import { SessionRow } from './session-row';
import { TodaysRostersButton } from './todays-rosters-button';
import { useFollowNow } from './use-follow-now';
import { useOpenClassInView } from './use-open-class-in-view';
import './today.css';

/** Left side of the desk: pick location and day, see the day's classes, open one. */
export function TodayPanel({ selection }: { selection: DeskSelection }) {
  const { t } = useTranslation();
  const { locations, location, today, day, sessions, session, nowMs } = selection;
  const { chooseLocation, showDay, openSession } = useDeskStore(
    useShallow((state) => ({
      chooseLocation: state.chooseLocation,
      showDay: state.showDay,
      openSession: state.openSession,
    })),
  );
  const list = useRef<HTMLOListElement>(null);
  const db = useDb();
  const sessionIds = sessions?.map((entry) => entry.session.id).join(' ') ?? '';
  const checkedIn = useLiveQuery(() => checkedInCounts(db, sessionIds ? sessionIds.split(' ') : []), [db, sessionIds]);
  useOpenClassInView(list, session?.id);
  useFollowNow(selection.current?.id);

  const moveDay = useCallback(
    (days: number) => {
      if (day) showDay(shiftLocalDay(day, days));
    },
    [day, showDay],
  );
  const onPreviousDay = useCallback(() => moveDay(-1), [moveDay]);
  const onNextDay = useCallback(() => moveDay(1), [moveDay]);
  const moveClass = useCallback((step: 1 | -1) => {
    const rows = [...(list.current?.querySelectorAll<HTMLElement>('[data-testid="session-row"]') ?? [])];
    // Coming from elsewhere: start at the open class rather than jumping past it.
    moveFocusAmong(rows, step, rows.find((row) => row.getAttribute('aria-current') === 'true'));
  }, []);
  useShortcutTarget('moveDay', moveDay);
  useShortcutTarget('moveClass', moveClass);

  return (
    <nav className="today-panel" aria-labelledby="today-heading">
      <div className="today-top">
        <h2 id="today-heading">{t('today.heading')}</h2>
        {locations && locations.length > 0 && (
          <LocationSelect locations={locations} location={location} onChoose={chooseLocation} />
        )}
      </div>
      {locations && locations.length === 0 && <p className="empty">{t('app.noLocations')}</p>}
      {location && day && (
        <>
          <DaySwitcher
            location={location}
            day={day}
            isToday={day === today}
            onPrevious={onPreviousDay}
            onToday={() => showDay(null)}
            onNext={onNextDay}
          />
          <p className="visually-hidden" id="today-key-hint">
            {t('today.keyHint')}
          </p>
          {sessions && sessions.length === 0 && <p className="empty">{t('today.empty')}</p>}
          {sessions && sessions.length > 0 && (
            <ol
              ref={list}
              className="session-list"
              aria-label={t('today.sessionList', { day: formatLocalDay(day, location) })}
              aria-describedby="today-key-hint"
            >
              {sessions.map((entry) => (
                <SessionRow
                  key={entry.session.id}
                  entry={entry}
                  location={location}
                  open={entry.session.id === session?.id}
                  runningNow={Date.parse(entry.session.startsAt) <= nowMs && nowMs < Date.parse(entry.session.endsAt)}
                  past={Date.parse(entry.session.endsAt) <= nowMs}
                  checkedIn={checkedIn?.get(entry.session.id) ?? 0}
                  onOpen={openSession}
                />
              ))}
            </ol>
          )}
          <TodaysRostersButton location={location} />
        </>
      )}
    </nav>
  );
}
