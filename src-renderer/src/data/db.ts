import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { RecordSet, RecordTable } from '../../../src-shared/contract';
import { memberSearchKeysMiddleware, type SearchableMember } from './member-search-keys';
import type {
  Booking,
  ClassType,
  DeskAction,
  DeskStatus,
  Instructor,
  Location,
  PendingVisit,
  Session,
} from '../../../src-shared/domain';

/** What the desk remembers about its own copy of the data, beside the cached rows. */
export type MetaRow =
  /** The core's store the cached rows come from: its sequence numbers mean nothing for another store. */
  | { key: 'store'; value: string }
  /** The store's last change the cache holds. */
  | { key: 'lastSeq'; value: number }
  /** The core's last word on the desk, so the strip still tells each system's data age with the core gone. */
  | { key: 'deskStatus'; value: DeskStatus }
  | { key: 'clockOffsetMs'; value: number }
  | { key: 'deskLocationId'; value: string };
export type MetaKey = MetaRow['key'];

export const deskDatabaseName = 'classdesk';

/** The row type a contract table carries, e.g. CachedRow<'sessions'> is Session. */
export type CachedRow<K extends RecordTable> = RecordSet[K][number];
export type CacheTables = { [K in RecordTable]: EntityTable<CachedRow<K>, 'id'> };

/** Tables filled from the booking systems, whose rows belong to one connection each; desk actions are the core's. */
export type ProviderTable = Exclude<RecordTable, 'deskActions'>;
export const providerTables: readonly ProviderTable[] = [
  'locations',
  'instructors',
  'classTypes',
  'sessions',
  'members',
  'bookings',
  'visits',
];

/**
 * The desk's offline cache. Table names match the contract's RecordSet so a
 * snapshot or change set maps onto it table for table.
 */
export class DeskDatabase extends Dexie {
  declare locations: EntityTable<Location, 'id'>;
  declare instructors: EntityTable<Instructor, 'id'>;
  declare classTypes: EntityTable<ClassType, 'id'>;
  declare sessions: EntityTable<Session, 'id'>;
  declare members: EntityTable<SearchableMember, 'id'>;
  declare bookings: EntityTable<Booking, 'id'>;
  declare visits: EntityTable<PendingVisit, 'id'>;
  declare deskActions: EntityTable<DeskAction, 'id'>;
  declare meta: EntityTable<MetaRow, 'key'>;

  constructor(name: string = deskDatabaseName) {
    super(name);
    // Old versions stay declared forever once shipped; a change means a new version with an upgrade.
    this.version(1).stores({
      locations: 'id',
      instructors: 'id',
      classTypes: 'id',
      sessions: 'id, [locationId+startsAt], startsAt',
      members: 'id, barcode, memberNumber, lastName, firstName',
      bookings: 'id, sessionId, memberId',
      deskActions: 'id, bookingId, state',
      meta: 'key',
    });
    // A connection's rows leave together (replaced, removed, refreshed by a snapshot), found by its id.
    this.version(2)
      .stores({
        locations: 'id, connectionId',
        instructors: 'id, connectionId',
        classTypes: 'id, connectionId',
        sessions: 'id, [locationId+startsAt], startsAt, connectionId',
        members: 'id, barcode, memberNumber, lastName, firstName, connectionId',
        bookings: 'id, sessionId, memberId, connectionId',
      })
      .upgrade(keepLastSyncTime);
    // Members are found by name, number, card, e-mail or phone through one multi-entry index of folded
    // keys (member-search-keys.ts); the middleware writes them, also when the upgrade rewrites each member.
    this.use(memberSearchKeysMiddleware);
    this.version(3)
      .stores({ members: 'id, barcode, memberNumber, connectionId, *searchKeys' })
      .upgrade((tx) => tx.table('members').toCollection().modify(() => undefined));
    // Wellhub visits waiting at the door (from the relay), listed by connection and by their deadline.
    this.version(4).stores({ visits: 'id, connectionId, validateBy' });
    // Open booking requests across every connection (the Wellhub requests list), without reading all bookings.
    this.version(5).stores({ bookings: 'id, sessionId, memberId, connectionId, status' });
    // One roster across channels: a class's Wellhub slot is found by the main session it is the same class as.
    this.version(6).stores({ sessions: 'id, [locationId+startsAt], startsAt, connectionId, sameClassAs' });
  }

  /** The tables a snapshot owns, by contract name. */
  cacheTables(): CacheTables {
    return {
      locations: this.locations,
      instructors: this.instructors,
      classTypes: this.classTypes,
      sessions: this.sessions,
      members: this.members,
      bookings: this.bookings,
      visits: this.visits,
      deskActions: this.deskActions,
    };
  }
}

/**
 * Version 1 kept the last sync time alone; the strip now reads it from the saved status, so a desk
 * updated while the core is down still says how old its data is. The per-system ages were never known.
 */
async function keepLastSyncTime(tx: Transaction): Promise<void> {
  const meta = tx.table<{ key: string; value: unknown }, string>('meta');
  const old = await meta.get('lastSyncAt');
  if (typeof old?.value !== 'string') return;
  const status: DeskStatus = { connection: 'offline', lastSyncAt: old.value, pendingActions: 0, connections: [] };
  await meta.put({ key: 'deskStatus', value: status });
  await meta.delete('lastSyncAt');
}
