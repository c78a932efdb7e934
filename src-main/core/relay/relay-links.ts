import type { RelayLink } from '../../../src-shared/connections';
import type { DeskAction } from '../../../src-shared/domain';
import type { Clock } from '../clock';
import type { ConnectionBook } from '../connections/connection-book';
import type { SyncWindow } from '../providers/provider';
import { WellhubProvider } from '../providers/wellhub/wellhub-provider';
import type { DeskStore } from '../store/desk-store';
import { defaultRelayBackoff, type RelayBackoff } from './relay-backoff';
import { restoreWellhub } from './relay-restore';
import { keepVisitValidated } from './visit-validation';
import { WellhubRelayLink } from './wellhub-relay-link';

export interface RelayLinksOptions {
  store: DeskStore;
  connections: ConnectionBook;
  clock: Clock;
  /** Tests shorten the waits; production uses the defaults. */
  backoff?: Partial<RelayBackoff>;
  log(message: string): void;
  /** Rows were committed: tell the renderers. */
  publish(): void;
  /** A link's state changed: the Connections records go out again (as health changes do). */
  publishConnections(): void;
  /** A link came up: desk actions waiting in the journal (decisions among them) go out now. */
  resend(): void;
}

interface Running {
  link: WellhubRelayLink;
  /** What the link was started with: a change of any of it starts a new one. */
  provider: WellhubProvider;
  relayUrl: string;
  token: string;
}

/**
 * The desk's links to the gym's Wellhub relays, one per Wellhub connection that has a relay address
 * and a stored desk token. `align` follows the connections (added, changed, removed); every Wellhub
 * adapter gets the requests and visits the store kept, whether or not a relay is linked now.
 */
export class RelayLinks {
  private readonly running = new Map<string, Running>();
  private readonly restored = new WeakSet<WellhubProvider>();
  private aligning: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly backoff: RelayBackoff;

  constructor(private readonly options: RelayLinksOptions) {
    this.backoff = { ...defaultRelayBackoff, ...options.backoff };
  }

  /** Starts, restarts or stops links to match the connections; one alignment at a time. */
  align(): Promise<void> {
    this.aligning = this.aligning.then(() => this.alignNow()).catch((error: unknown) => {
      this.options.log(`Relay links could not be set up: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.aligning;
  }

  /** The live state of a connection's link, if it has one. */
  state(connectionId: string): RelayLink | undefined {
    return this.running.get(connectionId)?.link.state();
  }

  /** After each sync of a connection: its relay hears the window's changed class numbers. */
  synced(connectionId: string, window: SyncWindow): void {
    this.running.get(connectionId)?.link.synced(window);
  }

  /** The paired numbers of a connection's slots were counted: its relay hears those that changed, from now on. */
  counted(connectionId: string): void {
    const from = this.options.clock();
    this.synced(connectionId, { from: from.toISOString(), to: new Date(from.getTime() + 60 * 86_400_000).toISOString() });
  }

  /** A desk action settled: a validated Wellhub visit is marked so on its PendingVisit row. */
  actionSettled(action: DeskAction): void {
    if (action.kind !== 'validate_visit' || action.state !== 'confirmed' || action.visitorId === undefined) return;
    const wellhub = this.wellhubOf(action.connectionId);
    if (wellhub) keepVisitValidated(this.options.store, wellhub, action.visitorId, action.updatedAt);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.aligning;
    await Promise.all([...this.running.values()].map((running) => running.link.stop()));
    this.running.clear();
  }

  private async alignNow(): Promise<void> {
    if (this.closed) return;
    const { connections, store, log } = this.options;
    const wanted = new Map<string, Omit<Running, 'link'>>();
    for (const connection of connections.list()) {
      const wellhub = this.wellhubOf(connection.id);
      if (!wellhub) continue;
      if (!this.restored.has(wellhub)) {
        this.restored.add(wellhub);
        const count = restoreWellhub(store, wellhub);
        if (count > 0) log(`${connection.id}: ${count} Wellhub requests and visits taken back from the store`);
      }
      const token = connection.relayUrl && connection.hasRelayToken ? await connections.relayToken(connection.id) : undefined;
      if (connection.relayUrl && token) wanted.set(connection.id, { provider: wellhub, relayUrl: connection.relayUrl, token });
    }
    let changed = false;
    for (const [id, running] of this.running) {
      const next = wanted.get(id);
      if (next && next.provider === running.provider && next.relayUrl === running.relayUrl && next.token === running.token) continue;
      this.running.delete(id);
      await running.link.stop();
      changed = true;
    }
    for (const [id, next] of wanted) {
      if (this.running.has(id) || this.closed) continue;
      const link = new WellhubRelayLink({
        store,
        wellhub: next.provider,
        gymId: connections.list().find((c) => c.id === id)?.scopeId?.trim() ?? '',
        relayUrl: next.relayUrl,
        token: next.token,
        clock: this.options.clock,
        backoff: this.backoff,
        log,
        publish: this.options.publish,
        changed: () => this.options.publishConnections(),
        up: () => this.options.resend(),
      });
      this.running.set(id, { ...next, link });
      link.start();
      changed = true;
    }
    if (changed) this.options.publishConnections();
  }

  private wellhubOf(connectionId: string): WellhubProvider | undefined {
    const provider = this.options.connections.providers().find((p) => p.connectionId === connectionId);
    // The core's providers are record-checking proxies of the adapters; instanceof sees through them.
    return provider instanceof WellhubProvider ? provider : undefined;
  }
}
