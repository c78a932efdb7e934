import { z } from 'zod';
import type { Connection, ConnectionSettings, ConnectionTestResult } from '../../src-shared/connections';
import { commands, type BookingValidation, type CatchUp, type ChangeSet, type DeskApi, type DeskEvent, type OutageKitFile, type RecordSet, type Snapshot } from '../../src-shared/contract';
import type { DeskAction, DeskActionKind, DeskStatus } from '../../src-shared/domain';
import { defaultSettings, settingNames, type EffectiveSettings, type SettingName, type SettingSource } from '../../src-shared/settings';
import { DeskError } from '../../src-renderer/src/desk/desk-error';
import type { DeskLink } from '../../src-renderer/src/desk/desk-link';
import { FakeStore } from './fake-store';
import { allCapabilities } from './fixtures';

const emptyRecordSet = (): RecordSet => ({ locations: [], instructors: [], classTypes: [], sessions: [], members: [], bookings: [], visits: [], deskActions: [] });

/** Checks input against the contract like the core's dispatcher does. */
function parsed<K extends 'saveConnection' | 'removeConnection' | 'testConnection' | 'saveWellhubClassLinks'>(
  command: K,
  input: unknown,
): z.infer<(typeof commands)[K]['input']> {
  const result = commands[command].input.safeParse(input);
  if (!result.success) throw new DeskError('invalid_input', `Invalid input for ${command}: ${z.prettifyError(result.error)}`);
  return result.data as z.infer<(typeof commands)[K]['input']>;
}

/** What a change made in a test does besides the rows. */
export interface ChangeOptions {
  /** A frame that never arrived: the store moves on, the desk hears nothing. */
  lost?: boolean;
  /** Connections whose first data this is: their older rows leave. */
  replaced?: string[];
  /** How far the seq moves: the core's numbers need not be consecutive. */
  step?: number;
}

/**
 * A small in-memory stand-in for the core behind a link that can drop and come
 * back. It keeps a store with an id and sequence numbers like the real core; the
 * renderer code under test talks to it only through the contract.
 */
export class FakeCore implements DeskLink {
  readonly store: FakeStore;
  now = '2026-03-20T16:50:00.000Z';
  status: DeskStatus = {
    connection: 'online',
    lastSyncAt: '2026-03-20T16:49:00.000Z',
    pendingActions: 0,
    connections: [{ id: 'demo-1', label: 'Demo studio', state: 'ok', lastSyncAt: '2026-03-20T16:49:00.000Z' }],
  };
  /**
   * When set, getChanges hands out snapshots in two parts like the core does for a chain: locations and
   * classes first, the rest by getSnapshotRest, which waits for `restGate` when that is set.
   */
  snapshotInParts = false;
  /** The location the core remembers this desk serves, told in hello. */
  deskLocationId: string | undefined;
  restGate: Promise<void> | undefined;
  /** Snapshots handed out, by getChanges or getSnapshot. */
  snapshotsServed = 0;
  calls: { command: string; input: unknown }[] = [];
  /** The gym's connections as the core lists them (no keys). */
  connections: Connection[] = [];
  /** What validateBooking answers, by `sessionId|memberId`; bookable when not set. */
  readonly validations = new Map<string, BookingValidation>();
  /** How the provider answers each kind of desk action; 'accepted' (still on its way) when not set. */
  readonly answers = new Map<DeskActionKind, Pick<DeskAction, 'state'> & Partial<Pick<DeskAction, 'error' | 'outcome'>>>();
  /** Kinds the core refuses outright because the system cannot do them (it answers 'conflict'). */
  readonly unsupported = new Set<DeskActionKind>();
  /** Keys the core stores, by connection id; they never go back out through the contract. */
  readonly storedKeys = new Map<string, string>();
  /** Relay desk tokens the core stores, by connection id; as write-only as the keys. */
  readonly storedRelayTokens = new Map<string, string>();
  /** What testConnection answers, by connection id; a connected message when not set. */
  testResults = new Map<string, ConnectionTestResult>();
  /** The classes each Wellhub connection has at Wellhub, as listWellhubClasses answers them. */
  wellhubClasses = new Map<string, { id: number; name: string }[]>();
  /** The settings in force, as getSettings answers them; saveSettings changes them like the core. */
  settings: EffectiveSettings = {
    values: structuredClone(defaultSettings),
    sources: Object.fromEntries(settingNames.map((name) => [name, 'default'])) as Record<SettingName, SettingSource>,
    problems: [],
  };
  /** How often wipeLocalData went through. */
  wipes = 0;
  /** What writeOutageKit answers: one kit per location of the records, unless set. */
  outageKits: OutageKitFile[] | undefined;
  /** What getDiagnostics answers. */
  diagnostics = 'Classdesk diagnostics\nApp version: 0.1.0';
  private open: boolean;
  private readonly eventListeners = new Set<(event: DeskEvent) => void>();
  private readonly connectionListeners = new Set<(open: boolean) => void>();

  constructor(
    options: { open?: boolean; records?: Partial<RecordSet>; connections?: Connection[]; active?: string[] } = {},
  ) {
    this.open = options.open ?? true;
    this.store = new FakeStore(options.records ?? {}, options.active ?? ['demo-1']);
    this.connections = structuredClone(options.connections ?? []);
    for (const connection of this.connections) if (connection.hasApiKey) this.storedKeys.set(connection.id, 'stored-key');
    for (const connection of this.connections) if (connection.hasRelayToken) this.storedRelayTokens.set(connection.id, 'stored-relay-token');
  }

  private saveConnection(settings: ConnectionSettings, apiKey: string | undefined, relayDeskToken: string | undefined): Connection {
    const before = this.connections.find((c) => c.id === settings.id);
    if (before && before.provider !== settings.provider) {
      throw new DeskError('invalid_input', 'saveConnection refused', { code: 'connection_system_fixed' });
    }
    if (apiKey === undefined && !this.storedKeys.has(settings.id)) {
      throw new DeskError('invalid_input', 'saveConnection refused', { code: 'api_key_missing' });
    }
    if (apiKey !== undefined) this.storedKeys.set(settings.id, apiKey);
    if (relayDeskToken !== undefined) this.storedRelayTokens.set(settings.id, relayDeskToken);
    const saved: Connection = {
      ...settings,
      hasApiKey: true,
      ...(this.storedRelayTokens.has(settings.id) ? { hasRelayToken: true } : {}),
      capabilities: allCapabilities(),
      health: { state: 'never_synced', rejectedRecords: 0 },
    };
    this.connections = before
      ? this.connections.map((c) => (c.id === settings.id ? saved : c))
      : [...this.connections, saved];
    this.publishConnections();
    return structuredClone(saved);
  }

  private reachable(command: keyof typeof commands, input: unknown): void {
    this.calls.push({ command, input });
    if (!this.open) throw new DeskError('offline', 'not connected');
    // The core checks every input against the contract before acting on it; so does this fake.
    const checked = commands[command].input.safeParse(input);
    if (!checked.success) throw new DeskError('invalid_input', `Invalid input for ${command}: ${z.prettifyError(checked.error)}`);
  }

  /** Like the core: refuses what the system cannot do, else journals the action and answers with it. */
  private answer(action: DeskAction): DeskAction {
    if (this.unsupported.has(action.kind)) throw new DeskError('conflict', 'refused', { code: 'action_not_offered', params: { action: action.kind } });
    return { ...action, ...this.answers.get(action.kind) };
  }

  private action(kind: DeskAction['kind'], actionId: string, bookingId: string, reason?: string): DeskAction {
    const booking = this.records.bookings.find((b) => b.id === bookingId);
    if (!booking) throw new DeskError('not_found', `no booking ${bookingId}`);
    return this.answer({
      id: actionId,
      kind,
      state: 'accepted',
      bookingId,
      sessionId: booking.sessionId,
      memberId: booking.memberId,
      connectionId: booking.connectionId,
      ...(reason === undefined ? {} : { reason }),
      createdAt: this.now,
      updatedAt: this.now,
    });
  }

  readonly api: DeskApi = {
    hello: async (input) => {
      this.reachable('hello', input);
      return { coreVersion: 'fake', now: this.now, status: this.status, ...(this.deskLocationId ? { deskLocationId: this.deskLocationId } : {}) };
    },
    getSnapshot: async (input): Promise<Snapshot> => {
      this.reachable('getSnapshot', input);
      this.snapshotsServed += 1;
      return this.store.snapshot();
    },
    getChanges: async (input): Promise<CatchUp> => {
      this.reachable('getChanges', input);
      if (this.store.canTell(input.store, input.since)) return { kind: 'changes', ...this.store.changesSince(input.since) };
      this.snapshotsServed += 1;
      const whole = this.store.snapshot();
      if (!this.snapshotInParts) return { kind: 'snapshot', ...whole };
      const first = { ...emptyRecordSet(), locations: whole.records.locations, sessions: whole.records.sessions };
      return { kind: 'snapshot', ...whole, records: first, more: 'the-rest' };
    },
    getSnapshotRest: async (input) => {
      this.reachable('getSnapshotRest', input);
      if (input.store !== this.store.id || input.more !== 'the-rest') throw new DeskError('conflict', 'no such snapshot part');
      await this.restGate;
      const { records } = this.store.snapshot();
      return { records: { ...records, locations: [], sessions: [] } };
    },
    syncNow: async (input) => {
      this.reachable('syncNow', input);
      return this.status;
    },
    checkInByBarcode: async (input) => {
      this.reachable('checkInByBarcode', input);
      return { outcome: 'unknown_barcode' };
    },
    checkIn: async (input) => {
      this.reachable('checkIn', input);
      return this.action('check_in', input.actionId, input.bookingId);
    },
    undoCheckIn: async (input) => {
      this.reachable('undoCheckIn', input);
      return this.action('undo_check_in', input.actionId, input.bookingId);
    },
    cancelBooking: async (input) => {
      this.reachable('cancelBooking', input);
      return this.action('cancel_booking', input.actionId, input.bookingId, input.reason);
    },
    promoteFromWaitlist: async (input) => {
      this.reachable('promoteFromWaitlist', input);
      return this.action('promote_from_waitlist', input.actionId, input.bookingId);
    },
    confirmBookingRequest: async (input) => {
      this.reachable('confirmBookingRequest', input);
      return this.action('confirm_booking_request', input.actionId, input.bookingId);
    },
    rejectBookingRequest: async (input) => {
      this.reachable('rejectBookingRequest', input);
      return this.action('reject_booking_request', input.actionId, input.bookingId, input.reason);
    },
    markNoShow: async (input) => {
      this.reachable('markNoShow', input);
      return this.action('mark_no_show', input.actionId, input.bookingId);
    },
    bookMember: async (input) => {
      this.reachable('bookMember', input);
      const session = this.records.sessions.find((s) => s.id === input.sessionId);
      if (!session) throw new DeskError('not_found', `no session ${input.sessionId}`);
      const { sessionId, memberId } = input;
      return this.answer({ id: input.actionId, kind: 'book', state: 'accepted', connectionId: session.connectionId, sessionId, memberId, createdAt: this.now, updatedAt: this.now });
    },
    validateBooking: async (input) => {
      this.reachable('validateBooking', input);
      return this.validations.get(`${input.sessionId}|${input.memberId}`) ?? { bookable: true, reasons: [] };
    },
    validateVisit: async (input) => {
      this.reachable('validateVisit', input);
      const { actionId, connectionId, visitorId } = input;
      return this.answer({ id: actionId, kind: 'validate_visit', state: 'accepted', connectionId, visitorId, createdAt: this.now, updatedAt: this.now });
    },
    searchMembers: async (input) => {
      this.reachable('searchMembers', input);
      const query = input.query.toLowerCase();
      return this.records.members.filter((m) => `${m.firstName} ${m.lastName}`.toLowerCase().includes(query));
    },
    setDeskLocation: async (input) => {
      this.reachable('setDeskLocation', input);
      return {};
    },
    listCapabilities: async (input) => {
      this.reachable('listCapabilities', input);
      return Object.fromEntries(this.connections.map((c) => [c.id, c.capabilities]));
    },
    listConnections: async (input) => {
      this.reachable('listConnections', input);
      return structuredClone(this.connections);
    },
    saveConnection: async (input) => {
      this.reachable('saveConnection', input);
      const { settings, apiKey, relayDeskToken } = parsed('saveConnection', input);
      return this.saveConnection(settings, apiKey, relayDeskToken);
    },
    removeConnection: async (input) => {
      this.reachable('removeConnection', input);
      const { id } = parsed('removeConnection', input);
      const removed = this.connections.some((c) => c.id === id);
      this.connections = this.connections.filter((c) => c.id !== id);
      this.storedKeys.delete(id);
      if (removed) this.publishConnections();
      return { removed };
    },
    listWellhubClasses: async (input) => {
      this.reachable('listWellhubClasses', input);
      return structuredClone(this.wellhubClasses.get(input.id) ?? []);
    },
    saveWellhubClassLinks: async (input) => {
      this.reachable('saveWellhubClassLinks', input);
      const { id, links } = parsed('saveWellhubClassLinks', input);
      const connection = this.connections.find((c) => c.id === id);
      if (!connection) throw new DeskError('not_found', 'saveWellhubClassLinks refused', { code: 'connection_removed' });
      const saved: Connection = { ...connection, classLinks: links };
      this.connections = this.connections.map((c) => (c.id === id ? saved : c));
      this.publishConnections();
      return structuredClone(saved);
    },
    testConnection: async (input) => {
      this.reachable('testConnection', input);
      const { id } = parsed('testConnection', input);
      const connection = this.connections.find((c) => c.id === id);
      if (!connection) throw new DeskError('not_found', 'testConnection refused', { code: 'connection_removed' });
      return this.testResults.get(id) ?? { ok: true, message: { code: 'connection_ok', params: { name: connection.label } } };
    },
    getDiagnostics: async (input) => {
      this.reachable('getDiagnostics', input);
      return { text: this.diagnostics };
    },
    getSettings: async (input) => {
      this.reachable('getSettings', input);
      return structuredClone(this.settings);
    },
    saveSettings: async (input) => {
      this.reachable('saveSettings', input);
      const names = Object.keys(input) as SettingName[];
      const locked = names.filter((name) => this.settings.sources[name] === 'policy');
      if (locked.length > 0) throw new DeskError('conflict', 'saveSettings refused', { code: 'setting_locked', params: { settings: locked.join(', ') } });
      this.settings = {
        ...this.settings,
        values: { ...this.settings.values, ...input },
        sources: { ...this.settings.sources, ...Object.fromEntries(names.map((name) => [name, 'desk'])) },
      };
      this.emit({ name: 'settings', payload: structuredClone(this.settings) });
      return structuredClone(this.settings);
    },
    wipeLocalData: async (input) => {
      this.reachable('wipeLocalData', input);
      if (this.status.pendingActions > 0 && input.discardWaiting !== true) {
        throw new DeskError('conflict', 'wipeLocalData refused', { code: 'wipe_refused_actions_waiting', params: { count: this.status.pendingActions } });
      }
      this.wipes += 1;
      return { wiped: true as const };
    },
    writeOutageKit: async (input) => {
      this.reachable('writeOutageKit', input);
      const day = this.now.slice(0, 10);
      const kits = this.records.locations.filter((l) => input.locationId === undefined || l.id === input.locationId).map((l) => ({ locationId: l.id, locationName: l.name, day, file: `${day}/${l.id.replace(/[^a-z0-9]+/g, '-')}.pdf`, classes: 0 }));
      return { kits: this.outageKits ?? kits };
    },
    subscribe: (listener) => {
      this.eventListeners.add(listener);
      return () => {
        this.eventListeners.delete(listener);
      };
    },
  };

  isOpen(): boolean {
    return this.open;
  }

  onConnectionChange(listener: (open: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => {
      this.connectionListeners.delete(listener);
    };
  }

  /** The store's rows as the core holds them now. */
  get records(): RecordSet {
    return this.store.records;
  }

  /** Changes rows in the store and pushes the change set, unless it is lost on the way. */
  change(upserts: ChangeSet['upserts'], removals: ChangeSet['removals'] = {}, options: ChangeOptions = {}): ChangeSet {
    const changes = this.store.change(upserts, removals, options.replaced ?? [], options.step ?? 1);
    if (!options.lost) this.emit({ name: 'changes', payload: changes });
    return changes;
  }

  /** Replaces the connections (health moved, another desk changed them…) and tells subscribers, like the core. */
  setConnections(connections: Connection[]): void {
    this.connections = structuredClone(connections);
    this.publishConnections();
  }

  private publishConnections(): void {
    this.emit({ name: 'connections', payload: structuredClone(this.connections) });
  }

  emit(event: DeskEvent): void {
    if (!this.open) return;
    for (const listener of this.eventListeners) listener(event);
  }

  drop(): void {
    this.open = false;
    for (const listener of this.connectionListeners) listener(false);
  }

  restore(): void {
    this.open = true;
    for (const listener of this.connectionListeners) listener(true);
  }
}
