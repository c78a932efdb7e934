import type { Location, Session } from '../../../src-shared/domain';
import type { DeskDatabase } from './db';
import { localDayBounds, type LocalDay } from './local-day';

/** The location's sessions on one local day, in start order (the compound index sorts them). */
export function sessionsOnLocalDay(
  db: DeskDatabase,
  location: Pick<Location, 'id' | 'timeZone'>,
  day: LocalDay,
): Promise<Session[]> {
  const { fromUtc, toUtc } = localDayBounds(day, location.timeZone);
  return db.sessions
    .where('[locationId+startsAt]')
    .between([location.id, fromUtc], [location.id, toUtc], true, false)
    .toArray();
}
