import type { DeskStore } from './desk-store';

/**
 * How far each Wellhub connection has taken its relay's events: the last `seq` whose effect the store
 * kept. Written inside the transaction that keeps the effect, so the two can never disagree after a
 * crash, and read when the link says hello, so a restarted desk continues exactly where it stopped.
 * Kept beside the records, not in the change log: the cursor is nothing a renderer shows.
 */

/** The last event kept from this relay, or undefined when this desk has none (a new desk, or another relay). */
export function relayCursor(store: DeskStore, connectionId: string, relayUrl: string): number | undefined {
  const row = store.one<{ seq: number; relay_url: string }>('SELECT seq, relay_url FROM relay_cursors WHERE connection_id = ?', connectionId);
  return row && row.relay_url === relayUrl ? row.seq : undefined;
}

/** Call inside `store.write`, in the transaction that keeps the event's effect. */
export function keepRelayCursor(store: DeskStore, connectionId: string, relayUrl: string, seq: number, at: string): void {
  store.run(
    'INSERT OR REPLACE INTO relay_cursors (connection_id, relay_url, seq, updated_at) VALUES (?, ?, ?, ?)',
    connectionId,
    relayUrl,
    seq,
    at,
  );
}
