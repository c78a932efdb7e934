import type { CommandResult, DeskEvent } from '../../src-shared/contract';
import type { DeskStatus } from '../../src-shared/domain';
import type { EffectiveSettings } from '../../src-shared/settings';
import { systemClock, type Clock } from './clock';
import { dispatch } from './command-dispatch';
import { ConnectionBook, type CreateProvider } from './connections/connection-book';
import { createProvider as createRegisteredProvider } from './connections/provider-registry';
import type { CredentialStore } from './credentials/credential-store';
import { deskCommands } from './desk-commands';
import { describeDesk, type DiagnosticsSource } from './diagnostics';
import { DeskActions } from './desk/desk-actions';
import { DeskJournal } from './desk/desk-journal';
import { DeskPlace } from './desk/desk-place';
import type { Provider } from './providers/provider';
import { ChangeFeed } from './store/change-feed';
import { providerTables } from './store/fetch-apply';
import { lastFullWindowAt } from './store/fetch-log';
import { DeskError } from './command-dispatch';
import { OutageKit } from './outage-kit/outage-kit';
import { DeskSettingsBook } from './settings/desk-settings';
import { migrateLegacyJournal } from './store/journal-migration';
import type { RetentionPolicy } from './store/retention';
import { retentionFromSettings, rhythmFromSettings } from './sync/rhythm-from-settings';
import { openStore } from './store/store-opening';
import type { RelayBackoff } from './relay/relay-backoff';
import { RelayLinks } from './relay/relay-links';
import type { SyncRhythm } from './sync/connection-sync';
import { DeskToday } from './sync/desk-today';
import { StoreSync } from './sync/store-sync';
import { SyncScheduler } from './sync/sync-scheduler';
import { SyncStatus } from './sync/sync-status';
import { localDayAround } from './sync/sync-window';
import { messageForLog } from '../../src-shared/desk-messages';
import { OneRoster } from './channels/one-roster';
import type { PlacesTiming } from './channels/wellhub-places';

export { coreVersion } from './desk-commands';

export interface CoreOptions {
  /** Where the store, connections and settings live (Electron: userData; browser mode: --data-dir). */
  dataDir: string;
  credentials: CredentialStore;
  /** What the desk shows while no connection is set up: the built-in demo studio. */
  fallbackProviders: Provider[];
  /** Builds a connection's provider; tests pass one with short timeouts. */
  createProvider?: CreateProvider;
  clock?: Clock;
  /** How often today is refreshed; 0 turns every timer off (tests drive syncNow). */
  syncIntervalMs?: number;
  /** How often the core looks whether the morning's outage kit is due (default each minute; 0: never). */
  outageKitCheckEveryMs?: number;
  /** Fixed rhythm for tests; without `daysBack`/`daysAhead` the window follows the settings. */
  rhythm?: Partial<SyncRhythm>;
  /** Fixed retention for tests; by default it follows the settings (member data must not pile up). */
  retention?: Partial<RetentionPolicy>;
  /** The machine-wide folder with IT's config.json and policy.json; none: defaults and the desk's own only. */
  configDir?: string;
  /** How the host empties the desk and opens it again fresh; without it wipeLocalData is refused. */
  wipeLocalData?: () => Promise<void>;
  /** How long opening waits for the first sync before serving the store it has. */
  firstSyncWaitMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Shorter relay reconnect waits for tests; production uses the defaults (relay-backoff.ts). */
  relayBackoff?: Partial<RelayBackoff>;
  /** Shorter waits for the places sent to Wellhub (tests); production uses the defaults (wellhub-places.ts). */
  wellhubPlaces?: Partial<PlacesTiming>;
  /** The log's last lines and the redactor for getDiagnostics; without it the report has no log lines. */
  diagnostics?: DiagnosticsSource;
}

export interface Core {
  /** Runs one contract command; `input` is untrusted and validated here. */
  handle(command: string, input: unknown): Promise<CommandResult<unknown>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  close(): Promise<void>;
}

/** What the host (the Electron shell) reads of the settings: front-desk mode, updates. */
export interface SettingsHost {
  /** The settings in force now. */
  settings(): EffectiveSettings;
  /** Called with the new settings whenever one in force changes; returns the unsubscribe. */
  onSettings(listener: (settings: EffectiveSettings) => void): () => void;
}

export type SettingsCore = Core & SettingsHost;

/** The demo studio's label on the status strip; real connections carry their own. */
const fallbackLabel = 'Demo studio';

/**
 * The desk's core, wired: the store keeps what providers said and what the desk
 * did; one sync per connection writes into it under its rate limit; desk actions
 * are journaled in it; and only what changed is published to every renderer.
 */
export async function openCore(options: CoreOptions): Promise<SettingsCore> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const listeners = new Set<(event: DeskEvent) => void>();
  const emit = (event: DeskEvent) => {
    for (const listener of listeners) listener(event);
  };

  const { store, problem: storeProblem } = openStore(options.dataDir, clock);
  if (storeProblem) log(messageForLog(storeProblem));
  const migration = migrateLegacyJournal(store, options.dataDir);
  if (migration) {
    log(`Desk journal: ${migration.actions} actions taken over into the store; the old file is kept as ${migration.keptAs}`);
    if (migration.unreadableLines.length > 0) {
      log(`Desk journal: lines ${migration.unreadableLines.join(', ')} could not be read; they are still in ${migration.keptAs}`);
    }
  }
  const journal = new DeskJournal(store, storeProblem);
  const feed = new ChangeFeed(store);
  const publish = () => {
    const changes = feed.next();
    if (changes) emit({ name: 'changes', payload: changes });
    // Any change may move a class's numbers: the places of paired Wellhub slots are looked at once it settles.
    if (changes) oneRoster.places.touch();
  };

  const settings = await DeskSettingsBook.open({ dataDir: options.dataDir, configDir: options.configDir, clock, log: (message) => log(message) });
  const deskPlace = new DeskPlace(settings);
  const connections = await ConnectionBook.open({
    dataDir: options.dataDir,
    credentials: options.credentials,
    clock,
    createProvider: options.createProvider ?? createRegisteredProvider,
    healthRecords: store,
  });
  const publishConnections = () => emit({ name: 'connections', payload: connections.list() });
  // One roster across channels: classes of the main system sold on Wellhub, paired and kept true there.
  const oneRoster = new OneRoster({
    store,
    connections,
    clock,
    ...(options.wellhubPlaces ? { timing: options.wellhubPlaces } : {}),
    publish: () => publish(),
    publishConnections,
    counted: (connectionId) => relays.counted(connectionId),
    log: (message) => log(message),
  });
  connections.showChannels((id) => oneRoster.shownWith(id));
  /**
   * The demo studio steps aside as soon as one real connection is set up; the demo's own Wellhub side
   * (`npm run demo:wellhub`) is not one, so the studio stays beside it and the demo shows both channels.
   */
  const demoStudio = (): Provider[] => (connections.hasRealConnection() ? [] : options.fallbackProviders);
  const activeProviders = (): Provider[] => [...demoStudio(), ...connections.providers()];
  const providerFor = (connectionId: string) => activeProviders().find((p) => p.connectionId === connectionId);
  /** Configured connections count even when their provider cannot be built now (a key missing): their data stays. */
  const activeIds = (): string[] => [...demoStudio().map((p) => p.connectionId), ...connections.list().map((c) => c.id)];
  const status = new SyncStatus((next: DeskStatus) => emit({ name: 'status', payload: next }));
  if (storeProblem) status.update({ storeProblem });
  const today = new DeskToday(store, () => deskPlace.locationId, (id) => connections.list().find((c) => c.id === id)?.timeZone);

  const deskActions = new DeskActions({
    journal,
    clock,
    providerFor,
    onChange: (action, booking) => {
      relays.actionSettled(action);
      // Counts and waitlists moved too: fetch that class again now, not at the next round.
      const session = booking && store.get('sessions', booking.sessionId);
      if (session) scheduler.refresh(action.connectionId, { from: session.startsAt, to: new Date(Date.parse(session.startsAt) + 1).toISOString() });
      publish();
      status.update({ pendingActions: deskActions.pendingCount() });
    },
  });

  // Wellhub's webhooks reach the desk through the gym's relay: one link per Wellhub connection that has one.
  const relays = new RelayLinks({
    store,
    connections,
    clock,
    ...(options.relayBackoff ? { backoff: options.relayBackoff } : {}),
    log: (message) => log(message),
    publish,
    publishConnections,
    resend: () => void deskActions.resend(),
  });
  connections.showRelayStates((id) => relays.state(id));

  const rhythm = rhythmFromSettings(settings, { ...(options.rhythm ? { rhythm: options.rhythm } : {}), ...(options.syncIntervalMs ? { todayEveryMs: options.syncIntervalMs } : {}) });
  const retention = retentionFromSettings(settings, options.retention);
  const outcomes = new StoreSync({
    store,
    connections,
    status,
    clock,
    retention,
    pendingActions: () => deskActions.pendingCount(),
    publish,
    publishConnections,
    log,
  });
  const scheduler = new SyncScheduler(
    clock,
    rhythm,
    {
      zoneFor: (provider) => today.zoneFor(provider),
      beforePass: () => deskActions.resend(),
      fetched: async (provider, window, fetched, fullWindow) => {
        await outcomes.fetched(provider, window, oneRoster.beforeStore(provider.connectionId, fetched), fullWindow);
        oneRoster.afterStore(provider.connectionId);
        relays.synced(provider.connectionId, window);
      },
      lastFullWindowAt: (provider) => lastFullWindowAt(store, provider.connectionId),
      failed: (provider, error) => outcomes.failed(provider, error),
    },
    options.syncIntervalMs !== 0,
    () => today.connectionId(activeProviders()),
  );
  const alignProviders = () => {
    const ids = activeIds();
    scheduler.align(activeProviders());
    // A connection that left the desk takes its data with it (tombstones tell the renderers).
    const gone = [...store.coverage().keys()].filter((id) => !ids.includes(id));
    if (gone.length > 0) store.write((change) => gone.forEach((id) => change.forget(id, providerTables)));
    const listed = connections.list();
    status.align(
      ids.map((id) => {
        const connection = listed.find((c) => c.id === id);
        const health = connection?.health;
        return { id, label: connection?.label ?? fallbackLabel, lastSyncAt: health?.lastSyncAt, failingSince: health?.failingSince };
      }),
    );
    publish();
  };
  alignProviders();
  await relays.align();

  const outageKit = new OutageKit({
    store,
    dataDir: options.dataDir,
    clock,
    settings: () => settings.values,
    log,
    checkEveryMs: options.outageKitCheckEveryMs ?? (options.syncIntervalMs === 0 ? 0 : 60_000),
  });

  const handlers = deskCommands({
    clock,
    store,
    snapshot: () => feed.snapshot(activeIds()),
    catchUp: (storeId, since) => feed.catchUp(storeId, since, activeIds(), today.firstDays(clock())),
    snapshotRest: (storeId, more) => feed.rest(storeId, more),
    status: () => status.current(),
    providerFor,
    activeProviders,
    deskActions,
    deskPlace,
    connections,
    oneRoster,
    syncAll: () => scheduler.syncAll(),
    connectionsChanged: () => {
      publishConnections();
      alignProviders();
      oneRoster.connectionsChanged(activeIds());
      // A changed connection has a new adapter and maybe a new relay or token: its link starts again.
      void relays.align();
      void scheduler.syncAll();
    },
    diagnostics: () =>
      describeDesk(
        { dataDir: options.dataDir, now: clock(), connections: connections.list(), pendingActions: deskActions.pendingCount() },
        options.diagnostics ?? { recentLog: () => [], redact: (text) => text },
      ),
    settings: () => settings.current(),
    saveSettings: (changes) => settings.save(changes),
    wipeLocalData: async () => {
      if (!options.wipeLocalData) throw new DeskError('unavailable', { code: 'wipe_not_here' });
      await options.wipeLocalData();
    },
    writeOutageKit: (locationId) => outageKit.writeNow(locationId),
  });

  let before = settings.values;
  settings.onChange((next) => {
    const was = before;
    before = next.values;
    emit({ name: 'settings', payload: next });
    if (next.values.deskLocationId !== was.deskLocationId) {
      const location = deskPlace.locationId === undefined ? undefined : store.get('locations', deskPlace.locationId);
      if (location) scheduler.refresh(location.connectionId, localDayAround(clock(), location.timeZone));
    }
    // A wider window is fetched now rather than at the next full round, up to 15 minutes away.
    if (next.values.syncDaysBack !== was.syncDaysBack || next.values.syncDaysAhead !== was.syncDaysAhead) void scheduler.syncAll();
  });

  // A desk with a store serves it at once, whatever the providers do, and fetches what is due (the whole
  // window only if the store's fetch log says it is old). Only a first start (nothing stored) fetches
  // everything and waits a moment for it, never longer than this: a slow provider must not keep it closed.
  const firstStart = store.coverage().size === 0;
  const firstSync = firstStart ? scheduler.syncAll() : scheduler.syncDue();
  if (firstStart) {
    await Promise.race([firstSync, new Promise((resolve) => setTimeout(resolve, options.firstSyncWaitMs ?? 5_000).unref())]);
  }
  status.update({ pendingActions: deskActions.pendingCount() });

  return {
    handle: (command, input) => dispatch(handlers, command, input, log),
    settings: () => settings.current(),
    onSettings: (listener) => settings.onChange(listener),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await oneRoster.close();
      await relays.close();
      await scheduler.stop();
      await outageKit.stop();
      store.close();
    },
  };
}
