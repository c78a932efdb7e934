import type { Member } from '../../../../src-shared/domain';

/**
 * The members this desk has seen, kept in memory for the adapter's lifetime.
 *
 * The Open API has no class roster, so a sync can only ask for the bookings of
 * members it knows by id: those scanned, searched for or booked at this desk.
 */

/** Enough for a busy day at the counter; each costs one request per sync. */
const MAX_KNOWN_MEMBERS = 200;

export interface KnownMember {
  customerId: number;
  member: Member;
}

export class DeskMemory {
  private readonly members = new Map<number, Member>();

  /** Remembers a member, most recent last; the longest unseen is forgotten beyond the cap. */
  rememberMember(customerId: number, member: Member): void {
    this.members.delete(customerId);
    this.members.set(customerId, member);
    if (this.members.size > MAX_KNOWN_MEMBERS) {
      const oldest = this.members.keys().next();
      if (!oldest.done) this.members.delete(oldest.value);
    }
  }

  knownMembers(): KnownMember[] {
    return [...this.members].map(([customerId, member]) => ({ customerId, member }));
  }
}
