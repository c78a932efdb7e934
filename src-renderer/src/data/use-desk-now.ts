import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useDb } from '../desk/desk-context';
import { readMeta } from './meta';

/**
 * The desk's "now" in epoch ms: the PC's clock corrected by the offset to the
 * core's clock, so "today" and "running now" agree with the core (and with a
 * core started at a chosen instant in browser mode).
 */
export function useDeskNow(tickMs = 15_000): number {
  const db = useDb();
  const offset = useLiveQuery(() => readMeta(db, 'clockOffsetMs'), [db]) ?? 0;
  const [wallClock, setWallClock] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallClock(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return wallClock + offset;
}
