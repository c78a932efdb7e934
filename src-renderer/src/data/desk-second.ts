import { useCallback, useSyncExternalStore } from 'react';
import { useClockOffset } from './use-desk-now';

/**
 * One clock for every countdown on screen: a single timer, started by the first countdown shown
 * and stopped with the last, instead of an interval per roster row. It wakes four times a second
 * but only a change of the whole second re-renders, so a countdown never skips or repeats a
 * second because its timer drifted against the wall clock.
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

const wakeEveryMs = 250;

function wake(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(wake, wakeEveryMs);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The desk's "now" (the core's clock), to its whole second, redrawn every second while the caller is
 * shown. Whole seconds of the core's clock, not the PC's: every desk shows the same count at once,
 * and React gets the same value however often it asks within one second.
 */
export function useDeskSecond(): number {
  const offset = useClockOffset();
  const deskSecond = useCallback(() => Math.floor((Date.now() + offset) / 1000) * 1000, [offset]);
  return useSyncExternalStore(subscribe, deskSecond);
}
