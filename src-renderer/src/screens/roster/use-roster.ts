import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { DeskAction, Member } from '../../../../src-shared/domain';
import { useArrivingActions } from '../../data/arriving-actions';
import { latestActionByBooking, newerAction } from '../../data/desk-actions';
import { useDb } from '../../desk/desk-context';
import type { RosterEntry } from './roster-groups';

/**
 * One session's bookings with their members and newest desk actions, live from the cache, and
 * actions the core has published that the cache is still writing.
 */
export function useRoster(sessionId: string | undefined): RosterEntry[] | undefined {
  const db = useDb();
  const arriving = useArrivingActions((state) => state.byBooking);
  const cached = useLiveQuery(async () => {
    if (!sessionId) return [];
    // One roster across channels: the bookings of the class's Wellhub slot are the class's too.
    const sameClass = await db.sessions.where('sameClassAs').equals(sessionId).primaryKeys();
    const bookings = await db.bookings.where('sessionId').anyOf([sessionId, ...sameClass]).toArray();
    const members = await db.members.bulkGet(bookings.map((booking) => booking.memberId));
    const actions = await db.deskActions
      .where('bookingId')
      .anyOf(bookings.map((booking) => booking.id))
      .toArray();
    const latest = latestActionByBooking(actions);
    return bookings.map((booking, index) => ({
      booking,
      member: members[index],
      action: latest.get(booking.id),
    }));
  }, [db, sessionId]);
  return useMemo(() => {
    if (!cached || arriving.size === 0) return cached;
    return cached.map((entry) => {
      const action = arriving.get(entry.booking.id);
      return action ? { ...entry, action: newerAction(entry.action, action) } : entry;
    });
  }, [cached, arriving]);
}

export interface PendingWalkIn {
  action: DeskAction;
  member: Member | undefined;
}

/** Bookings made at the desk for this session that the system has not confirmed yet (no booking row so far). */
export function usePendingWalkIns(sessionId: string | undefined): PendingWalkIn[] {
  const db = useDb();
  return (
    useLiveQuery(async () => {
      if (!sessionId) return [];
      const waiting = await db.deskActions.where('state').equals('accepted').toArray();
      const walkIns = waiting.filter((action) => action.kind === 'book' && action.sessionId === sessionId);
      const members = await db.members.bulkGet(walkIns.map((action) => action.memberId ?? ''));
      return walkIns.map((action, index) => ({ action, member: members[index] }));
    }, [db, sessionId]) ?? []
  );
}
