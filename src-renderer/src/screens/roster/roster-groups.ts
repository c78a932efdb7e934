import type { Booking, BookingStatus, DeskAction, Member } from '../../../../src-shared/domain';

export interface RosterEntry {
  booking: Booking;
  member: Member | undefined;
  /** The newest desk action on this booking, if any. */
  action: DeskAction | undefined;
}

export interface RosterGroup {
  /** The group's first status; the booked group also holds who has checked in. */
  status: BookingStatus;
  entries: RosterEntry[];
}

/**
 * Who is expected and who is in share one list, by name: a member checked in stays on their line,
 * marked, instead of jumping to another list while the receptionist looks for the next one.
 */
const sharesGroup: Partial<Record<BookingStatus, BookingStatus>> = { checked_in: 'booked' };

/** Who is expected (and in), then everyone the desk rarely needs. */
export const rosterGroupOrder: readonly BookingStatus[] = [
  'booked',
  'waitlisted',
  'pending_confirmation',
  'no_show',
  'cancelled',
  'rejected',
];

function compareEntries(a: RosterEntry, b: RosterEntry): number {
  if (a.booking.status === 'waitlisted') {
    return (a.booking.waitlistPosition ?? Infinity) - (b.booking.waitlistPosition ?? Infinity);
  }
  const byLast = (a.member?.lastName ?? '').localeCompare(b.member?.lastName ?? '');
  return byLast !== 0 ? byLast : (a.member?.firstName ?? '').localeCompare(b.member?.firstName ?? '');
}

/**
 * Places held on the roster through another channel: bookings of the class's Wellhub slot that are confirmed
 * or checked in (a request still waiting for an answer is listed but holds no place). The main system is
 * assumed not to count them itself: Wellhub bookings live only at Wellhub.
 */
export function placesHeldElsewhere(sessionId: string, entries: readonly RosterEntry[] | undefined): number {
  return (entries ?? []).filter(({ booking }) => booking.sessionId !== sessionId && (booking.status === 'booked' || booking.status === 'checked_in')).length;
}

/** The group a booking is listed in. */
export function groupOf(status: BookingStatus): BookingStatus {
  return sharesGroup[status] ?? status;
}

/** Groups in desk order, empty groups left out; waitlist by place, everyone else by name. */
export function groupRoster(entries: readonly RosterEntry[]): RosterGroup[] {
  return rosterGroupOrder
    .map((status) => ({
      status,
      entries: entries.filter((entry) => groupOf(entry.booking.status) === status).sort(compareEntries),
    }))
    .filter((group) => group.entries.length > 0);
}
