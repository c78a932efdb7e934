import { DateTime } from 'luxon';
import type { BookingStatus, Location, Session } from '../../../src-shared/domain';
import type { DeskStore } from '../store/desk-store';
import { localDayAround } from '../sync/sync-window';

/** One line of a paper roster: who, their member number, where they stand. */
export interface PaperParticipant {
  name: string;
  memberNumber: string | undefined;
  status: BookingStatus;
  waitlistPosition: number | undefined;
}

export interface PaperClass {
  session: Session;
  instructorName: string | undefined;
  participants: PaperParticipant[];
}

/** Everything one location's paper needs for one local day. */
export interface PaperDay {
  location: Location;
  /** The location's calendar day, YYYY-MM-DD in its own zone. */
  day: string;
  classes: PaperClass[];
}

/** Not on the class any more: left off the paper, as the desk's roster leaves them off its groups. */
const offThePaper: ReadonlySet<BookingStatus> = new Set(['cancelled', 'rejected']);
/** Those who come first on paper (they are in the room), then requests, the waitlist and no-shows. */
const statusOrder: BookingStatus[] = ['checked_in', 'booked', 'pending_confirmation', 'waitlisted', 'no_show'];

/** The location's local calendar day around an instant, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromJSDate(instant, { zone: 'UTC' })).toISODate() ?? instant.toISOString().slice(0, 10);
}

/** The classes of the location's day (cancelled ones too: someone may still come), by start time. */
export function sessionsOfDay(store: DeskStore, location: Location, now: Date): Session[] {
  const { from, to } = localDayAround(now, location.timeZone);
  return store.sessionsAt(location.id, from, to).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
}

/** Reads the location's day out of the store: its classes, teachers and rosters, as the desk last heard them. */
export function paperDay(store: DeskStore, location: Location, now: Date): PaperDay {
  const classes = sessionsOfDay(store, location, now).map((session): PaperClass => {
    const instructor = session.instructorId === undefined ? undefined : store.get('instructors', session.instructorId);
    return { session, instructorName: instructor?.name, participants: participantsOf(store, session.id) };
  });
  return { location, day: localDate(now, location.timeZone), classes };
}

function participantsOf(store: DeskStore, sessionId: string): PaperParticipant[] {
  return store
    .where('bookings', 'session_id', sessionId)
    .filter((booking) => !offThePaper.has(booking.status))
    .map((booking) => {
      const member = store.get('members', booking.memberId);
      return {
        // A member the store does not hold (not synced yet) still has a line with a box: the id says who.
        name: member ? `${member.lastName}, ${member.firstName}` : booking.memberId,
        memberNumber: member?.memberNumber,
        status: booking.status,
        waitlistPosition: booking.waitlistPosition,
      };
    })
    .sort(
      (a, b) =>
        statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) ||
        (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
        a.name.localeCompare(b.name),
    );
}
