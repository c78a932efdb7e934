import { noCapabilities, type Capabilities } from '../../src-shared/connections';
import type { RecordSet } from '../../src-shared/contract';
import type { Booking, Member } from '../../src-shared/domain';
import type { Clock } from '../../src-main/core/clock';
import type { BookingActionRequest, Provider, ProviderFetch, SyncWindow } from '../../src-main/core/providers/provider';
import { chainRecords, chainSize } from './page/chain-records';

/**
 * The chain data set of the store figures: 5 locations (connections zenoti-1…5,
 * ids shaped like the Zenoti adapter's), 16 days from yesterday, 60 classes a
 * day each, rosters of 25, 50,000 members with barcodes. Made here (test/bench/page/
 * chain-records.ts), not read from a simulator: Zenoti's 60 calls a minute would
 * take 78 minutes to fill it, and Magicline lists no participants.
 */

const dayMs = 86_400_000;

/** The first class of yesterday (UTC) at 11:00Z, so `now` falls inside the data set's second day. */
export function chainStart(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return midnight - dayMs + 11 * 3_600_000;
}

export function chainDataSet(now: Date): RecordSet {
  return chainRecords(chainSize, chainStart(now));
}

/** Desk clock of the bench: today at 15:00Z (10:00 in New York, 08:00 in Los Angeles): classes ahead everywhere. */
export function benchNow(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 15));
}

/** The connection whose location the desk stands at: the third, as in part 1. */
export const DESK_CONNECTION = 'zenoti-3';

export function recordsOf(all: RecordSet, connectionId: string): RecordSet {
  const pick = <T extends { connectionId: string }>(rows: T[]) => rows.filter((row) => row.connectionId === connectionId);
  return {
    locations: pick(all.locations),
    instructors: pick(all.instructors),
    classTypes: pick(all.classTypes),
    sessions: pick(all.sessions),
    members: pick(all.members),
    bookings: pick(all.bookings),
    visits: pick(all.visits),
    deskActions: [],
  };
}

/**
 * One location of the chain as a provider in this process: answers from memory
 * after `latencyMs` (0: at once), takes check-ins, finds members by barcode.
 * A fetch returns the window's classes, their rosters and the members on them.
 */
export class ChainStudio implements Provider {
  readonly source = 'zenoti' as const;
  readonly capabilities: Capabilities = { ...noCapabilities, listSessions: true, roster: true, memberByBarcode: true, checkIn: true };
  private readonly bookings = new Map<string, Booking>();
  private readonly members = new Map<string, Member>();
  private readonly byBarcode = new Map<string, Member>();
  private readonly rosters = new Map<string, Booking[]>();
  calls = 0;

  constructor(
    readonly connectionId: string,
    private readonly records: RecordSet,
    private readonly clock: Clock,
    public latencyMs: number,
  ) {
    for (const member of records.members) {
      this.members.set(member.id, member);
      if (member.barcode) this.byBarcode.set(member.barcode, member);
    }
    for (const booking of records.bookings) {
      this.bookings.set(booking.id, booking);
      const roster = this.rosters.get(booking.sessionId) ?? [];
      roster.push(booking);
      this.rosters.set(booking.sessionId, roster);
    }
  }

  private async answer(): Promise<void> {
    this.calls += 1;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }

  async testConnection(): Promise<void> {
    await this.answer();
  }

  async fetchWindow({ from, to }: SyncWindow): Promise<ProviderFetch> {
    await this.answer();
    const sessions = this.records.sessions.filter((s) => s.startsAt >= from && s.startsAt < to);
    const bookings = sessions.flatMap((s) => (this.rosters.get(s.id) ?? []).map((b) => this.bookings.get(b.id)!));
    const memberIds = new Set(bookings.map((b) => b.memberId));
    return {
      records: {
        locations: this.records.locations,
        instructors: this.records.instructors,
        classTypes: this.records.classTypes,
        sessions,
        members: [...memberIds].map((id) => this.members.get(id)!),
        bookings,
      },
      issues: [],
    };
  }

  async findMemberByBarcode(barcode: string): Promise<Member | undefined> {
    await this.answer();
    return this.byBarcode.get(barcode);
  }

  async checkIn({ bookingId }: BookingActionRequest): Promise<Booking> {
    await this.answer();
    const booking = this.bookings.get(bookingId);
    if (!booking) throw new Error(`no booking ${bookingId}`);
    const now = this.clock().toISOString();
    const checkedIn: Booking = booking.status === 'checked_in' ? booking : { ...booking, status: 'checked_in', checkedInAt: now, updatedAt: now };
    this.bookings.set(bookingId, checkedIn);
    return checkedIn;
  }
}

/** The chain's five locations as providers over one data set. */
export function chainStudios(all: RecordSet, clock: Clock, latencyMs: number): ChainStudio[] {
  return all.locations.map((location) => new ChainStudio(location.connectionId, recordsOf(all, location.connectionId), clock, latencyMs));
}
