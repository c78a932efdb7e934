import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../desk/desk-context';
import { readMeta } from './meta';

/** True once there is something to show: a cache from an earlier run, or a first snapshot. */
export function useCacheReady(): boolean {
  const db = useDb();
  const ready = useLiveQuery(
    async () => (await db.locations.count()) > 0 || (await readMeta(db, 'lastSeq')) !== undefined,
    [db],
  );
  return ready === true;
}
