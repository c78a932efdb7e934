import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useDb } from '../desk/desk-context';
import { readMeta } from './meta';

/**
 * The offset each cache was last read with: a screen that mounts later (a dialog) starts from it
 * rather than from the PC's bare clock for the moment its own read takes.
 */
const knownOffsets = new WeakMap<object, number>();

/** How far the core's clock is ahead of this PC's, in ms (0 until known). */
export function useClockOffset(): number {
  const db = useDb();
  const read = useLiveQuery(() => readMeta(db, 'clockOffsetMs'), [db]);
  if (read !== undefined) knownOffsets.set(db, read);
  return read ?? knownOffsets.get(db) ?? 0;
}

/** setTimeout's longest wait; a later wake-up is left to the regular tick. */
const longestTimeoutMs = 2 ** 31 - 1;

/**
 * The desk's "now" in epoch ms: the PC's clock corrected by the offset to the
 * core's clock, so "today" and "running now" agree with the core (and with a
 * core started at a chosen instant in browser mode).
 *
 * `nextChange` names the next instant (desk time) where what the caller shows
 * changes, e.g. the end of a check-in window: the desk redraws right then
 * rather than up to a tick later, so no button outlives its moment.
 */
export function useDeskNow(tickMs = 15_000, nextChange?: (nowMs: number) => number | undefined): number {
  const offset = useClockOffset();
  const [wallClock, setWallClock] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallClock(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  const nowMs = wallClock + offset;
  const wakeAt = nextChange?.(nowMs);
  useEffect(() => {
    if (wakeAt === undefined) return;
    const waitMs = wakeAt - (Date.now() + offset);
    if (waitMs > longestTimeoutMs) return;
    const timer = setTimeout(() => setWallClock(Date.now()), Math.max(0, waitMs) + 1);
    return () => clearTimeout(timer);
  }, [wakeAt, offset]);
  return nowMs;
}
