import type { ChangeSet, RecordSet, Snapshot } from '../../../src-shared/contract';
import type { Booking, DeskAction } from '../../../src-shared/domain';
import type { ProviderRecords } from '../providers/provider';
import { PublishedRecords } from './published-records';

/**
 * What the core knows: each connection's last good fetch, with the desk's own
 * actions laid over it, and what of that has been published to renderers.
 */
export class DeskCache {
  private readonly latest = new Map<string, ProviderRecords>();
  private readonly published = new PublishedRecords();
  private seq = 0;

  /** A connection's fresh fetch replaces its previous one; other connections keep theirs. */
  store(connectionId: string, records: ProviderRecords): void {
    this.latest.set(connectionId, records);
  }

  /** Forget connections that are no longer active (removed, or the demo once a real one is added). */
  keepOnly(connectionIds: Set<string>): void {
    for (const id of [...this.latest.keys()]) if (!connectionIds.has(id)) this.latest.delete(id);
  }

  /** The provider's answer to an action is the freshest word on that booking until the next fetch. */
  patchBooking(booking: Booking): void {
    const fetched = this.latest.get(booking.connectionId);
    if (fetched) fetched.bookings = fetched.bookings.map((b) => (b.id === booking.id ? booking : b));
  }

  records(deskActions: DeskAction[]): RecordSet {
    const records: RecordSet = {
      locations: [],
      instructors: [],
      classTypes: [],
      sessions: [],
      members: [],
      bookings: [],
      deskActions,
    };
    for (const fetched of this.latest.values()) {
      records.locations.push(...fetched.locations);
      records.instructors.push(...fetched.instructors);
      records.classTypes.push(...fetched.classTypes);
      records.sessions.push(...fetched.sessions);
      records.members.push(...fetched.members);
      records.bookings.push(...fetched.bookings);
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
