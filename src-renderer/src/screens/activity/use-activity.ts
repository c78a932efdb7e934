import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskAction } from '../../../../src-shared/domain';
import { useDb } from '../../desk/desk-context';
import type { ActivityLookups } from './activity-rows';

export interface Activity {
  actions: DeskAction[];
  lookups: ActivityLookups;
}

function byId<T extends { id: string }>(rows: readonly (T | undefined)[]): Map<string, T> {
  return new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
}

/** Every desk action in the cache, with the members, classes and locations they name, live. */
export function useActivity(): Activity | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const actions = await db.deskActions.toArray();
    const memberIds = [...new Set(actions.flatMap((action) => action.memberId ?? []))];
    const sessionIds = [...new Set(actions.flatMap((action) => action.sessionId ?? []))];
    const [members, sessions, locations] = await Promise.all([
      db.members.bulkGet(memberIds),
      db.sessions.bulkGet(sessionIds),
      db.locations.toArray(),
    ]);
    return { actions, lookups: { members: byId(members), sessions: byId(sessions), locations: byId(locations) } };
  }, [db]);
}
