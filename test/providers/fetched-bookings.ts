import { Booking } from '../../src-shared/domain';
import type { FetchedBooking } from '../../src-main/core/providers/provider';

/** A booking as fetchWindow gives it: the desk's Booking, `updatedAt` only where the provider says when it changed. */
export const FetchedBookingRecord = Booking.partial({ updatedAt: true });

/** The booking a desk action answered, as a later fetch of a provider without change times shows it. */
export function asFetched(booking: Booking): FetchedBooking {
  const { updatedAt: _answeredAt, ...fetched } = booking;
  return fetched;
}
