import type { ConnectionBook } from '../connections/connection-book';
import type { Clock } from '../clock';
import type { Provider, ProviderFetch, SyncWindow } from '../providers/provider';
import type { DeskStore } from '../store/desk-store';
import { recordFetch } from '../store/fetch-log';
import { RepeatFetches } from '../store/repeat-fetches';
import { applyRetention, type RetentionPolicy } from '../store/retention';
import type { SyncStatus } from './sync-status';

export interface StoreSyncOptions {
  store: DeskStore;
  connections: ConnectionBook;
  status: SyncStatus;
  clock: Clock;
  retention: RetentionPolicy;
  pendingActions(): number;
  /** Something was committed: tell the renderers what changed. */
  publish(): void;
  publishConnections(): void;
  log(message: string, error?: unknown): void;
}

/**
 * What a sync's outcome does to the desk: a fetch goes into the store (and
 * after a full window, old data leaves by retention), the connection's health
 * and the desk's status follow; a failure keeps the last good data.
 */
export class StoreSync {
  private readonly repeats = new RepeatFetches();

  constructor(private readonly options: StoreSyncOptions) {}

  async fetched(provider: Provider, window: SyncWindow, fetched: ProviderFetch, fullWindow: boolean): Promise<void> {
    const { store, clock, log } = this.options;
    for (const issue of fetched.issues) log(`${provider.connectionId}: ${issue.table} ${issue.sourceId ?? ''}: ${issue.message}`);
    const unreadRosters = fetched.unreadRosters?.length ?? 0;
    if (unreadRosters > 0) log(`${provider.connectionId}: ${unreadRosters} class rosters could not be read; their last known bookings stay`);
    await this.repeats.foldIn(store, provider.connectionId, window, fetched, fullWindow);
    if (fullWindow) {
      const left = applyRetention(store, clock(), this.options.retention);
      if (left.sessions + left.deskActions + left.visits + left.tombstones > 0) {
        log(
          `Retention: ${left.sessions} classes, ${left.deskActions} finished desk actions, ${left.visits} Wellhub visits and ${left.tombstones} old removals left the store`,
        );
      }
    }
    this.options.publish();
    const at = clock().toISOString();
    recordFetch(store, provider.connectionId, { window, fullWindow, complete: fetched.incomplete !== true, at });
    if (this.options.connections.recordSync(provider.connectionId, { at, rejectedRecords: fetched.issues.length, unreadRosters })) {
      this.options.publishConnections();
    }
    this.options.status.succeeded(provider.connectionId, at, this.options.pendingActions());
  }

  failed(provider: Provider, error: unknown): void {
    this.options.log(`Sync of ${provider.connectionId} failed`, error);
    const at = this.options.clock().toISOString();
    if (this.options.connections.recordSync(provider.connectionId, { at, error })) this.options.publishConnections();
    this.options.status.failed(provider.connectionId, at, this.options.pendingActions());
  }
}
