import type { RecordTable } from '../../../src-shared/contract';
import type { Booking, Session } from '../../../src-shared/domain';
import type { FetchedBooking, ProviderFetch, SyncWindow } from '../providers/provider';
import type { DeskStore, StoreChange } from './desk-store';
import { canonicalJson } from './record-rows';

/** The tables a provider fills; desk actions are the core's own. */
export const providerTables = ['locations', 'instructors', 'classTypes', 'sessions', 'members', 'bookings'] as const satisfies readonly RecordTable[];

/**
 * Folds one fetch of a connection into the store, in one transaction.
 * - Sessions starting inside the window are replaced by the fetched ones, so a class deleted upstream
 *   leaves, with its bookings; the roster of every fetched session is replaced by the fetched bookings,
 *   except where the provider could not give the roster (`unreadRosters`, the class is marked) or did
 *   not read it this time (`rostersNotRead`): those keep what was known.
 * - A full-window fetch also replaces the reference data (locations, instructors, class types) and the
 *   members, keeping members still named on a kept booking; a narrower fetch only adds.
 * Rows whose content did not change are not written, so a quiet pass takes no sequence number.
 */
export function applyFetch(store: DeskStore, connectionId: string, window: SyncWindow, fetched: ProviderFetch, fullWindow: boolean): void {
  const { records } = fetched;
  const unread = new Set(fetched.unreadRosters ?? []);
  // Rosters not in this fetch, by error or by design: their last known bookings stay.
  const keepRoster = new Set([...unread, ...(fetched.rostersNotRead ?? [])]);
  store.write((change) => {
    change.cover(connectionId);
    const fetchedSessions = new Set(records.sessions.map((s) => s.id));
    const gone = new Set(store.sessionIdsBetween(connectionId, window.from, window.to).filter((id) => !fetchedSessions.has(id)));
    for (const session of records.sessions) change.put('sessions', withRosterFlag(session, unread.has(session.id)));

    const fetchedBookings = new Set(records.bookings.map((b) => b.id));
    for (const booking of records.bookings) putBooking(store, change, booking);
    for (const sessionId of [...gone, ...fetchedSessions]) {
      if (keepRoster.has(sessionId) && !gone.has(sessionId)) continue;
      for (const booking of store.where('bookings', 'session_id', sessionId)) {
        if (!fetchedBookings.has(booking.id)) change.remove('bookings', booking.id);
      }
    }
    for (const id of gone) change.remove('sessions', id);

    replaceOrAdd(store, change, 'locations', connectionId, records.locations, fullWindow);
    replaceOrAdd(store, change, 'instructors', connectionId, records.instructors, fullWindow);
    replaceOrAdd(store, change, 'classTypes', connectionId, records.classTypes, fullWindow);
    for (const member of records.members) change.put('members', member);
    if (fullWindow) {
      const fresh = new Set(records.members.map((m) => m.id));
      for (const id of store.idsOf('members', connectionId)) {
        if (!fresh.has(id) && store.where('bookings', 'member_id', id).length === 0) change.remove('members', id);
      }
    }
  });
}

/**
 * Writes a booking as the provider gave it. Where the provider does not say when the booking changed,
 * it keeps the time it was first seen in its present state, so an unchanged booking is not written.
 */
export function putBooking(store: DeskStore, change: StoreChange, booking: FetchedBooking): void {
  const stored = store.get('bookings', booking.id);
  if (stored && sameApartFromTime(stored, booking)) return;
  change.put('bookings', { ...booking, updatedAt: booking.updatedAt ?? change.at } satisfies Booking);
}

function sameApartFromTime(stored: Booking, fetched: FetchedBooking): boolean {
  const { updatedAt: _storedAt, ...storedRest } = stored;
  const { updatedAt: _fetchedAt, ...fetchedRest } = fetched;
  return canonicalJson(storedRest) === canonicalJson(fetchedRest);
}

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
