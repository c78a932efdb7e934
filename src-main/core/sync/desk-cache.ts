import type { ChangeSet, RecordSet, Snapshot } from '../../../src-shared/contract';
import type { Booking, DeskAction } from '../../../src-shared/domain';
import type { ProviderRecords, SyncWindow } from '../providers/provider';
import { PublishedRecords } from './published-records';

const emptyRecords = (): ProviderRecords => ({
  locations: [],
  instructors: [],
  classTypes: [],
  sessions: [],
  members: [],
  bookings: [],
});

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));

/**
 * What the core knows: per connection, the sessions of every window fetched so
 * far (a fetch replaces exactly its window), with the desk's own actions laid
 * over them, and what of that has been published to renderers.
 */
export class DeskCache {
  private readonly known = new Map<string, ProviderRecords>();
  private readonly published = new PublishedRecords();
  private seq = 0;

  /**
   * Folds one fetch in. Sessions starting inside the window are replaced by the
   * fetched ones, so a class deleted upstream leaves, and so do its bookings.
   * A full-window fetch also replaces the reference data (locations, instructors,
   * class types, members); a narrower one only adds to it.
   */
  store(connectionId: string, window: SyncWindow, fetched: ProviderRecords, fullWindow: boolean): void {
    const before = this.known.get(connectionId) ?? emptyRecords();
    const inWindow = (startsAt: string) => startsAt >= window.from && startsAt < window.to;
    const replaced = new Set(before.sessions.filter((s) => inWindow(s.startsAt)).map((s) => s.id));
    // Some adapters answer with whole days around the window; what they send is fresh either way.
    const sessions = [...byId([...before.sessions.filter((s) => !replaced.has(s.id)), ...fetched.sessions]).values()];
    const fetchedBookings = new Set(fetched.bookings.map((b) => b.id));
    const bookings = [
      ...before.bookings.filter((b) => !replaced.has(b.sessionId) && !fetchedBookings.has(b.id)),
      ...fetched.bookings,
    ];
    const merge = <T extends { id: string }>(old: T[], fresh: T[]) => [...byId([...old, ...fresh]).values()];
    const members = fullWindow ? withMembersOf(bookings, before.members, fetched.members) : merge(before.members, fetched.members);
    this.known.set(connectionId, {
      locations: fullWindow ? fetched.locations : merge(before.locations, fetched.locations),
      instructors: fullWindow ? fetched.instructors : merge(before.instructors, fetched.instructors),
      classTypes: fullWindow ? fetched.classTypes : merge(before.classTypes, fetched.classTypes),
      sessions,
      members,
      bookings,
    });
  }

  /** Drops sessions that started before `before` (the retention limit), with their bookings. */
  prune(before: string): void {
    for (const records of this.known.values()) {
      const gone = new Set(records.sessions.filter((s) => s.startsAt < before).map((s) => s.id));
      if (gone.size === 0) continue;
      records.sessions = records.sessions.filter((s) => !gone.has(s.id));
      records.bookings = records.bookings.filter((b) => !gone.has(b.sessionId));
    }
  }

  /** Forget connections that are no longer active (removed, or the demo once a real one is added). */
  keepOnly(connectionIds: Set<string>): void {
    for (const id of [...this.known.keys()]) if (!connectionIds.has(id)) this.known.delete(id);
  }

  /** The provider's answer to an action is the freshest word on that booking until the next fetch. */
  patchBooking(booking: Booking): void {
    const records = this.known.get(booking.connectionId);
    if (!records) return;
    const others = records.bookings.filter((b) => b.id !== booking.id);
    records.bookings = [...others, booking];
  }

  records(deskActions: DeskAction[]): RecordSet {
    const records: RecordSet = { ...emptyRecords(), deskActions };
    for (const known of this.known.values()) {
      records.locations.push(...known.locations);
      records.instructors.push(...known.instructors);
      records.classTypes.push(...known.classTypes);
      records.sessions.push(...known.sessions);
      records.members.push(...known.members);
      records.bookings.push(...known.bookings);
    }
    return records;
  }

  /** The change set that brings renderers up to date, or nothing when nothing changed. */
  publish(deskActions: DeskAction[]): ChangeSet | undefined {
    const diff = this.published.advanceTo(this.records(deskActions));
    if (diff.empty) return undefined;
    this.seq += 1;
    return { seq: this.seq, upserts: diff.upserts, removals: diff.removals };
  }

  snapshot(): Snapshot {
    return { seq: this.seq, records: this.published.current() };
  }
}

/** The fetched members, plus earlier ones still named on a kept booking (a class from last week). */
function withMembersOf(bookings: Booking[], earlier: ProviderRecords['members'], fetched: ProviderRecords['members']) {
  const named = new Set(bookings.map((b) => b.memberId));
  const fresh = byId(fetched);
  for (const member of earlier) if (named.has(member.id) && !fresh.has(member.id)) fresh.set(member.id, member);
  return [...fresh.values()];
}
