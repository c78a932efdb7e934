import { join } from 'node:path';
import {
  connectionWarnings,
  isDemoSide,
  type ConnectionSettings,
  noCapabilities,
  type Connection,
  type ConnectionHealth,
  type ConnectionTestResult,
  type ProviderKind,
  type RelayLink,
} from '../../../src-shared/connections';
import type { Clock } from '../clock';
import { lastSyncIsNews } from '../last-sync-news';
import { DeskError } from '../command-dispatch';
import { ProviderError } from '../provider-error';
import type { CredentialStore } from '../credentials/credential-store';
import type { Provider, ProviderContext } from '../providers/provider';
import { readJsonFile, writeJsonFile } from '../storage/json-file';
import { guardRecords } from './record-guard';
import { readSavedEntry, SavedConnectionsFile } from './saved-settings';
import { deskMessage, type DeskMessage } from '../../../src-shared/desk-messages';

export type CreateProvider = (kind: ProviderKind, context: ProviderContext) => Provider;

/** Where health is kept across restarts (the core's store). */
export interface HealthRecords {
  health(connectionId: string): ConnectionHealth | undefined;
  saveHealth(connectionId: string, health: ConnectionHealth): void;
}

export type SyncOutcome =
  | { at: string; rejectedRecords: number; unreadRosters: number }
  | { at: string; error: unknown };

interface Entry {
  settings: ConnectionSettings;
  hasApiKey: boolean;
  /** Wellhub: a relay desk token is stored (the token itself stays in the credential store). */
  hasRelayToken: boolean;
  provider?: Provider;
  health: ConnectionHealth;
  /** The last-sync time the desk was last told of. */
  toldSyncAt?: string;
}

const keyName = (id: string) => `connection:${id}`;
/** The relay's desk token, a secret like the API key: its own name in the credential store, gone with the connection. */
const relayTokenName = (id: string) => `relay-desk-token:${id}`;
/** The demo studio's connection id, which a real connection may not take. */
const builtInStudioId = 'demo';
const neverSynced = (): ConnectionHealth => ({ state: 'never_synced', rejectedRecords: 0 });

/**
 * The gym's connections: settings in `connections.json` (no secrets), each key
 * in the credential store, and one live provider per connection. Keys go in
 * and never come out: `list()` says only whether one is stored.
 */
export class ConnectionBook {
  /** Entries of connections.json that name no connection: written back untouched, never silently dropped. */
  private readonly unreadable: unknown[] = [];
  /** The live state of each connection's relay link (src-main/core/relay/), shown with the connection. */
  private relayState: (connectionId: string) => RelayLink | undefined = () => undefined;
  /** What a Wellhub connection shows about its class links and places (src-main/core/channels/). */
  private channelState: (connectionId: string) => Pick<Connection, 'classLinks' | 'wellhubPlaces'> = () => ({});

  private constructor(
    private readonly path: string,
    private readonly credentials: CredentialStore,
    private readonly build: (settings: ConnectionSettings, apiKey: string) => Provider,
    private readonly entries: Map<string, Entry>,
    private readonly healthRecords: HealthRecords,
  ) {}

  static async open(options: {
    dataDir: string;
    credentials: CredentialStore;
    clock: Clock;
    createProvider: CreateProvider;
    healthRecords: HealthRecords;
  }): Promise<ConnectionBook> {
    const path = join(options.dataDir, 'connections.json');
    // Every record a connection brings is checked against the domain's limits before it reaches the store.
    const build = (settings: ConnectionSettings, apiKey: string) =>
      guardRecords(options.createProvider(settings.provider, { settings, apiKey, clock: options.clock }), settings.label);
    const book = new ConnectionBook(path, options.credentials, build, new Map(), options.healthRecords);
    const file = await readJsonFile(path, SavedConnectionsFile);
    for (const saved of (file?.connections ?? []).map(readSavedEntry)) {
      if ('unreadable' in saved) {
        book.unreadable.push(saved.unreadable);
        continue;
      }
      const { settings, problem } = saved;
      const apiKey = await options.credentials.read(keyName(settings.id));
      const hasRelayToken = settings.provider === 'wellhub' && (await options.credentials.read(relayTokenName(settings.id))) !== undefined;
      const health = options.healthRecords.health(settings.id) ?? neverSynced();
      const entry: Entry = { settings, hasApiKey: apiKey !== undefined, hasRelayToken, health, toldSyncAt: health.lastSyncAt };
      try {
        if (problem) throw new DeskError('invalid_input', problem);
        if (apiKey === undefined) throw new DeskError('invalid_input', { code: 'api_key_missing' });
        entry.provider = build(settings, apiKey);
      } catch (error) {
        entry.health = { ...entry.health, state: 'failing', lastError: messageOf(error) };
      }
      book.entries.set(settings.id, entry);
    }
    return book;
  }

  list(): Connection[] {
    return [...this.entries.values()].map(({ settings, hasApiKey, hasRelayToken, provider, health }) => ({
      ...settings,
      hasApiKey,
      ...(settings.provider === 'wellhub' ? { hasRelayToken } : {}),
      ...relayOf(this.relayState(settings.id)),
      ...(settings.provider === 'wellhub' ? this.channelState(settings.id) : {}),
      ...warningsOf(settings),
      capabilities: provider?.capabilities ?? noCapabilities,
      health,
    }));
  }

  /** Which system a configured connection is; undefined for one not configured (the demo studio among them). */
  kindOf(id: string): ProviderKind | undefined {
    return this.entries.get(id)?.settings.provider;
  }

  /** Ids of the configured connections of one system. */
  idsOf(kind: ProviderKind): string[] {
    return [...this.entries.values()].filter((entry) => entry.settings.provider === kind).map((entry) => entry.settings.id);
  }

  /**
   * Whether a connection to a real system is set up; until one is, the demo studio stays on the desk.
   * The demo's own Wellhub side (isDemoSide) does not count, so `npm run demo:wellhub` shows both channels.
   */
  hasRealConnection(): boolean {
    return [...this.entries.values()].some((entry) => !isDemoSide(entry.settings));
  }

  providers(): Provider[] {
    return [...this.entries.values()].flatMap((entry) => (entry.provider ? [entry.provider] : []));
  }

  /** Where the list reads each connection's relay link state from (the core's relay links). */
  showRelayStates(read: (connectionId: string) => RelayLink | undefined): void {
    this.relayState = read;
  }

  /** Where the list reads each Wellhub connection's class links and places from (the core's OneRoster). */
  showChannels(read: (connectionId: string) => Pick<Connection, 'classLinks' | 'wellhubPlaces'>): void {
    this.channelState = read;
  }

  /** The desk token for the connection's relay, for the relay link only: it never leaves the main process. */
  relayToken(id: string): Promise<string | undefined> {
    return this.credentials.read(relayTokenName(id));
  }

  /**
   * Adds or changes a connection. The provider is built before anything is stored, so bad settings store nothing.
   * `newRelayToken` (Wellhub only) is stored like the API key and never sent back.
   */
  async save(settings: ConnectionSettings, newApiKey?: string, newRelayToken?: string): Promise<Connection> {
    if (settings.id === builtInStudioId) throw new DeskError('invalid_input', deskMessage('connection_name_reserved', { name: builtInStudioId }));
    if (settings.provider !== 'wellhub' && (settings.relayUrl !== undefined || newRelayToken !== undefined)) {
      throw new DeskError('invalid_input', { code: 'relay_only_for_wellhub' });
    }
    // The demo marker keeps the demo studio in view: refused on anything but the demo's own, local Wellhub side.
    if (settings.demo !== undefined && !isDemoSide(settings)) throw new DeskError('invalid_input', { code: 'demo_marker_local_only' });
    const before = this.entries.get(settings.id);
    if (before && before.settings.provider !== settings.provider) {
      throw new DeskError('invalid_input', { code: 'connection_system_fixed' });
    }
    const apiKey = newApiKey ?? (await this.credentials.read(keyName(settings.id)));
    if (apiKey === undefined) throw new DeskError('invalid_input', { code: 'api_key_missing' });
    let provider: Provider;
    try {
      provider = this.build(settings, apiKey);
    } catch (error) {
      throw new DeskError('invalid_input', messageOf(error));
    }
    if (provider.settingsProblem) throw new DeskError('invalid_input', provider.settingsProblem);
    if (newApiKey !== undefined) await this.credentials.write(keyName(settings.id), newApiKey);
    if (newRelayToken !== undefined) await this.credentials.write(relayTokenName(settings.id), newRelayToken);
    const hasRelayToken = settings.provider === 'wellhub' && (newRelayToken !== undefined || (await this.credentials.read(relayTokenName(settings.id))) !== undefined);
    this.entries.set(settings.id, { settings, hasApiKey: true, hasRelayToken, provider, health: neverSynced() });
    await this.persist();
    const saved = this.list().find((c) => c.id === settings.id);
    if (!saved) throw new Error(`connection ${settings.id} vanished while saving`);
    return saved;
  }

  async remove(id: string): Promise<boolean> {
    if (!this.entries.delete(id)) return false;
    await this.persist();
    await this.credentials.remove(keyName(id));
    await this.credentials.remove(relayTokenName(id));
    return true;
  }

  async test(id: string): Promise<ConnectionTestResult> {
    const entry = this.entries.get(id);
    if (!entry) throw new DeskError('not_found', { code: 'connection_removed' });
    if (!entry.provider) return { ok: false, message: entry.health.lastError ?? { code: 'connection_not_set_up' } };
    try {
      await entry.provider.testConnection();
      return { ok: true, message: deskMessage('connection_ok', { name: entry.settings.label }) };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  /**
   * Returns whether the health the desk shows has changed. A newer last-sync time alone counts
   * once it has moved five minutes, so a pass that changed nothing costs no event.
   */
  recordSync(id: string, outcome: SyncOutcome): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    const before = entry.health;
    entry.health =
      'error' in outcome
        ? { ...before, state: 'failing', lastError: messageOf(outcome.error), failingSince: before.failingSince ?? outcome.at }
        : {
            state: 'ok',
            lastSyncAt: outcome.at,
            rejectedRecords: outcome.rejectedRecords,
            ...(outcome.unreadRosters > 0 ? { unreadRosters: outcome.unreadRosters } : {}),
          };
    const withoutTime = ({ lastSyncAt: _time, ...rest }: ConnectionHealth) => JSON.stringify(rest);
    const now = entry.health.lastSyncAt;
    const moved = withoutTime(before) !== withoutTime(entry.health) || lastSyncIsNews(entry.toldSyncAt, now);
    if (moved) {
      entry.toldSyncAt = now;
      // Kept only when the desk is told too: a quiet pass writes nothing, and a restart loses at most five minutes of age.
      this.healthRecords.saveHealth(id, entry.health);
    }
    return moved;
  }

  private async persist(): Promise<void> {
    const connections: unknown[] = [...this.entries.values()].map((e) => e.settings);
    await writeJsonFile(this.path, { connections: [...connections, ...this.unreadable] });
  }
}


/** ProviderErrors and DeskErrors carry their code; anything else is named without internals (the log has them). */
function messageOf(error: unknown): DeskMessage {
  if (error instanceof ProviderError || error instanceof DeskError) return error.said;
  return { code: 'internal_error' };
}

function relayOf(link: RelayLink | undefined): { relay?: RelayLink } {
  return link ? { relay: link } : {};
}

function warningsOf(settings: ConnectionSettings): { warnings?: DeskMessage[] } {
  const warnings = connectionWarnings(settings);
  return warnings.length > 0 ? { warnings } : {};
}
