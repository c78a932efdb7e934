import { useLiveQuery } from 'dexie-react-hooks';
import type { Booking, DeskAction, Location, Member, PendingVisit, Session } from '../../../../src-shared/domain';
import { latestActionByBooking } from '../../data/desk-actions';
import { useDb } from '../../desk/desk-context';

/** A booking request waiting for the desk's answer, with what the list shows of it. */
export interface WaitingRequest {
  booking: Booking;
  session: Session | undefined;
  member: Member | undefined;
  /** The newest desk action on it: an answer already on its way is not offered twice. */
  action: DeskAction | undefined;
  location: Location | undefined;
}

/** A member at the door who checked in in the Wellhub app, waiting to be validated. */
export interface WaitingVisit {
  visit: PendingVisit;
  member: Member | undefined;
  location: Location | undefined;
}

export interface WellhubWaiting {
  requests: WaitingRequest[];
  visits: WaitingVisit[];
}

/**
 * Every booking request and Wellhub visit the cache holds that may still need the desk, whatever its
 * deadline: the caller judges those by the desk's clock as it ticks, so the list does not have to be
 * read again each second. Wellhub's own bookings only (a request is Wellhub's way of booking).
 */
export function useWellhubWaiting(): WellhubWaiting | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const pending = await db.bookings.where('status').equals('pending_confirmation').toArray();
    const bookings = pending.filter((booking) => booking.source === 'wellhub');
    const visitRows = (await db.visits.toArray()).filter((visit) => visit.validatedAt === undefined);
    const [sessions, bookingMembers, visitMembers, actions, locations] = await Promise.all([
      db.sessions.bulkGet(bookings.map((booking) => booking.sessionId)),
      db.members.bulkGet(bookings.map((booking) => booking.memberId)),
      db.members.bulkGet(visitRows.map((visit) => visit.memberId)),
      db.deskActions
        .where('bookingId')
        .anyOf(bookings.map((booking) => booking.id))
        .toArray(),
      db.locations.toArray(),
    ]);
    const latest = latestActionByBooking(actions);
    const locationOf = (id: string | undefined) => locations.find((location) => location.id === id);
    // A visit belongs to its connection's place; Wellhub connections serve one gym each.
    const placeOf = (connectionId: string) => locations.find((location) => location.connectionId === connectionId);
    return {
      requests: bookings.map((booking, index) => {
        const session = sessions[index];
        return { booking, session, member: bookingMembers[index], action: latest.get(booking.id), location: locationOf(session?.locationId) };
      }),
      visits: visitRows.map((visit, index) => ({ visit, member: visitMembers[index], location: placeOf(visit.connectionId) })),
    };
  }, [db]);
}
