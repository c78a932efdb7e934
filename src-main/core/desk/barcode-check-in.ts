import { DateTime } from 'luxon';
import type { Booking, Location, Member, Session } from '../../../src-shared/domain';
import type { DeskStore } from '../store/desk-store';

export interface CheckInTarget {
  booking: Booking;
  session: Session;
}

/**
 * Which of a member's bookings a scan at the desk means: the class running now,
 * or else the next one later today at this location (the gym's today, in its zone).
 * Classes that already ended, cancelled classes and bookings that cannot be
 * checked in (waitlisted, cancelled…) are never chosen.
 */
export function bookingForScan(store: DeskStore, member: Member, location: Location, now: Date): CheckInTarget | undefined {
  const endOfLocalDay = DateTime.fromJSDate(now, { zone: location.timeZone }).endOf('day').toUTC().toISO() ?? '';
  const nowIso = now.toISOString();
  const candidates: CheckInTarget[] = [];
  for (const booking of store.where('bookings', 'member_id', member.id)) {
    if (booking.status !== 'booked' && booking.status !== 'checked_in') continue;
    const session = store.get('sessions', booking.sessionId);
    if (!session || session.locationId !== location.id || session.status !== 'scheduled') continue;
    if (session.endsAt > nowIso && session.startsAt <= endOfLocalDay) candidates.push({ booking, session });
  }
  candidates.sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  return candidates[0];
}
