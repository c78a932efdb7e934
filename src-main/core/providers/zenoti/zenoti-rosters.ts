import type { Member, Session } from '../../../../src-shared/domain';
import type { ProviderHttp } from '../../http/provider-http';
import type { FetchedBooking, RecordIssue } from '../provider';
import { isRosterOnlyFailure } from '../roster-failure';
import { unreadableAnswer } from './zenoti-errors';
import type { SessionKey } from './zenoti-ids';
import { isProblem, mapGuest, mapRegistration, type CenterContext } from './zenoti-mapping';
import { PAGE_SIZE, readAllPages } from './zenoti-paging';
import type { ScheduledSession } from './zenoti-schedule';
import { sourceIdOf, whatIsWrong, WireRegistration, WireRegistrationsPage } from './zenoti-wire';

/**
 * Class lists, read through GET /v1/classes/{class_id}/registrations. Zenoti
 * allows 60 calls a minute and has one call per class list, so the desk cannot
 * re-read two weeks of lists every minute. Each sync pass re-reads only the
 * lists that are due, soonest classes first and at most `fetchesPerSync` of
 * them; the rest come from what was read before, and a list never read yet
 * (left for a later pass, say after a restart) is reported as not read
 * (`rostersNotRead`), so the store keeps what it knew. A list is due when it was
 * never read, when Zenoti's booked/waitlisted counts moved since, or when it is
 * older than its class allows (minutes for a class about to start, an hour for
 * one next week). A class nobody registered for is never asked about.
 *
 * A list Zenoti answers with an error (404, 5xx after the retries, an answer
 * that cannot be read) is reported as unread, not as empty: the store keeps the
 * bookings it knew. It is asked again after UNREAD_RETRY_MS.
 */

export interface RosterPolicy {
  /** Class lists re-read per sync pass at most. */
  fetchesPerSync: number;
}

export const defaultRosterPolicy: RosterPolicy = { fetchesPerSync: 8 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** An unread list is asked again this soon, not every pass, so one broken class cannot eat the 60 calls a minute. */
const UNREAD_RETRY_MS = 2 * MINUTE;

interface CachedRoster {
  key: SessionKey;
  startsAtMs: number;
  /** 0 when the list was never read whole (only desk bookings are known). */
  fetchedAtMs: number;
  /** Zenoti's counts when the list was read: `booked/waitlisted`. */
  counts: string;
  /** The last read failed: the bookings are those of an earlier read (or desk actions), not to be published. */
  unread: boolean;
  bookings: Map<string, FetchedBooking>;
  members: Map<string, Member>;
  issues: RecordIssue[];
}

export interface RosterRecords {
  bookings: FetchedBooking[];
  members: Member[];
  issues: RecordIssue[];
  /** Lists were due but left for a later call, to stay inside the rate budget. */
  incomplete: boolean;
  /** Sessions whose list Zenoti answered with an error: no bookings are given for them. */
  unreadRosters: string[];
  /**
   * Sessions with people on them whose whole list this adapter has not read (left for a later pass,
   * or known only from desk actions since a restart): the store keeps what it knew of them. Only the
   * bookings of the desk's own actions are given for them.
   */
  rostersNotRead: string[];
}

export class Rosters {
  private readonly cache = new Map<string, CachedRoster>();

  constructor(
    private readonly http: ProviderHttp,
    private readonly center: CenterContext,
    private readonly policy: RosterPolicy,
  ) {}

  /** Re-reads the lists that are due and returns what is known of every listed session's roster. */
  async refresh(sessions: ScheduledSession[], nowMs: number): Promise<RosterRecords> {
    const allDue = sessions
      .filter(({ session }) => this.isDue(session, nowMs))
      .sort((a, b) => urgency(a.session, nowMs) - urgency(b.session, nowMs));
    const due = allDue.slice(0, this.policy.fetchesPerSync);
    for (const { session, key } of due) await this.readForSync(key, nowMs, session);
    this.forgetBefore(sessions, nowMs);
    const records: RosterRecords = {
      bookings: [],
      members: [],
      issues: [],
      incomplete: allDue.length > due.length,
      unreadRosters: [],
      rostersNotRead: [],
    };
    const members = new Map<string, Member>();
    for (const { session } of sessions) {
      const cached = this.cache.get(session.id);
      if (!cached) {
        // Never read (left for a later pass): not an empty class. One Zenoti counts nobody on is known to be empty.
        if (session.booked + session.waitlisted > 0) records.rostersNotRead.push(session.id);
        continue;
      }
      if (cached.unread) {
        records.unreadRosters.push(session.id);
        continue;
      }
      // Only desk actions known, the list itself not read yet: those bookings, and the rest kept as stored.
      if (cached.fetchedAtMs === 0) records.rostersNotRead.push(session.id);
      records.bookings.push(...cached.bookings.values());
      for (const member of cached.members.values()) members.set(member.id, member);
      records.issues.push(...cached.issues);
    }
    records.members = [...members.values()];
    return records;
  }

  /**
   * A sync pass's read: a failure of this one list marks it unread and the pass goes on; a failure
   * that would hit every list (the key, the network, the rate limit) fails the pass.
   */
  private async readForSync(key: SessionKey, nowMs: number, session: Session): Promise<void> {
    try {
      await this.read(key, nowMs, session);
    } catch (error) {
      if (!isRosterOnlyFailure(error)) throw error;
      const previous = this.cache.get(session.id);
      this.cache.set(session.id, {
        key,
        startsAtMs: Date.parse(session.startsAt),
        fetchedAtMs: nowMs,
        counts: countsOf(session),
        unread: true,
        // Kept for desk actions on them; not published while the list is unread.
        bookings: previous?.bookings ?? new Map(),
        members: previous?.members ?? new Map(),
        issues: [],
      });
    }
  }

  /** Reads one class list now, whole, and keeps it; a failure is thrown to the caller. */
  async read(key: SessionKey, nowMs: number, session?: Session): Promise<void> {
    const { ids } = this.center;
    const sessionId = ids.session(key);
    const previous = this.cache.get(sessionId);
    const raw = await readAllPages(async (page) => {
      const answer = await this.http.get(`/v1/classes/${encodeURIComponent(key.classId)}/registrations`, {
        session_id: key.sessionId,
        center_id: this.center.centerId,
        page,
        size: PAGE_SIZE,
      });
      const parsed = WireRegistrationsPage.safeParse(answer.body);
      if (!parsed.success) throw unreadableAnswer('a class list', whatIsWrong(parsed.error));
      return { items: parsed.data.registrations, details: parsed.data.page_details };
    });
    const roster: CachedRoster = {
      key,
      startsAtMs: session ? Date.parse(session.startsAt) : (previous?.startsAtMs ?? nowMs),
      fetchedAtMs: nowMs,
      counts: session ? countsOf(session) : (previous?.counts ?? ''),
      unread: false,
      bookings: new Map(),
      members: new Map(),
      issues: [],
    };
    for (const record of raw) {
      const parsed = WireRegistration.safeParse(record);
      if (!parsed.success) {
        roster.issues.push({ table: 'bookings', sourceId: sourceIdOf(record), message: whatIsWrong(parsed.error) });
        continue;
      }
      // Asked for one session; a registration of another is not on this list.
      if (parsed.data.session_id && parsed.data.session_id !== key.sessionId) continue;
      const booking = mapRegistration(ids, this.center.zone, key, parsed.data);
      roster.bookings.set(booking.id, booking);
      const member = mapGuest(ids, parsed.data.guest);
      if (isProblem(member)) roster.issues.push({ table: 'members', sourceId: parsed.data.guest.id, message: member.problem });
      else roster.members.set(member.id, member);
    }
    this.cache.set(sessionId, roster);
  }

  booking(bookingId: string): FetchedBooking | undefined {
    for (const roster of this.cache.values()) {
      const found = roster.bookings.get(bookingId);
      if (found) return found;
    }
    return undefined;
  }

  /** Bookings of this member already on the list of this session. */
  bookingsOf(key: SessionKey, memberId: string): FetchedBooking[] {
    const roster = this.cache.get(this.center.ids.session(key));
    return roster ? [...roster.bookings.values()].filter((booking) => booking.memberId === memberId) : [];
  }

  /** The outcome of a desk action, kept until the list is read again (and marking it due). */
  remember(key: SessionKey, booking: FetchedBooking, nowMs: number, member?: Member): void {
    const sessionId = this.center.ids.session(key);
    let roster = this.cache.get(sessionId);
    if (!roster) {
      roster = { key, startsAtMs: nowMs, fetchedAtMs: 0, counts: '', unread: false, bookings: new Map(), members: new Map(), issues: [] };
      this.cache.set(sessionId, roster);
    }
    // Zenoti gives no change time: the list keeps the booking as a later read would show it.
    const { updatedAt: _answeredAt, ...fetched } = booking;
    roster.bookings.set(booking.id, fetched);
    if (member) roster.members.set(member.id, member);
    // Counts changed at Zenoti; the next pass re-reads this list.
    roster.counts = '';
  }

  private isDue(session: Session, nowMs: number): boolean {
    const cached = this.cache.get(session.id);
    if (!cached) return session.booked + session.waitlisted > 0;
    if (cached.unread) return nowMs - cached.fetchedAtMs >= UNREAD_RETRY_MS;
    if (cached.fetchedAtMs === 0 || cached.counts !== countsOf(session)) return true;
    return nowMs - cached.fetchedAtMs >= maxAge(session, nowMs);
  }

  /** Lists of classes that have left the window (a day behind it) are forgotten. */
  private forgetBefore(sessions: ScheduledSession[], nowMs: number): void {
    const first = sessions[0] ? Date.parse(sessions[0].session.startsAt) : nowMs;
    for (const [id, roster] of this.cache) if (roster.startsAtMs < first - 24 * HOUR) this.cache.delete(id);
  }
}

function countsOf(session: Session): string {
  return `${session.booked}/${session.waitlisted}`;
}

/** Around the class (check-in time) its list changes by the minute; next week's hardly. */
function maxAge(session: Session, nowMs: number): number {
  const start = Date.parse(session.startsAt);
  const end = Date.parse(session.endsAt);
  if (nowMs >= start - 90 * MINUTE && nowMs <= end + 30 * MINUTE) return 2 * MINUTE;
  if (Math.abs(start - nowMs) <= 24 * HOUR) return 15 * MINUTE;
  return HOUR;
}

/** Lower is sooner: classes in check-in time first, then by distance from now. */
function urgency(session: Session, nowMs: number): number {
  const live = maxAge(session, nowMs) === 2 * MINUTE;
  return (live ? 0 : 1e13) + Math.abs(Date.parse(session.startsAt) - nowMs);
}
