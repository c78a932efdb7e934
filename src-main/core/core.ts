import { join } from 'node:path';
import type { CommandResult, DeskEvent } from '../../src-shared/contract';
import type { DeskActionKind, DeskStatus } from '../../src-shared/domain';
import { systemClock, type Clock } from './clock';
import { DeskError, dispatch, type CommandHandlers } from './command-dispatch';
import { ConnectionBook, type CreateProvider } from './connections/connection-book';
import { createProvider as createRegisteredProvider } from './connections/provider-registry';
import type { CredentialStore } from './credentials/credential-store';
import { bookingForScan } from './desk/barcode-check-in';
import { canDo } from './desk/desk-action-sending';
import { DeskActions } from './desk/desk-actions';
import { DeskJournal } from './desk/desk-journal';
import { DeskPlace } from './desk/desk-place';
import { aboutBooking, lookUpBooking, lookUpLocation, lookUpMemberByBarcode, lookUpSession } from './desk/desk-lookups';
import type { Provider } from './providers/provider';
import { DeskCache } from './sync/desk-cache';
import { SyncLoop } from './sync/sync-loop';
import { syncWindowAround } from './sync/sync-window';

export const coreVersion = '0.1.0';

export interface CoreOptions {
  /** Where the journal, connections and provider state live (Electron: userData; browser mode: --data-dir). */
  dataDir: string;
  credentials: CredentialStore;
  /** What the desk shows while no connection is set up: the built-in demo studio. */
  fallbackProviders: Provider[];
  /** Builds a connection's provider; tests pass one with short timeouts. */
  createProvider?: CreateProvider;
  clock?: Clock;
  /** How often the schedule is refreshed; 0 turns the timer off (tests drive syncNow). */
  syncIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface Core {
  /** Runs one contract command; `input` is untrusted and validated here. */
  handle(command: string, input: unknown): Promise<CommandResult<unknown>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * The desk's core: holds what the providers last said, overlays the desk's own
 * actions, and publishes only what changed to every connected renderer.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const listeners = new Set<(event: DeskEvent) => void>();
  const cache = new DeskCache();
  let status: DeskStatus = { connection: 'syncing', pendingActions: 0 };

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

  const emit = (event: DeskEvent) => {
    for (const listener of listeners) listener(event);
  };
  const publish = () => {
    const changes = cache.publish(journal.all());
    if (changes) emit({ name: 'changes', payload: changes });
  };
  const publishConnections = () => emit({ name: 'connections', payload: connections.list() });
  const setStatus = (next: Partial<DeskStatus>) => {
    const updated: DeskStatus = { ...status, ...next, pendingActions: deskActions.pendingCount() };
    if (JSON.stringify(updated) === JSON.stringify(status)) return;
    status = updated;
    emit({ name: 'status', payload: status });
  };

  const deskActions = new DeskActions({
    journal,
    clock,
    providerFor,
    onChange: (_action, booking) => {
      if (booking) {
        cache.patchBooking(booking);
        loop.request();
      }
      publish();
      setStatus({});
    },
  });

  const syncPass = async () => {
    setStatus({ connection: 'syncing' });
    await deskActions.resend();
    const providers = activeProviders();
    cache.keepOnly(new Set(providers.map((p) => p.connectionId)));
    const window = syncWindowAround(clock());
    let failures = 0;
    let healthMoved = false;
    for (const provider of providers) {
      try {
        const fetched = await provider.fetchWindow(window);
        for (const issue of fetched.issues) log(`${provider.connectionId}: ${issue.table} ${issue.sourceId ?? ''}: ${issue.message}`);
        cache.store(provider.connectionId, fetched.records);
        const at = clock().toISOString();
        healthMoved = connections.recordSync(provider.connectionId, { at, rejectedRecords: fetched.issues.length }) || healthMoved;
      } catch (error) {
        // A failing provider keeps its last good data; the others go on.
        failures += 1;
        healthMoved = connections.recordSync(provider.connectionId, { error }) || healthMoved;
        log(`Sync of ${provider.connectionId} failed`, error);
      }
    }
    publish();
    if (healthMoved) publishConnections();
    const anyGood = providers.length === 0 || failures < providers.length;
    setStatus(anyGood ? { connection: 'online', lastSyncAt: clock().toISOString() } : { connection: 'offline' });
  };
  const loop = new SyncLoop(syncPass, options.syncIntervalMs ?? 60_000);

  const records = () => cache.records(journal.all());
  /** Refuse before journaling what the connection cannot do, so nothing impossible waits in the queue. */
  const requireAbility = (connectionId: string, kind: DeskActionKind) => {
    const provider = providerFor(connectionId);
    if (!provider) throw new DeskError('not_found', 'This connection is not set up any more.');
    if (!canDo(provider, kind)) throw new DeskError('conflict', 'This system does not let the desk do that.');
  };
  const onBooking = (kind: DeskActionKind, { actionId, bookingId, reason }: { actionId: string; bookingId: string; reason?: string }) =>
    {
      const about = aboutBooking(lookUpBooking(records(), bookingId));
      requireAbility(about.connectionId, kind);
      return deskActions.perform({ actionId, kind, reason, ...about });
    };
  const handlers: CommandHandlers = {
    hello: async () => ({ coreVersion, now: clock().toISOString(), status }),
    getSnapshot: async () => cache.snapshot(),
    syncNow: async () => {
      await loop.run();
      return status;
    },
    checkIn: (input) => onBooking('check_in', input),
    undoCheckIn: (input) => onBooking('undo_check_in', input),
    cancelBooking: (input) => onBooking('cancel_booking', input),
    promoteFromWaitlist: (input) => onBooking('promote_from_waitlist', input),
    confirmBookingRequest: (input) => onBooking('confirm_booking_request', input),
    rejectBookingRequest: (input) => onBooking('reject_booking_request', input),
    bookMember: async ({ actionId, sessionId, memberId }) => {
      const session = lookUpSession(records(), sessionId);
      requireAbility(session.connectionId, 'book');
      return deskActions.perform({ actionId, kind: 'book', connectionId: session.connectionId, sessionId, memberId });
    },
    validateBooking: async ({ sessionId, memberId }) => {
      const session = lookUpSession(records(), sessionId);
      const provider = providerFor(session.connectionId);
      if (!provider?.validateBooking) throw new DeskError('conflict', 'This system cannot check a booking in advance.');
      return provider.validateBooking({ sessionId, memberId });
    },
    validateVisit: async ({ actionId, connectionId, visitorId }) => {
      requireAbility(connectionId, 'validate_visit');
      return deskActions.perform({ actionId, kind: 'validate_visit', connectionId, visitorId });
    },
    searchMembers: async ({ connectionId, query }) => {
      const provider = providerFor(connectionId);
      if (!provider?.searchMembers) throw new DeskError('conflict', 'This system cannot search members.');
      return provider.searchMembers(query);
    },
    checkInByBarcode: async ({ actionId, barcode, locationId }) => {
      const known = records();
      const location = lookUpLocation(known, locationId);
      const member = await lookUpMemberByBarcode(known, providerFor(location.connectionId), barcode);
      if (!member) return { outcome: 'unknown_barcode' };
      const target = bookingForScan(known, member, location, clock());
      if (!target) return { outcome: 'no_booking', member };
      if (target.booking.status === 'checked_in') return { outcome: 'already_checked_in', member, session: target.session };
      const action = await deskActions.perform({ actionId, kind: 'check_in', ...aboutBooking(target.booking) });
      return { outcome: 'check_in', action, member, session: target.session };
    },
    setDeskLocation: async ({ locationId }) => {
      if (await deskPlace.set(locationId)) loop.request();
      return {};
    },
    listConnections: async () => connections.list(),
    saveConnection: async ({ settings, apiKey }) => {
      const saved = await connections.save(settings, apiKey);
      publishConnections();
      loop.request();
      return saved;
    },
    removeConnection: async ({ id }) => {
      const removed = await connections.remove(id);
      if (removed) {
        publishConnections();
        loop.request();
      }
      return { removed };
    },
    testConnection: async ({ id }) => connections.test(id),
  };

  await loop.run();

  return {
    handle: (command, input) => dispatch(handlers, command, input, log),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await loop.stop();
      await journal.close();
    },
  };
}
