import type { Clock } from '../clock';
import type { Provider, SyncWindow } from '../providers/provider';
import { ConnectionSync, type ConnectionSyncEvents, type SyncRhythm } from './connection-sync';

/** Keeps one ConnectionSync per active provider, started and stopped as connections come and go. */
export class SyncScheduler {
  private readonly syncs = new Map<Provider, ConnectionSync>();

  constructor(
    private readonly clock: Clock,
    private readonly rhythm: SyncRhythm,
    private readonly events: ConnectionSyncEvents,
    private readonly automatic: boolean,
  ) {}

  align(providers: Provider[]): void {
    for (const [provider, sync] of this.syncs) {
      if (providers.includes(provider)) continue;
      void sync.stop();
      this.syncs.delete(provider);
    }
    for (const provider of providers) {
      if (!this.syncs.has(provider)) {
        this.syncs.set(provider, new ConnectionSync(provider, this.clock, this.rhythm, this.events, this.automatic));
      }
    }
  }

  /** Every connection, everything, at once; resolves when all have answered or failed. */
  async syncAll(): Promise<void> {
    await Promise.all([...this.syncs.values()].map((sync) => sync.syncAll()));
  }

  refresh(connectionId: string, window: SyncWindow): void {
    for (const sync of this.syncs.values()) if (sync.provider.connectionId === connectionId) sync.refresh(window);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.syncs.values()].map((sync) => sync.stop()));
    this.syncs.clear();
  }
}
