import type { Member } from '../../../../src-shared/domain';

/**
 * What this desk has seen, kept in memory for the adapter's lifetime.
 *
 * The Open API has no class roster, so a sync can only ask for the bookings of
 * members it knows by id: those scanned, searched for or booked at this desk.
 * It also says nothing about when a booking last changed, so the first time a
 * booking is seen in a state is remembered as its `updatedAt`: a sync that finds
 * nothing new then sends the very same records (and the desk writes nothing).
 */

/** Enough for a busy day at the counter; each costs one request per sync. */
const MAX_KNOWN_MEMBERS = 200;
const MAX_STAMPS = 20_000;

export interface KnownMember {
  customerId: number;
  member: Member;
}

export class DeskMemory {
  private readonly members = new Map<number, Member>();
  private readonly stamps = new Map<number, { state: string; at: string }>();

  /** Remembers a member, most recent last; the longest unseen is forgotten beyond the cap. */
  rememberMember(customerId: number, member: Member): void {
    this.members.delete(customerId);
    this.members.set(customerId, member);
    if (this.members.size > MAX_KNOWN_MEMBERS) this.forgetOldest(this.members);
  }

  knownMembers(): KnownMember[] {
    return [...this.members].map(([customerId, member]) => ({ customerId, member }));
  }

  /** The instant a booking was first seen in `state` (e.g. "BOOKED|UNSET|PLANNED"). */
  stampBooking(bookingId: number, state: string, now: string): string {
    const known = this.stamps.get(bookingId);
    if (known?.state === state) return known.at;
    this.stamps.delete(bookingId);
    this.stamps.set(bookingId, { state, at: now });
    if (this.stamps.size > MAX_STAMPS) this.forgetOldest(this.stamps);
    return now;
  }

  private forgetOldest(map: Map<number, unknown>): void {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
