import { DateTime } from 'luxon';
import type { RecordSet } from '../../../src-shared/contract';
import type { Booking, Location, Member, Session } from '../../../src-shared/domain';

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
export function bookingForScan(
  records: Pick<RecordSet, 'sessions' | 'bookings'>,
  member: Member,
  location: Location,
  now: Date,
): CheckInTarget | undefined {
  const endOfLocalDay = DateTime.fromJSDate(now, { zone: location.timeZone }).endOf('day').toUTC().toISO();
  const nowIso = now.toISOString();
  const sessions = new Map(
    records.sessions
      .filter(
        (s) =>
          s.locationId === location.id && s.status === 'scheduled' && s.endsAt > nowIso && s.startsAt <= (endOfLocalDay ?? ''),
      )
      .map((s) => [s.id, s]),
  );
  const candidates: CheckInTarget[] = [];
  for (const booking of records.bookings) {
    if (booking.memberId !== member.id) continue;
    if (booking.status !== 'booked' && booking.status !== 'checked_in') continue;
    const session = sessions.get(booking.sessionId);
    if (session) candidates.push({ booking, session });
  }
  candidates.sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  return candidates[0];
}
