import type { CatchUp, OutageKitFile, Snapshot, SnapshotRest } from '../../src-shared/contract';
import type { EffectiveSettings, SettingsLayer } from '../../src-shared/settings';
import type { DeskActionKind, DeskStatus } from '../../src-shared/domain';
import type { Clock } from './clock';
import { DeskError, type CommandHandlers } from './command-dispatch';
import type { ConnectionBook } from './connections/connection-book';
import { bookingForScan } from './desk/barcode-check-in';
import type { ClassActionKind } from '../../src-shared/desk-action-rules';
import { actionTimeRefusal, requireActionTime } from './desk/action-timing';
import { deskMessage, type DeskMessageCode } from '../../src-shared/desk-messages';
import { canDo } from './desk/desk-action-sending';
import type { DeskActions } from './desk/desk-actions';
import { aboutBooking, lookUpBooking, lookUpLocation, lookUpSession, membersWithCode } from './desk/desk-lookups';
import type { DeskPlace } from './desk/desk-place';
import type { OneRoster } from './channels/one-roster';
import type { Provider } from './providers/provider';
import type { DeskStore } from './store/desk-store';

export const coreVersion = '0.1.0';

/** What the commands work with; core.ts builds it. */
export interface DeskContext {
  clock: Clock;
  store: DeskStore;
  snapshot(): Snapshot;
  catchUp(storeId: string | undefined, since: number): CatchUp;
  snapshotRest(storeId: string, more: string): SnapshotRest;
  status(): DeskStatus;
  providerFor(connectionId: string): Provider | undefined;
  activeProviders(): Provider[];
  deskActions: DeskActions;
  deskPlace: DeskPlace;
  connections: ConnectionBook;
  /** Class links between the main system and Wellhub (Connections → Classes on Wellhub). */
  oneRoster: OneRoster;
  syncAll(): Promise<void>;
  /** A connection was added, changed or removed: sync, publish. */
  connectionsChanged(): void;
  /** The report behind "Copy diagnostics", secrets already taken out. */
  diagnostics(): Promise<string>;
  settings(): EffectiveSettings;
  saveSettings(changes: SettingsLayer): Promise<EffectiveSettings>;
  /** Empties the desk and starts it again fresh; the host knows how (it owns the files and the core). */
  wipeLocalData(): Promise<void>;
  /** The paper of today, written now: one location's, or every location's. */
  writeOutageKit(locationId: string | undefined): Promise<OutageKitFile[]>;
}

interface OnBooking {
  actionId: string;
  bookingId: string;
  reason?: string;
}

/** The contract's commands, each taking input the dispatcher has already validated. */
export function deskCommands(desk: DeskContext): CommandHandlers {
  /** Refuse before journaling what the connection cannot do, so nothing impossible waits in the queue. */
  const requireAbility = (connectionId: string, kind: DeskActionKind, refusal: DeskMessageCode = 'action_not_offered') => {
    const provider = desk.providerFor(connectionId);
    if (!provider) throw new DeskError('not_found', { code: 'connection_not_set_up' });
    if (!canDo(provider, kind)) throw new DeskError('conflict', deskMessage(refusal, { action: kind }));
    return provider;
  };
  const onBooking = (kind: ClassActionKind) => async ({ actionId, bookingId, reason }: OnBooking) => {
    const booking = lookUpBooking(desk.store, bookingId);
    const about = aboutBooking(booking);
    const provider = requireAbility(about.connectionId, kind);
    requireActionTime(kind, desk.store.get('sessions', booking.sessionId), desk.clock(), provider.capabilities);
    return desk.deskActions.perform({ actionId, kind, reason, ...about });
  };

  return {
    hello: async () => {
      const deskLocationId = desk.deskPlace.locationId;
      return { coreVersion, now: desk.clock().toISOString(), status: desk.status(), ...(deskLocationId ? { deskLocationId } : {}) };
    },
    getSnapshot: async () => desk.snapshot(),
    getChanges: async ({ store, since }) => desk.catchUp(store, since),
    getSnapshotRest: async ({ store, more }) => desk.snapshotRest(store, more),
    syncNow: async () => {
      await desk.syncAll();
      return desk.status();
    },
    checkIn: onBooking('check_in'),
    undoCheckIn: onBooking('undo_check_in'),
    cancelBooking: onBooking('cancel_booking'),
    promoteFromWaitlist: onBooking('promote_from_waitlist'),
    confirmBookingRequest: onBooking('confirm_booking_request'),
    rejectBookingRequest: onBooking('reject_booking_request'),
    markNoShow: onBooking('mark_no_show'),
    bookMember: async ({ actionId, sessionId, memberId }) => {
      const { connectionId } = lookUpSession(desk.store, sessionId);
      requireAbility(connectionId, 'book');
      return desk.deskActions.perform({ actionId, kind: 'book', connectionId, sessionId, memberId });
    },
    validateBooking: async ({ sessionId, memberId }) => {
      const provider = desk.providerFor(lookUpSession(desk.store, sessionId).connectionId);
      if (!provider?.validateBooking) throw new DeskError('conflict', { code: 'booking_check_not_offered' });
      return provider.validateBooking({ sessionId, memberId });
    },
    validateVisit: async ({ actionId, connectionId, visitorId }) => {
      requireAbility(connectionId, 'validate_visit');
      return desk.deskActions.perform({ actionId, kind: 'validate_visit', connectionId, visitorId });
    },
    searchMembers: async ({ connectionId, query }) => {
      const provider = desk.providerFor(connectionId);
      if (!provider?.searchMembers) throw new DeskError('conflict', { code: 'member_search_not_offered' });
      return provider.searchMembers(query);
    },
    checkInByBarcode: async ({ actionId, barcode, locationId }) => {
      const location = lookUpLocation(desk.store, locationId);
      // Refused before anything is journaled: a scan the system cannot take must not wait in the queue.
      const provider = requireAbility(location.connectionId, 'check_in', 'checkin_not_offered');
      const [member, ...others] = await membersWithCode(desk.store, provider, location, barcode);
      if (!member) return { outcome: 'unknown_barcode' };
      if (others.length > 0) return { outcome: 'ambiguous_barcode', members: [member, ...others] };
      const target = bookingForScan(desk.store, member, location, desk.clock());
      if (!target) return { outcome: 'no_booking', member };
      if (target.booking.status === 'checked_in') return { outcome: 'already_checked_in', member, session: target.session };
      // Answered, not journaled: a check-in the system would refuse must not wait in the queue as one.
      const refusal = actionTimeRefusal('check_in', target.session, desk.clock(), provider.capabilities);
      if (refusal) return { outcome: 'refused', member, session: target.session, reason: refusal };
      const action = await desk.deskActions.perform({ actionId, kind: 'check_in', ...aboutBooking(target.booking) });
      return { outcome: 'check_in', action, member, session: target.session };
    },
    setDeskLocation: async ({ locationId }) => {
      // The settings tell the core when it changed: its today is fetched first from then on.
      await desk.deskPlace.set(locationId);
      return {};
    },
    listCapabilities: async () => Object.fromEntries(desk.activeProviders().map((p) => [p.connectionId, p.capabilities])),
    listConnections: async () => desk.connections.list(),
    saveConnection: async ({ settings, apiKey, relayDeskToken }) => {
      const saved = await desk.connections.save(settings, apiKey, relayDeskToken);
      desk.connectionsChanged();
      return saved;
    },
    removeConnection: async ({ id }) => {
      const removed = await desk.connections.remove(id);
      if (removed) desk.connectionsChanged();
      return { removed };
    },
    testConnection: async ({ id }) => desk.connections.test(id),
    listWellhubClasses: async ({ id }) => desk.oneRoster.wellhubClasses(id),
    saveWellhubClassLinks: async ({ id, links }) => desk.oneRoster.saveLinks(id, links),
    getDiagnostics: async () => ({ text: await desk.diagnostics() }),
    getSettings: async () => desk.settings(),
    saveSettings: async (changes) => desk.saveSettings(changes),
    wipeLocalData: async ({ discardWaiting }) => {
      const waiting = desk.deskActions.pendingCount();
      // Waiting actions exist nowhere else yet: wiping loses them for good, so only when asked in so many words.
      if (waiting > 0 && discardWaiting !== true) {
        throw new DeskError('conflict', deskMessage('wipe_refused_actions_waiting', { count: waiting }));
      }
      await desk.wipeLocalData();
      return { wiped: true as const };
    },
    writeOutageKit: async ({ locationId }) => {
      if (locationId !== undefined) lookUpLocation(desk.store, locationId);
      return { kits: await desk.writeOutageKit(locationId) };
    },
  };
}
