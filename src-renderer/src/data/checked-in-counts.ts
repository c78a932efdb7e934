import type { DeskDatabase } from './db';

/**
 * How many members are checked in per class, for the day's list. Sessions carry booked and
 * waitlisted counts from the booking system; check-ins are counted from the cached rosters,
 * through the bookings' session index (a day's classes, not the whole cache).
 */
export async function checkedInCounts(db: DeskDatabase, sessionIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
  const counts = new Map<string, number>();
  if (sessionIds.length === 0) return counts;
  const bookings = await db.bookings.where('sessionId').anyOf([...sessionIds]).toArray();
  for (const booking of bookings) {
    if (booking.status === 'checked_in') counts.set(booking.sessionId, (counts.get(booking.sessionId) ?? 0) + 1);
  }
  return counts;
}
