import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Location, Session } from '../../../src-shared/domain';
import { readDeskView, type ListedSession } from '../data/desk-view';
import { firstView } from '../data/first-view';
import type { LocalDay } from '../data/local-day';
import { useDeskNow } from '../data/use-desk-now';
import { useDb } from '../desk/desk-context';
import { useDeskStore } from '../store';
import { sessionToOpen } from './today/session-to-open';


export interface DeskSelection {
  nowMs: number;
  /** The cache has something to show. */
  ready: boolean;
  /** undefined while the cache is still being read. */
  locations: Location[] | undefined;
  location: Location | undefined;
  today: LocalDay | undefined;
  day: LocalDay | undefined;
  sessions: ListedSession[] | undefined;
  session: Session | undefined;
  /** The class running now or next on the day shown, whichever is open. */
  current: Session | undefined;
}

/**
 * Turns the UI choices (which may be "not chosen yet") into the location, day
 * and session on screen, read live from the cache. Read once by the app and
 * handed down, so every panel agrees on the same choice.
 */
export function useDeskSelection(): DeskSelection {
  const db = useDb();
  const nowMs = useDeskNow();
  const { locationId, day: chosenDay, sessionId } = useDeskStore(
    useShallow((state) => ({ locationId: state.locationId, day: state.day, sessionId: state.sessionId })),
  );
  // Read again each minute, so "today" turns over at the gym's midnight by itself. The PC's own minute:
  // the core's clock offset arrives a moment after the first read, which must not start it over.
  const [minute, setMinute] = useState(() => Math.floor(Date.now() / 60_000));
  useEffect(() => {
    const timer = setInterval(() => setMinute(Math.floor(Date.now() / 60_000)), 15_000);
    return () => clearInterval(timer);
  }, []);
  // Until staff choose, the view read before the first render stands in for the live one's first answer.
  const preread = locationId === null && chosenDay === null ? firstView() : undefined;
  const view = useLiveQuery(() => readDeskView(db, locationId, chosenDay), [db, locationId, chosenDay, minute], preread);

  const listed = view?.sessions.map((entry) => entry.session);
  const current = listed && view ? sessionToOpen(listed, nowMs, view.day === view.today) : undefined;
  const session = listed?.find((candidate) => candidate.id === sessionId) ?? current;

  return {
    nowMs,
    ready: view?.ready === true,
    locations: view?.locations,
    location: view?.location,
    today: view?.today,
    day: view?.day,
    sessions: view?.sessions,
    session,
    current,
  };
}
