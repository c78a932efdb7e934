import type { DeskDatabase } from './db';
import { readDeskView, type DeskView } from './desk-view';

/** At most this long does the page wait for the cache before it renders anyway (a loading desk). */
const waitAtMostMs = 250;

let first: DeskView | undefined;

/**
 * Reads what the desk shows first while the page is still starting, so React's first render already
 * has the day's classes: one render instead of "loading", then a read, then the classes. Resolves
 * when the read is done, or after a short wait if IndexedDB is slow; rendering never waits longer.
 */
export function readFirstView(db: DeskDatabase): Promise<void> {
  const read = readDeskView(db, null, null).then(
    (view) => {
      first = view;
    },
    (error: unknown) => console.error('Classdesk: the offline cache could not be read', error),
  );
  return Promise.race([read, new Promise<void>((resolve) => setTimeout(resolve, waitAtMostMs))]);
}

/** The view read before the first render, for the desk's first choice (no location or day chosen yet). */
export function firstView(): DeskView | undefined {
  return first;
}
