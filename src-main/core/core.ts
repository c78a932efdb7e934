import { join } from 'node:path';
import type { CommandResult, DeskEvent } from '../../src-shared/contract';
import type { DeskStatus } from '../../src-shared/domain';
import { systemClock, type Clock } from './clock';
import { dispatch } from './command-dispatch';
import { ConnectionBook, type CreateProvider } from './connections/connection-book';
import { createProvider as createRegisteredProvider } from './connections/provider-registry';
import type { CredentialStore } from './credentials/credential-store';
import { deskCommands } from './desk-commands';
import { DeskActions } from './desk/desk-actions';
import { DeskJournal } from './desk/desk-journal';
import { DeskPlace } from './desk/desk-place';
import type { Provider } from './providers/provider';
import { defaultRhythm, type SyncRhythm } from './sync/connection-sync';
import { DeskCache } from './sync/desk-cache';
import { SyncScheduler } from './sync/sync-scheduler';
import { SyncStatus } from './sync/sync-status';
import { localDayAround } from './sync/sync-window';

export { coreVersion } from './desk-commands';

const dayMs = 24 * 60 * 60 * 1000;

export interface CoreOptions {
  /** Where the journal, connections and provider state live (Electron: userData; browser mode: --data-dir). */
  dataDir: string;
  credentials: CredentialStore;
  /** What the desk shows while no connection is set up: the built-in demo studio. */
  fallbackProviders: Provider[];
  /** Builds a connection's provider; tests pass one with short timeouts. */
  createProvider?: CreateProvider;
  clock?: Clock;
  /** How often today is refreshed; 0 turns every timer off (tests drive syncNow). */
  syncIntervalMs?: number;
  rhythm?: Partial<SyncRhythm>;
  /** Sessions older than this many days leave the desk's cache (member data must not pile up). */
  retentionDays?: number;
  /** How long opening waits for the first sync before serving the cache it has. */
  firstSyncWaitMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface Core {
  /** Runs one contract command; `input` is untrusted and validated here. */
  handle(command: string, input: unknown): Promise<CommandResult<unknown>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * The desk's core: one sync per connection under its rate limit, the desk's own
 * actions journaled and laid over what providers said, and only what changed
 * published to every connected renderer.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const listeners = new Set<(event: DeskEvent) => void>();
  const emit = (event: DeskEvent) => {
    for (const listener of listeners) listener(event);
  };
  const cache = new DeskCache();
  const journal = await DeskJournal.open(join(options.dataDir, 'desk-journal.jsonl'));
  if (journal.damagedLines.length > 0) {
    log(`Desk journal: lines ${journal.damagedLines.join(', ')} could not be read and were skipped`);
  }
  const deskPlace = await DeskPlace.open(options.dataDir);
  const connections = await ConnectionBook.open({
    dataDir: options.dataDir,
    credentials: options.credentials,
    clock,
    createProvider: options.createProvider ?? createRegisteredProvider,
  });
  /** The demo studio steps aside as soon as one real connection is set up. */
  const activeProviders = (): Provider[] => (connections.isEmpty() ? options.fallbackProviders : connections.providers());
  const providerFor = (connectionId: string) => activeProviders().find((p) => p.connectionId === connectionId);
  const status = new SyncStatus((next: DeskStatus) => emit({ name: 'status', payload: next }));

  const publish = () => {
    const changes = cache.publish(journal.all());
    if (changes) emit({ name: 'changes', payload: changes });
  };
  const publishConnections = () => emit({ name: 'connections', payload: connections.list() });
  /** Today is the desk location's local day for its own connection; elsewhere the connection's first location's, or its configured zone. */
  const zoneFor = (provider: Provider): string => {
    const locations = cache.records([]).locations.filter((l) => l.connectionId === provider.connectionId);
    const configured = connections.list().find((c) => c.id === provider.connectionId)?.timeZone;
    return (locations.find((l) => l.id === deskPlace.locationId) ?? locations[0])?.timeZone ?? configured ?? 'UTC';
  };

  /** Whose location this desk serves: from the cache, else from the id (adapters prefix ids with the connection). */
  const deskConnectionId = (): string | undefined => {
    const locationId = deskPlace.locationId;
    if (locationId === undefined) return undefined;
    const known = cache.records([]).locations.find((l) => l.id === locationId);
    return known?.connectionId ?? activeProviders().find((p) => locationId.startsWith(`${p.connectionId}:`))?.connectionId;
  };

  const deskActions = new DeskActions({
    journal,
    clock,
    providerFor,
    onChange: (action, booking) => {
      if (booking) {
        cache.patchBooking(booking);
        // Counts and waitlists moved too: fetch that class again now, not at the next round.
        const session = cache.records([]).sessions.find((s) => s.id === booking.sessionId);
        if (session) scheduler.refresh(action.connectionId, { from: session.startsAt, to: new Date(Date.parse(session.startsAt) + 1).toISOString() });
      }
      publish();
      status.update({ pendingActions: deskActions.pendingCount() });
    },
  });

  const rhythm: SyncRhythm = {
    ...defaultRhythm,
    ...(options.syncIntervalMs ? { todayEveryMs: options.syncIntervalMs } : {}),
    ...options.rhythm,
  };
  const scheduler = new SyncScheduler(
    clock,
    rhythm,
    {
      zoneFor,
      beforePass: () => deskActions.resend(),
      fetched: (provider, window, fetched, fullWindow) => {
        for (const issue of fetched.issues) log(`${provider.connectionId}: ${issue.table} ${issue.sourceId ?? ''}: ${issue.message}`);
        cache.store(provider.connectionId, window, fetched.records, fullWindow);
        if (fullWindow) cache.prune(new Date(clock().getTime() - (options.retentionDays ?? 7) * dayMs).toISOString());
        publish();
        const at = clock().toISOString();
        if (connections.recordSync(provider.connectionId, { at, rejectedRecords: fetched.issues.length })) publishConnections();
        status.succeeded(provider.connectionId, at, deskActions.pendingCount());
      },
      failed: (provider, error) => {
        // A failing provider keeps its last good data; the others go on on their own timers.
        log(`Sync of ${provider.connectionId} failed`, error);
        if (connections.recordSync(provider.connectionId, { error })) publishConnections();
        status.failed(provider.connectionId, activeProviders().length, deskActions.pendingCount());
      },
    },
    options.syncIntervalMs !== 0,
    () => deskConnectionId(),
  );
  const alignProviders = () => {
    const providers = activeProviders();
    scheduler.align(providers);
    cache.keepOnly(new Set(providers.map((p) => p.connectionId)));
    status.keepOnly(new Set(providers.map((p) => p.connectionId)));
    publish();
  };
  alignProviders();

  const handlers = deskCommands({
    clock,
    records: () => cache.records(journal.all()),
    snapshot: () => cache.snapshot(),
    status: () => status.current(),
    providerFor,
    activeProviders,
    deskActions,
    deskPlace,
    connections,
    syncAll: () => scheduler.syncAll(),
    connectionsChanged: () => {
      publishConnections();
      alignProviders();
      void scheduler.syncAll();
    },
    deskPlaceChanged: () => {
      const location = cache.records([]).locations.find((l) => l.id === deskPlace.locationId);
      if (location) scheduler.refresh(location.connectionId, localDayAround(clock(), location.timeZone));
    },
  });

  // A slow provider must not keep the desk from opening: serve what is cached once this wait is over.
  const firstSync = scheduler.syncAll();
  await Promise.race([firstSync, new Promise((resolve) => setTimeout(resolve, options.firstSyncWaitMs ?? 5_000).unref())]);
  status.update({ pendingActions: deskActions.pendingCount() });

  return {
    handle: (command, input) => dispatch(handlers, command, input, log),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await scheduler.stop();
      await journal.close();
    },
  };
}
