import type { Booking, Member, PendingVisit } from '../../../src-shared/domain';
import type { WellhubProvider } from '../providers/wellhub/wellhub-provider';
import type { DeskStore } from '../store/desk-store';

/**
 * After a restart (or a changed connection, which builds a new adapter) the Wellhub adapter has empty
 * memory, while the store holds every request and visit the relay brought. They are handed back, so
 * Confirm / Reject / Validate work with the relay down, and a sync of the timetable (which writes the
 * adapter's bookings over the class's roster) keeps them instead of removing them.
 */
export function restoreWellhub(store: DeskStore, wellhub: WellhubProvider): number {
  const connectionId = wellhub.connectionId;
  const bookings = store
    .idsOf('bookings', connectionId)
    .map((id) => store.get('bookings', id))
    .filter((booking): booking is Booking => booking?.source === 'wellhub');
  const visits = store
    .idsOf('visits', connectionId)
    .map((id) => store.get('visits', id))
    .filter((visit): visit is PendingVisit => visit !== undefined);
  const members = new Map<string, Member>();
  for (const memberId of [...bookings.map((b) => b.memberId), ...visits.map((v) => v.memberId)]) {
    const member = members.has(memberId) ? undefined : store.get('members', memberId);
    if (member) members.set(member.id, member);
  }
  wellhub.restore({ bookings, members: [...members.values()], visits });
  return bookings.length + visits.length;
}
