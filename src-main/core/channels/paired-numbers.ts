import type { Booking, Session } from '../../../src-shared/domain';
import type { DeskStore } from '../store/desk-store';

/** What Wellhub's slot should say: total_capacity and total_booked. */
export interface SlotNumbers {
  totalCapacity: number;
  totalBooked: number;
}

/** Wellhub's documented ceiling for a slot's numbers. */
const maxPlaces = 32_000;

/** A Wellhub booking that holds a place: confirmed or checked in. A request still waiting holds none yet. */
export const holdsPlace = (booking: Pick<Booking, 'status'>): boolean => booking.status === 'booked' || booking.status === 'checked_in';

/**
 * One class, one capacity: the main system's. Booked are the main system's bookings plus the Wellhub
 * bookings that hold a place. This assumes the main system does not count Wellhub's members itself
 * (Wellhub bookings live only at Wellhub); booked never exceeds the capacity, as Wellhub refuses that.
 * Undefined for a Wellhub session that is no class of the main system (or whose class is gone).
 */
export function pairedNumbers(store: DeskStore, wellhubSession: Session): SlotNumbers | undefined {
  if (wellhubSession.sameClassAs === undefined) return undefined;
  const main = store.get('sessions', wellhubSession.sameClassAs);
  if (!main) return undefined;
  const held = store.where('bookings', 'session_id', wellhubSession.id).filter(holdsPlace).length;
  const totalCapacity = Math.min(main.capacity, maxPlaces);
  return { totalCapacity, totalBooked: Math.min(totalCapacity, main.booked + held) };
}

/** The numbers a Wellhub session carries as Wellhub's slot list said them. */
export function slotListNumbers(wellhubSession: Session): SlotNumbers {
  return { totalCapacity: Math.min(wellhubSession.capacity, maxPlaces), totalBooked: Math.min(wellhubSession.booked, maxPlaces) };
}

export const sameNumbers = (a: SlotNumbers | undefined, b: SlotNumbers | undefined): boolean =>
  a !== undefined && b !== undefined && a.totalCapacity === b.totalCapacity && a.totalBooked === b.totalBooked;
