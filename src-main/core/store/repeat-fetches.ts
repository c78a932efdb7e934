import { createHash, type Hash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ProviderFetch, SyncWindow } from '../providers/provider';
import type { DeskStore } from './desk-store';
import { applyFetch } from './fetch-apply';

/** Enough for every connection's today, full window and a day of refreshed classes. */
const remembered = 256;

/**
 * Records hashed between two turns of the event loop. A chain location's full window is ~9 MB of
 * JSON (~30 ms to write out and hash); in slices of this size no single stretch holds up a scan
 * for more than a couple of milliseconds.
 */
const recordsPerTurn = 2000;

/**
 * The same answer again into a connection's rows that nothing has touched since changes nothing
 * (folding a fetch in is idempotent), so it need not be compared row by row: a hash of the answer
 * and the last change to the connection's rows decide. Any write to them (a desk action's booking,
 * another window's fetch, retention, the connection leaving) moves that change, and the next
 * fetch is compared in full as usual.
 */
export class RepeatFetches {
  private readonly last = new Map<string, { digest: string; seq: number }>();

  /** Folds the fetch into the store with `applyFetch`, unless it is the very answer last folded in for this window. */
  async foldIn(store: DeskStore, connectionId: string, window: SyncWindow, fetched: ProviderFetch, fullWindow: boolean): Promise<void> {
    const key = `${connectionId}|${window.from}|${window.to}|${fullWindow}`;
    const digest = await digestOf(fetched);
    // Read after the hash: a desk action may have touched the rows while it was computed.
    const known = this.last.get(key);
    const untouched = known !== undefined && known.seq === (store.lastChangeOf(connectionId) ?? 0);
    if (known?.digest === digest && untouched) return;
    applyFetch(store, connectionId, window, fetched, fullWindow);
    this.last.delete(key);
    this.last.set(key, { digest, seq: store.lastChangeOf(connectionId) ?? 0 });
    if (this.last.size > remembered) this.last.delete(this.last.keys().next().value ?? key);
  }
}

async function digestOf(fetched: ProviderFetch): Promise<string> {
  const hash = createHash('sha256');
  const tables = Object.entries(fetched.records).sort(([a], [b]) => a.localeCompare(b));
  for (const [table, rows] of tables) await hashInTurns(hash, table, rows);
  await hashInTurns(hash, 'unreadRosters', fetched.unreadRosters ?? []);
  await hashInTurns(hash, 'rostersNotRead', fetched.rostersNotRead ?? []);
  return hash.digest('base64');
}

async function hashInTurns(hash: Hash, name: string, rows: readonly unknown[]): Promise<void> {
  // Name and count first, so rows cannot slide from one table into the next unnoticed.
  hash.update(`\n${name}:${rows.length}\n`);
  for (let start = 0; start < rows.length; start += recordsPerTurn) {
    if (start > 0) await nextTurn();
    hash.update(JSON.stringify(rows.slice(start, start + recordsPerTurn)));
  }
}
