import type { RecordTable } from '../../../src-shared/contract';
import type { Booking, Session } from '../../../src-shared/domain';
import type { FetchedBooking, ProviderFetch, ProviderRecords, SyncWindow } from '../providers/provider';
import type { DeskStore, StoreChange, StoredBody } from './desk-store';
import { canonicalJson } from './record-rows';
import { storeQueries } from './store-queries';

/** The tables a provider fills (visits: Wellhub's, through the relay); desk actions are the core's own. */
export const providerTables = ['locations', 'instructors', 'classTypes', 'sessions', 'members', 'bookings', 'visits'] as const satisfies readonly RecordTable[];

interface StoredRoster {
  id: string;
  session_id: string;
  body: string;
}

/**
 * Folds one fetch of a connection into the store, in one transaction.
 * - Sessions starting inside the window are replaced by the fetched ones, so a class deleted upstream
 *   leaves, with its bookings; the roster of every fetched session is replaced by the fetched bookings,
 *   except where the provider could not give the roster (`unreadRosters`, the class is marked) or did
 *   not read it this time (`rostersNotRead`): those keep what was known.
 * - A full-window fetch also replaces the reference data (locations, instructors, class types) and the
 *   members, keeping members still named on a kept booking; a narrower fetch only adds.
 * Rows whose content did not change are not written, so a quiet pass takes no sequence number. What is
 * stored for the window is read in a few queries first: the cost of a quiet pass is comparing strings.
 */
export function applyFetch(store: DeskStore, connectionId: string, window: SyncWindow, fetched: ProviderFetch, fullWindow: boolean): void {
  const { records } = fetched;
  const unread = new Set(fetched.unreadRosters ?? []);
  // Rosters not in this fetch, by error or by design: their last known bookings stay.
  const keepRoster = new Set([...unread, ...(fetched.rostersNotRead ?? [])]);
  store.write((change) => {
    change.cover(connectionId);
    const storedSessions = bodies(store.rows<{ id: string; body: string }>(storeQueries.windowSessions, connectionId, window.from, window.to));
    const rosters = storedRosters(store, connectionId, window, records.sessions, storedSessions);
    const fetchedSessions = new Set(records.sessions.map((s) => s.id));
    const gone = [...storedSessions.keys()].filter((id) => !fetchedSessions.has(id));
    for (const session of records.sessions) {
      change.put('sessions', withRosterFlag(session, unread.has(session.id)), change.at, storedSessions.get(session.id));
    }

    const storedBookings = new Map([...rosters.values()].flat().map((row) => [row.id, row.body]));
    for (const booking of records.bookings) putBooking(store, change, booking, storedBookings.get(booking.id));
    const fetchedBookings = new Set(records.bookings.map((b) => b.id));
    for (const [sessionId, roster] of rosters) {
      if (keepRoster.has(sessionId) && fetchedSessions.has(sessionId)) continue;
      for (const { id } of roster) if (!fetchedBookings.has(id)) change.remove('bookings', id);
    }
    for (const id of gone) change.remove('sessions', id);

    replaceOrAdd(store, change, 'locations', connectionId, records.locations, fullWindow);
    replaceOrAdd(store, change, 'instructors', connectionId, records.instructors, fullWindow);
    replaceOrAdd(store, change, 'classTypes', connectionId, records.classTypes, fullWindow);
    putMembers(store, change, connectionId, records.members, fullWindow);
  });
}

/** The stored bookings of every session the window held or the fetch names, by session. */
function storedRosters(store: DeskStore, connectionId: string, window: SyncWindow, sessions: Session[], inWindow: Map<string, string>) {
  const rows = store.rows<StoredRoster>(storeQueries.windowBookings, connectionId, window.from, window.to);
  // Some adapters answer with whole days around the window: those sessions' rosters are read one by one.
  for (const session of sessions) {
    if (!inWindow.has(session.id)) rows.push(...store.rows<StoredRoster>(storeQueries.bookingsOfSession, session.id));
  }
  const rosters = new Map<string, StoredRoster[]>([...inWindow.keys(), ...sessions.map((s) => s.id)].map((id) => [id, []]));
  for (const row of rows) rosters.get(row.session_id)?.push(row);
  return rosters;
}

/**
 * Writes a booking as the provider gave it. Where the provider does not say when the booking changed,
 * it keeps the time it was first seen in its present state, so an unchanged booking is not written.
 */
export function putBooking(store: DeskStore, change: StoreChange, booking: FetchedBooking, stored?: StoredBody): void {
  const body = stored === undefined ? store.bodyOf('bookings', booking.id) : stored;
  const storedAt = body === null ? undefined : /"updatedAt":"([^"]*)"/.exec(body)?.[1];
  // Compared with the stored time in place of the provider's: a new time alone is no change to show.
  if (storedAt !== undefined && canonicalJson({ ...booking, updatedAt: storedAt }) === body) return;
  change.put('bookings', { ...booking, updatedAt: booking.updatedAt ?? change.at } satisfies Booking, change.at, body);
}

function putMembers(store: DeskStore, change: StoreChange, connectionId: string, members: ProviderRecords['members'], fullWindow: boolean): void {
  if (!fullWindow) {
    for (const member of members) change.put('members', member);
    return;
  }
  const stored = bodies(store.rows<{ id: string; body: string }>(storeQueries.bodiesOf, connectionId, 'members'));
  for (const member of members) change.put('members', member, change.at, stored.get(member.id) ?? null);
  const fresh = new Set(members.map((m) => m.id));
  for (const id of stored.keys()) {
    if (!fresh.has(id) && store.count('bookings', 'member_id', id) === 0) change.remove('members', id);
  }
}

const bodies = (rows: { id: string; body: string }[]) => new Map(rows.map((row) => [row.id, row.body]));

function withRosterFlag(session: Session, unread: boolean): Session {
  const { rosterUnread: _ignored, ...rest } = session;
  return unread ? { ...rest, rosterUnread: true } : rest;
}

function replaceOrAdd<K extends 'locations' | 'instructors' | 'classTypes'>(
  store: DeskStore,
  change: StoreChange,
  table: K,
  connectionId: string,
  rows: ProviderFetch['records'][K],
  replace: boolean,
): void {
  for (const row of rows) change.put(table, row);
  if (!replace) return;
  const fresh = new Set(rows.map((row) => row.id));
  for (const id of store.idsOf(table, connectionId)) if (!fresh.has(id)) change.remove(table, id);
}
