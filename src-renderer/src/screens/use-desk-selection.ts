import { useLiveQuery } from 'dexie-react-hooks';
import type { Location, Session } from '../../../src-shared/domain';
import { localDayOf, type LocalDay } from '../data/local-day';
import { sessionsOnLocalDay } from '../data/today-query';
import { useDeskNow } from '../data/use-desk-now';
import { useDb } from '../desk/desk-context';
import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../store';
import { sessionToOpen } from './today/session-to-open';

export interface ListedSession {
  session: Session;
  instructorName: string | undefined;
}

export interface DeskSelection {
  nowMs: number;
  /** undefined while the cache is still being read. */
  locations: Location[] | undefined;
  location: Location | undefined;
  today: LocalDay | undefined;
  day: LocalDay | undefined;
  sessions: ListedSession[] | undefined;
  session: Session | undefined;
}

function byName(a: Location, b: Location): number {
  return a.name.localeCompare(b.name);
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

  const locations = useLiveQuery(async () => (await db.locations.toArray()).sort(byName), [db]);
  const location = locations?.find((place) => place.id === locationId) ?? locations?.[0];
  const today = location ? localDayOf(nowMs, location.timeZone) : undefined;
  const day = chosenDay ?? today;

  const sessions = useLiveQuery(async (): Promise<ListedSession[] | undefined> => {
    if (!location || !day) return undefined;
    const found = await sessionsOnLocalDay(db, location, day);
    const instructorIds = [...new Set(found.flatMap((session) => session.instructorId ?? []))];
    const instructors = await db.instructors.bulkGet(instructorIds);
    const names = new Map(instructors.flatMap((person) => (person ? [[person.id, person.name] as const] : [])));
    return found.map((session) => ({
      session,
      instructorName: session.instructorId ? names.get(session.instructorId) : undefined,
    }));
  }, [db, location?.id, location?.timeZone, day]);

  const listed = sessions?.map((entry) => entry.session);
  const session =
    listed?.find((candidate) => candidate.id === sessionId) ??
    (listed ? sessionToOpen(listed, nowMs, day === today) : undefined);

  return { nowMs, locations, location, today, day, sessions, session };
}
