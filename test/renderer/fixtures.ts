import type { Capabilities, Connection } from '../../src-shared/connections';
import type { RecordSet, Snapshot } from '../../src-shared/contract';
import type { Booking, DeskAction, Location, Member, Session } from '../../src-shared/domain';
import { DeskDatabase } from '../../src-renderer/src/data/db';

/** Each test gets its own IndexedDB database, so nothing leaks between them. */
export function freshDatabase(): DeskDatabase {
  return new DeskDatabase(`classdesk-test-${crypto.randomUUID()}`);
}

export async function dropDatabase(db: DeskDatabase): Promise<void> {
  db.close();
  await db.delete();
}

const connectionId = 'demo-1';

export function emptyRecords(): RecordSet {
  return { locations: [], instructors: [], classTypes: [], sessions: [], members: [], bookings: [], visits: [], deskActions: [] };
}

/** A snapshot of store `store-a` in which every connection of the records is active and covered. */
export function snapshotOf(seq: number, records: Partial<RecordSet>, store = 'store-a'): Snapshot {
  const all = { ...emptyRecords(), ...records };
  const connections = [...new Set(Object.values(all).flatMap((rows: { connectionId: string }[]) => rows.map((row) => row.connectionId)))];
  return { store, seq, records: all, active: connections, covered: connections };
}

export function aLocation(overrides: Partial<Location> = {}): Location {
  return { id: 'berlin', connectionId, name: 'Berlin Mitte', timeZone: 'Europe/Berlin', locale: 'en-GB', ...overrides };
}

export function aSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 'yoga-1800',
    connectionId,
    locationId: 'berlin',
    classTypeId: 'yoga',
    title: 'Yoga',
    room: 'Studio 1',
    startsAt: '2026-03-20T17:00:00.000Z',
    endsAt: '2026-03-20T18:00:00.000Z',
    capacity: 20,
    booked: 12,
    waitlisted: 0,
    status: 'scheduled',
    ...overrides,
  };
}

export function aMember(overrides: Partial<Member> = {}): Member {
  return {
    id: 'anna',
    connectionId,
    firstName: 'Anna',
    lastName: 'Müller',
    memberNumber: '1001',
    barcode: '4000001',
    ...overrides,
  };
}

export function aBooking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'booking-anna',
    connectionId,
    sessionId: 'yoga-1800',
    memberId: 'anna',
    status: 'booked',
    source: 'demo',
    updatedAt: '2026-03-20T08:00:00.000Z',
    ...overrides,
  };
}

export function aDeskAction(overrides: Partial<DeskAction> = {}): DeskAction {
  return {
    id: crypto.randomUUID(),
    kind: 'check_in',
    state: 'accepted',
    bookingId: 'booking-anna',
    sessionId: 'yoga-1800',
    memberId: 'anna',
    connectionId,
    createdAt: '2026-03-20T16:55:00.000Z',
    updatedAt: '2026-03-20T16:55:00.000Z',
    ...overrides,
  };
}

export function allCapabilities(): Capabilities {
  return {
    listSessions: true,
    roster: true,
    memberByBarcode: true,
    memberSearch: true,
    checkIn: true,
    undoCheckIn: true,
    validateBooking: false,
    book: false,
    cancelBooking: true,
    waitlist: false,
    promoteFromWaitlist: true,
    confirmBookingRequests: false,
    validateVisit: false,
    markNoShow: false,
  };
}

export function aConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'magicline-berlin',
    provider: 'magicline',
    label: 'Magicline – Berlin Mitte',
    tenant: 'fitberlin',
    hasApiKey: true,
    capabilities: allCapabilities(),
    health: { state: 'ok', lastSyncAt: '2026-03-20T16:45:00.000Z', rejectedRecords: 0 },
    ...overrides,
  };
}
