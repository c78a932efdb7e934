import type { Booking, Location, Member, Session } from '../../../src-shared/domain';
import { DeskError } from '../command-dispatch';
import type { Provider } from '../providers/provider';
import type { DeskStore } from '../store/desk-store';

export function lookUpBooking(store: DeskStore, bookingId: string): Booking {
  const booking = store.get('bookings', bookingId);
  if (!booking) throw new DeskError('not_found', { code: 'booking_not_on_roster' });
  return booking;
}

export function lookUpSession(store: DeskStore, sessionId: string): Session {
  const session = store.get('sessions', sessionId);
  if (!session) throw new DeskError('not_found', { code: 'class_not_in_schedule' });
  return session;
}

/** The who and what a desk action on this booking is about. */
export function aboutBooking(booking: Booking) {
  return { connectionId: booking.connectionId, sessionId: booking.sessionId, memberId: booking.memberId, bookingId: booking.id };
}

export function lookUpLocation(store: DeskStore, locationId: string): Location {
  const location = store.get('locations', locationId);
  if (!location) throw new DeskError('not_found', { code: 'location_not_connected' });
  return location;
}

/**
 * A code as scanned, and as a member number typed by hand may mean it: in any case (m-10115 for
 * M-10115; systems print them upper case), and without the dash between letters and digits (m10115).
 */
function typedSpellings(code: string): string[] {
  const upper = code.toUpperCase();
  const dashed = /^([A-Z]+)(\d+)$/.exec(upper);
  return [...new Set([code, upper, ...(dashed ? [`${dashed[1]}-${dashed[2]}`] : [])])];
}

/**
 * Who a scanned code (card barcode, or the member number printed beside it) belongs to. The desk's own
 * connection is asked first: in a chain, the same code can be a member of another centre or system.
 * The cache answers offline; the provider is asked only for systems whose members the desk does not keep.
 * Several answers mean the desk cannot tell who it is, and says so.
 */
export async function membersWithCode(store: DeskStore, provider: Provider | undefined, location: Location, code: string): Promise<Member[]> {
  const spellings = typedSpellings(code);
  const cached = spellings.flatMap((spelling) => [...store.where('members', 'barcode', spelling), ...store.where('members', 'member_number', spelling)]);
  const unique = [...new Map(cached.map((member) => [member.id, member])).values()];
  const here = unique.filter((member) => member.connectionId === location.connectionId);
  if (here.length > 0) return here;
  const asked = await provider?.findMemberByBarcode?.(code);
  if (asked) return [asked];
  return unique;
}
