import Dexie, { type EntityTable } from 'dexie';
import type { RecordSet, RecordTable } from '../../../src-shared/contract';
import type {
  Booking,
  ClassType,
  DeskAction,
  Instructor,
  Location,
  Member,
  Session,
} from '../../../src-shared/domain';

/** What the desk remembers about its own copy of the data, beside the cached rows. */
export type MetaRow =
  | { key: 'lastSeq'; value: number }
  | { key: 'lastSyncAt'; value: string }
  | { key: 'clockOffsetMs'; value: number };
export type MetaKey = MetaRow['key'];

export const deskDatabaseName = 'classdesk';

/** The row type a contract table carries, e.g. CachedRow<'sessions'> is Session. */
export type CachedRow<K extends RecordTable> = RecordSet[K][number];
export type CacheTables = { [K in RecordTable]: EntityTable<CachedRow<K>, 'id'> };

/**
 * The desk's offline cache. Table names match the contract's RecordSet so a
 * snapshot or change set maps onto it table for table.
 */
export class DeskDatabase extends Dexie {
  declare locations: EntityTable<Location, 'id'>;
  declare instructors: EntityTable<Instructor, 'id'>;
  declare classTypes: EntityTable<ClassType, 'id'>;
  declare sessions: EntityTable<Session, 'id'>;
  declare members: EntityTable<Member, 'id'>;
  declare bookings: EntityTable<Booking, 'id'>;
  declare deskActions: EntityTable<DeskAction, 'id'>;
  declare meta: EntityTable<MetaRow, 'key'>;

  constructor(name: string = deskDatabaseName) {
    super(name);
    // Old versions stay declared forever once shipped; a change means version(2) with an upgrade.
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
      deskActions: this.deskActions,
    };
  }
}
