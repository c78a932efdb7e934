import type { Booking, BookingStatus, DeskAction, Member } from '../../../../src-shared/domain';

export interface RosterEntry {
  booking: Booking;
  member: Member | undefined;
  /** The newest desk action on this booking, if any. */
  action: DeskAction | undefined;
}

export interface RosterGroup {
  status: BookingStatus;
  entries: RosterEntry[];
}

/** Who is expected first, then who is in, then everyone the desk rarely needs. */
export const rosterGroupOrder: readonly BookingStatus[] = [
  'booked',
  'checked_in',
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

/** Groups in desk order, empty groups left out; waitlist by place, everyone else by name. */
export function groupRoster(entries: readonly RosterEntry[]): RosterGroup[] {
  return rosterGroupOrder
    .map((status) => ({
      status,
      entries: entries.filter((entry) => entry.booking.status === status).sort(compareEntries),
    }))
    .filter((group) => group.entries.length > 0);
}
