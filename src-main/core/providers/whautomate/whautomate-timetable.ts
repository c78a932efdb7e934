import type { ClassType, Instructor, Location, Member, Session } from '../../../../src-shared/domain';
import type { FetchedBooking, ProviderFetch, RecordIssue, SyncWindow } from '../provider';
import { isRosterOnlyFailure } from '../roster-failure';
import { rawId, type WhautomateApi } from './whautomate-api';
import { rosterCounts, withWaitlistPositions, type WhautomateRecords } from './whautomate-records';
import { WireClass, WireParticipant, firstProblem } from './whautomate-wire';

/**
 * One sync pass over Whautomate: the classes of the window (all pages), then
 * the participants of the classes the desk needs soon. Whautomate has no bulk
 * roster call, so each roster costs one request of the account's budget; classes
 * further ahead carry Whautomate's own booked count instead of a roster, and
 * are reported as not read (`rostersNotRead`): the store keeps their bookings.
 * A roster Whautomate answers with an error (the class gone a moment after it
 * was listed, a 5xx that outlasted the retries) is reported as unread: the
 * class keeps Whautomate's count and the store keeps the bookings it knew.
 */

export interface TimetableRequest {
  window: SyncWindow;
  now: Date;
  /** Whautomate location id the connection is limited to. */
  locationId?: string;
  /** Rosters are read for classes that start before now + this. */
  rosterAheadMs: number;
  /** Classes the desk booked into or cancelled from: their rosters are always read, so those bookings stay visible. */
  alsoRosterOf: ReadonlySet<string>;
}

export interface Roster {
  bookings: FetchedBooking[];
  members: Member[];
  issues: RecordIssue[];
}

/** A roster, or why Whautomate did not give it. */
type RosterRead = { roster: Roster } | { unreadBecause: string };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rosters read at once; the rate limiter paces them anyway. */
const ROSTER_READERS = 4;

export async function readTimetable(api: WhautomateApi, records: WhautomateRecords, request: TimetableRequest): Promise<ProviderFetch> {
  const { window, now, locationId } = request;
  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);
  const issues: RecordIssue[] = [];
  const rawClasses = await api.classes({
    ...(locationId ? { locationId } : {}),
    // A class's date is its local date; a day either side covers every zone.
    fromDate: isoDate(fromMs - DAY_MS),
    toDate: isoDate(toMs + DAY_MS),
  });

  const sessions = new Map<string, { classId: string; session: Session }>();
  const locations = new Map<string, Location>();
  const instructors = new Map<string, Instructor>();
  const classTypes = new Map<string, ClassType>();
  for (const raw of rawClasses) {
    const parsed = WireClass.safeParse(raw);
    if (!parsed.success) {
      issues.push({ table: 'sessions', sourceId: rawId(raw), message: firstProblem(parsed.error) });
      continue;
    }
    const wire = parsed.data;
    // The location filter is applied here too, in case Whautomate ignores it.
    if (locationId && wire.location.id !== locationId) continue;
    const mapped = records.classRecords(wire);
    if (!mapped.ok) {
      issues.push({ table: 'sessions', sourceId: wire.id, message: mapped.problem });
      continue;
    }
    const startMs = Date.parse(mapped.record.session.startsAt);
    if (startMs < fromMs || startMs >= toMs) continue;
    const { session, location, instructor, classType } = mapped.record;
    sessions.set(session.id, { classId: wire.id, session });
    if (!locations.has(location.id)) locations.set(location.id, location);
    if (instructor) instructors.set(instructor.id, instructor);
    classTypes.set(classType.id, classType);
  }

  const rosterUntilMs = now.getTime() + request.rosterAheadMs;
  const wanted: { classId: string; session: Session }[] = [];
  // Beyond the roster horizon: not read, by design. The store keeps the bookings it knew of these classes.
  const rostersNotRead: string[] = [];
  for (const entry of sessions.values()) {
    if (Date.parse(entry.session.startsAt) < rosterUntilMs || request.alsoRosterOf.has(entry.classId)) wanted.push(entry);
    else rostersNotRead.push(entry.session.id);
  }
  const rosters = await inTurns(wanted, ROSTER_READERS, async ({ classId }): Promise<RosterRead> => {
    try {
      return { roster: await readRoster(api, records, classId) };
    } catch (error) {
      if (!isRosterOnlyFailure(error)) throw error;
      return { unreadBecause: error.message };
    }
  });

  const members = new Map<string, Member>();
  const bookings: FetchedBooking[] = [];
  const unreadRosters: string[] = [];
  rosters.forEach((result, index) => {
    const entry = wanted[index];
    if (!entry) return;
    if (!('roster' in result)) {
      unreadRosters.push(entry.session.id);
      issues.push({ table: 'bookings', sourceId: entry.classId, message: `Whautomate did not give this class's participants: ${result.unreadBecause}` });
      return;
    }
    const { roster } = result;
    entry.session = { ...entry.session, ...rosterCounts(roster.bookings) };
    bookings.push(...roster.bookings);
    for (const member of roster.members) members.set(member.id, member);
    issues.push(...roster.issues);
  });

  return {
    records: {
      locations: [...locations.values()],
      instructors: [...instructors.values()],
      classTypes: [...classTypes.values()],
      sessions: [...sessions.values()].map(({ session }) => session).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      members: [...members.values()],
      bookings,
    },
    issues,
    ...(unreadRosters.length > 0 ? { unreadRosters } : {}),
    ...(rostersNotRead.length > 0 ? { rostersNotRead } : {}),
  };
}

/** The participants of one class as bookings and members, each record checked on its own. */
export async function readRoster(api: WhautomateApi, records: WhautomateRecords, classId: string): Promise<Roster> {
  const raws = await api.participants(classId);
  const roster: Roster = { bookings: [], members: [], issues: [] };
  const joinedAt = new Map<string, string>();
  for (const raw of raws) {
    const parsed = WireParticipant.safeParse(raw);
    if (!parsed.success) {
      roster.issues.push({ table: 'bookings', sourceId: rawId(raw), message: firstProblem(parsed.error) });
      continue;
    }
    const booking = records.booking(parsed.data, classId);
    if (!booking.ok) {
      roster.issues.push({ table: 'bookings', sourceId: parsed.data.id, message: booking.problem });
      continue;
    }
    roster.bookings.push(booking.record);
    joinedAt.set(booking.record.id, parsed.data.createdAt ?? '');
    const member = records.member(parsed.data.client);
    if (member.ok) roster.members.push(member.record);
    else roster.issues.push({ table: 'members', sourceId: parsed.data.client.id, message: member.problem });
  }
  roster.bookings = withWaitlistPositions(roster.bookings, joinedAt);
  return roster;
}

/** Runs `work` over `items` with at most `readers` at a time, keeping the order of `items`. */
async function inTurns<T, R>(items: readonly T[], readers: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const reader = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        // The pass fails as a whole; the other readers take no new work.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(readers, items.length) }, reader));
  return results;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
