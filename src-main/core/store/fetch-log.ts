import type { SyncWindow } from '../providers/provider';
import type { DeskStore } from './desk-store';

/**
 * Which stretch of time each fetch of a connection covered, and when it came back: the store's
 * own record of how fresh its data is. Kept beside the records, not in the change log: writing it
 * is no change for the desk, so a quiet pass still publishes nothing.
 */
export interface FetchedWindow {
  window: SyncWindow;
  fullWindow: boolean;
  /** False where the adapter left rosters for later (rate budget). */
  complete: boolean;
  at: string;
}

export function recordFetch(store: DeskStore, connectionId: string, fetched: FetchedWindow): void {
  store.write(() =>
    store.run(
      'INSERT OR REPLACE INTO fetched_windows (connection_id, window_from, window_to, full_window, complete, fetched_at) VALUES (?, ?, ?, ?, ?, ?)',
      connectionId,
      fetched.window.from,
      fetched.window.to,
      fetched.fullWindow ? 1 : 0,
      fetched.complete ? 1 : 0,
      fetched.at,
    ),
  );
}

/** When the connection's whole window last came back complete (ms), if ever: a restarted core fetches it again only when due. */
export function lastFullWindowAt(store: DeskStore, connectionId: string): number | undefined {
  const row = store.one<{ at: string | null }>(
    'SELECT max(fetched_at) AS at FROM fetched_windows WHERE connection_id = ? AND full_window = 1 AND complete = 1',
    connectionId,
  );
  return row?.at ? Date.parse(row.at) : undefined;
}

/** Stretches that ended before the data retention's cutoff say nothing about data still kept. */
export function forgetFetchesBefore(store: DeskStore, cutoff: string): void {
  store.run('DELETE FROM fetched_windows WHERE window_to < ?', cutoff);
}
