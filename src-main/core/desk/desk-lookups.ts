import type { RecordSet } from '../../../src-shared/contract';
import type { Booking, Location, Member, Session } from '../../../src-shared/domain';
import { DeskError } from '../command-dispatch';
import type { Provider } from '../providers/provider';

export function lookUpBooking(records: RecordSet, bookingId: string): Booking {
  const booking = records.bookings.find((b) => b.id === bookingId);
  if (!booking) throw new DeskError('not_found', 'This booking is no longer on the roster. Refresh and try again.');
  return booking;
}

export function lookUpSession(records: RecordSet, sessionId: string): Session {
  const session = records.sessions.find((s) => s.id === sessionId);
  if (!session) throw new DeskError('not_found', 'This class is no longer in the schedule. Refresh and try again.');
  return session;
}

/** The who and what a desk action on this booking is about. */
export function aboutBooking(booking: Booking) {
  return { connectionId: booking.connectionId, sessionId: booking.sessionId, memberId: booking.memberId, bookingId: booking.id };
}

export function lookUpLocation(records: RecordSet, locationId: string): Location {
  const location = records.locations.find((l) => l.id === locationId);
  if (!location) throw new DeskError('not_found', 'This location is not connected.');
  return location;
}

/** The cached members first (works offline); then the provider, for systems whose members we do not cache. */
export async function lookUpMemberByBarcode(
  records: RecordSet,
  provider: Provider | undefined,
  barcode: string,
): Promise<Member | undefined> {
  const cached = records.members.find((m) => m.barcode === barcode);
  if (cached) return cached;
  return provider?.findMemberByBarcode?.(barcode);
}
