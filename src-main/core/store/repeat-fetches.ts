import { createHash } from 'node:crypto';
import type { ProviderFetch, SyncWindow } from '../providers/provider';
import type { DeskStore } from './desk-store';
import { applyFetch } from './fetch-apply';

/** Enough for every connection's today, full window and a day of refreshed classes. */
const remembered = 256;

/**
 * The same answer again into a connection's rows that nothing has touched since changes nothing
 * (folding a fetch in is idempotent), so it need not be compared row by row: a hash of the answer
 * (native JSON, a few milliseconds for a chain's day) and the last change to the connection's rows
 * decide. Any write to them (a desk action's booking, another window's fetch, retention, the
 * connection leaving) moves that change, and the next fetch is compared in full as usual.
 */
export class RepeatFetches {
  private readonly last = new Map<string, { digest: string; seq: number }>();

  /** Folds the fetch into the store with `applyFetch`, unless it is the very answer last folded in for this window. */
  foldIn(store: DeskStore, connectionId: string, window: SyncWindow, fetched: ProviderFetch, fullWindow: boolean): void {
    const key = `${connectionId}|${window.from}|${window.to}|${fullWindow}`;
    const digest = digestOf(fetched);
    const known = this.last.get(key);
    const untouched = known !== undefined && known.seq === (store.lastChangeOf(connectionId) ?? 0);
    if (known?.digest === digest && untouched) return;
    applyFetch(store, connectionId, window, fetched, fullWindow);
    this.last.delete(key);
    this.last.set(key, { digest, seq: store.lastChangeOf(connectionId) ?? 0 });
    if (this.last.size > remembered) this.last.delete(this.last.keys().next().value ?? key);
  }
}

function digestOf(fetched: ProviderFetch): string {
  return createHash('sha256')
    .update(JSON.stringify([fetched.records, fetched.unreadRosters ?? [], fetched.rostersNotRead ?? []]))
    .digest('base64');
}
