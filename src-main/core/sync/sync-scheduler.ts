import type { Clock } from '../clock';
import type { Provider, SyncWindow } from '../providers/provider';
import { ConnectionSync, type ConnectionSyncEvents, type SyncRhythm } from './connection-sync';

/** How long other connections hold back for the desk's today before going on anyway. */
const deskFirstAtMostMs = 120_000;

type CoreSyncEvents = Omit<ConnectionSyncEvents, 'waitTurn' | 'todayFetched' | 'servesDesk'>;

/**
 * Keeps one ConnectionSync per active provider, started and stopped as
 * connections come and go. While the desk's own connection still has today to
 * fetch, the others wait (at most two minutes), because they may share its rate
 * budget (one API key for several Zenoti centers) and the desk needs today first.
 */
export class SyncScheduler {
  private readonly syncs = new Map<Provider, ConnectionSync>();
  /** Syncs of connections that left or changed, until their last pass has ended. */
  private readonly leaving = new Set<Promise<void>>();
  /** The desk connection whose today came back complete last time it was fetched. */
  private deskTodayDone: string | undefined;
  private waiting: (() => void)[] = [];
  private readonly events: ConnectionSyncEvents;

  constructor(
    private readonly clock: Clock,
    private readonly rhythm: SyncRhythm,
    events: CoreSyncEvents,
    private readonly automatic: boolean,
    /** The connection whose location this desk serves, when known. */
    private readonly deskConnectionId: () => string | undefined,
  ) {
    this.events = {
      ...events,
      waitTurn: (provider) => this.waitTurn(provider),
      todayFetched: (provider, complete) => this.todayFetched(provider, complete),
      servesDesk: (provider) => provider.connectionId === this.deskConnectionId(),
    };
  }

  private async waitTurn(provider: Provider): Promise<void> {
    const desk = this.deskConnectionId();
    const deskSyncs = [...this.syncs.keys()].some((p) => p.connectionId === desk);
    if (!this.automatic || !deskSyncs || desk === provider.connectionId || this.deskTodayDone === desk) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      timer = setTimeout(resolve, deskFirstAtMostMs);
    });
    clearTimeout(timer);
  }

  private todayFetched(provider: Provider, complete: boolean): void {
    if (provider.connectionId !== this.deskConnectionId()) return;
    this.deskTodayDone = complete ? provider.connectionId : undefined;
    if (!complete) return;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  align(providers: Provider[]): void {
    for (const [provider, sync] of this.syncs) {
      if (providers.includes(provider)) continue;
      // Its pass in flight ends on its own; stop() waits for it, so the store is not closed under it.
      const stopping = sync.stop().catch(() => undefined);
      this.leaving.add(stopping);
      void stopping.finally(() => this.leaving.delete(stopping));
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

  async syncDue(): Promise<void> {
    await Promise.all([...this.syncs.values()].map((sync) => sync.syncDue()));
  }

  refresh(connectionId: string, window: SyncWindow): void {
    for (const sync of this.syncs.values()) if (sync.provider.connectionId === connectionId) sync.refresh(window);
  }

  async stop(): Promise<void> {
    for (const resolve of this.waiting.splice(0)) resolve();
    await Promise.all([...this.syncs.values()].map((sync) => sync.stop()));
    await Promise.all(this.leaving);
    this.syncs.clear();
  }
}
