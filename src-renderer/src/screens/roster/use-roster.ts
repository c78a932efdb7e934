import { useLiveQuery } from 'dexie-react-hooks';
import { latestActionByBooking } from '../../data/desk-actions';
import { useDb } from '../../desk/desk-context';
import type { RosterEntry } from './roster-groups';

/** One session's bookings with their members and newest desk actions, live from the cache. */
export function useRoster(sessionId: string | undefined): RosterEntry[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    if (!sessionId) return [];
    const bookings = await db.bookings.where('sessionId').equals(sessionId).toArray();
    const members = await db.members.bulkGet(bookings.map((booking) => booking.memberId));
    const actions = await db.deskActions
      .where('bookingId')
      .anyOf(bookings.map((booking) => booking.id))
      .toArray();
    const latest = latestActionByBooking(actions);
    return bookings.map((booking, index) => ({
      booking,
      member: members[index],
      action: latest.get(booking.id),
    }));
  }, [db, sessionId]);
}
