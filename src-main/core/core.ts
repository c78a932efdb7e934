import { join } from 'node:path';
import type { CommandResult, DeskEvent, RecordSet } from '../../src-shared/contract';
import type { Booking, DeskStatus } from '../../src-shared/domain';
import { systemClock, type Clock } from './clock';
import { dispatch, type CommandHandlers } from './command-dispatch';
import { bookingForScan } from './desk/barcode-check-in';
import { DeskActions } from './desk/desk-actions';
import { DeskJournal } from './desk/desk-journal';
import { lookUpBooking, lookUpLocation, lookUpMemberByBarcode } from './desk/desk-lookups';
import type { Provider, ProviderRecords } from './providers/provider';
import { PublishedRecords } from './sync/published-records';
import { syncWindowAround } from './sync/sync-window';

export const coreVersion = '0.1.0';

export interface CoreOptions {
  /** Where the journal and provider state live (Electron: userData; browser mode: --data-dir). */
  dataDir: string;
  providers: Provider[];
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
  const providers = new Map(options.providers.map((p) => [p.connectionId, p]));
  const latest = new Map<string, ProviderRecords>();
  const published = new PublishedRecords();
  const listeners = new Set<(event: DeskEvent) => void>();
  let seq = 0;
  let status: DeskStatus = { connection: 'syncing', pendingActions: 0 };

  const journal = await DeskJournal.open(join(options.dataDir, 'desk-journal.jsonl'));
  if (journal.damagedLines.length > 0) {
    log(`Desk journal: lines ${journal.damagedLines.join(', ')} could not be read and were skipped`);
  }

  const emit = (event: DeskEvent) => {
    for (const listener of listeners) listener(event);
  };

  const setStatus = (next: Partial<DeskStatus>) => {
    const updated: DeskStatus = { ...status, ...next, pendingActions: deskActions.pendingCount() };
    if (JSON.stringify(updated) === JSON.stringify(status)) return;
    status = updated;
    emit({ name: 'status', payload: status });
  };

  const compose = (): RecordSet => {
    const records: RecordSet = {
      locations: [],
      instructors: [],
      classTypes: [],
      sessions: [],
      members: [],
      bookings: [],
      deskActions: journal.all(),
    };
    for (const fetched of latest.values()) {
      records.locations.push(...fetched.locations);
      records.instructors.push(...fetched.instructors);
      records.classTypes.push(...fetched.classTypes);
      records.sessions.push(...fetched.sessions);
      records.members.push(...fetched.members);
      records.bookings.push(...fetched.bookings);
    }
    return records;
  };

  const publish = () => {
    const diff = published.advanceTo(compose());
    if (diff.empty) return;
    seq += 1;
    emit({ name: 'changes', payload: { seq, upserts: diff.upserts, removals: diff.removals } });
  };

  /** The provider's answer to an action is the freshest word on that booking until the next fetch. */
  const patchBooking = (booking: Booking) => {
    const fetched = latest.get(booking.connectionId);
    if (!fetched) return;
    fetched.bookings = fetched.bookings.map((b) => (b.id === booking.id ? booking : b));
  };

  const deskActions = new DeskActions({
    journal,
    clock,
    providerFor: (connectionId) => providers.get(connectionId),
    onChange: (_action, booking) => {
      if (booking) {
        patchBooking(booking);
        requestSync();
      }
      publish();
      setStatus({});
    },
  });

  let running: Promise<void> | undefined;
  let again = false;
  /** One pass at a time; a request during a pass runs one more pass after it. */
  const sync = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = syncPass().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void sync();
      }
    });
    return running;
  };
  const requestSync = () => void sync();

  const syncPass = async () => {
    setStatus({ connection: 'syncing' });
    await deskActions.resend();
    const window = syncWindowAround(clock());
    let failures = 0;
    for (const provider of providers.values()) {
      try {
        const fetched = await provider.fetchWindow(window);
        for (const issue of fetched.issues) log(`${provider.connectionId}: ${issue.table} ${issue.sourceId ?? ''}: ${issue.message}`);
        latest.set(provider.connectionId, fetched.records);
      } catch (error) {
        // A failing provider keeps its last good data; the others go on.
        failures += 1;
        log(`Sync of ${provider.connectionId} failed`, error);
      }
    }
    publish();
    const anyGood = failures < providers.size;
    setStatus(anyGood ? { connection: 'online', lastSyncAt: clock().toISOString() } : { connection: 'offline' });
  };

  const handlers: CommandHandlers = {
    hello: async () => ({ coreVersion, now: clock().toISOString(), status }),
    getSnapshot: async () => ({ seq, records: published.current() }),
    syncNow: async () => {
      await sync();
      return status;
    },
    checkIn: async ({ actionId, bookingId }) =>
      deskActions.perform({ actionId, kind: 'check_in', booking: lookUpBooking(compose(), bookingId) }),
    undoCheckIn: async ({ actionId, bookingId }) =>
      deskActions.perform({ actionId, kind: 'undo_check_in', booking: lookUpBooking(compose(), bookingId) }),
    cancelBooking: async ({ actionId, bookingId }) =>
      deskActions.perform({ actionId, kind: 'cancel_booking', booking: lookUpBooking(compose(), bookingId) }),
    checkInByBarcode: async ({ actionId, barcode, locationId }) => {
      const records = compose();
      const location = lookUpLocation(records, locationId);
      const member = await lookUpMemberByBarcode(records, providers.get(location.connectionId), barcode);
      if (!member) return { outcome: 'unknown_barcode' };
      const target = bookingForScan(records, member, location, clock());
      if (!target) return { outcome: 'no_booking', member };
      if (target.booking.status === 'checked_in') return { outcome: 'already_checked_in', member, session: target.session };
      const action = await deskActions.perform({ actionId, kind: 'check_in', booking: target.booking });
      return { outcome: 'check_in', action, member, session: target.session };
    },
  };

  await sync();
  const timer = options.syncIntervalMs === 0 ? undefined : setInterval(requestSync, options.syncIntervalMs ?? 60_000);

  return {
    handle: (command, input) => dispatch(handlers, command, input, log),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (timer) clearInterval(timer);
      await running;
      await journal.close();
    },
  };
}
