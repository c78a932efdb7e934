import { noCapabilities, type Capabilities } from '../../src-shared/connections';
import type { Booking, Member, Session } from '../../src-shared/domain';
import type { BookingActionRequest, FetchedBooking, Provider, ProviderFetch, ProviderRecords, SyncWindow } from '../../src-main/core/providers/provider';
import { ProviderError } from '../../src-main/core/provider-error';

/**
 * A tiny in-memory provider whose data and failures a test sets directly, for
 * exercising the core (the thing under test) without the demo studio's size.
 * It counts the actions it applies, so exactly-once can be checked.
 */
export class ScriptedStudio implements Provider {
  readonly connectionId: string;
  readonly source = 'demo' as const;
  readonly capabilities: Capabilities = {
    ...noCapabilities,
    listSessions: true,
    roster: true,
    memberByBarcode: true,
    checkIn: true,
    undoCheckIn: true,
    cancelBooking: true,
  };
  records: ProviderRecords;
  /** Set to make the next calls fail the way a real provider can. */
  failure: ProviderError | Error | undefined;
  /** Actions the provider carried out (action ids), in order: exactly-once is checked against this. */
  readonly applied: string[] = [];
  /** Every action call that reached the provider, carried out or not. */
  readonly calls: { actionId: string; bookingId: string }[] = [];
  /** While true, each action call waits until the test releases it (see `held`). */
  holdActions = false;
  /** Action calls waiting for the test, in the order they arrived. */
  readonly held: { actionId: string; bookingId: string; release(): void }[] = [];
  fetches = 0;
  /** The provider's clock: when it changes a booking, that is the booking's new `updatedAt`. */
  clock: () => Date;

  constructor(startsAt: Date, connectionId = 'scripted') {
    this.connectionId = connectionId;
    this.records = scriptedRecords(startsAt, connectionId);
    this.clock = () => startsAt;
  }

  async testConnection(): Promise<void> {
    if (this.failure) throw this.failure;
  }

  /** Every window asked for, in order. */
  readonly windows: SyncWindow[] = [];
  /** The next N fetches say they left rosters for later, like Zenoti under its rate budget. */
  incompleteFetches = 0;
  /** Makes the next fetches hang until released, like a provider that stopped answering. */
  hang: Promise<void> | undefined;

  async fetchWindow(window: SyncWindow): Promise<ProviderFetch> {
    this.fetches += 1;
    this.windows.push(window);
    if (this.hang) await this.hang;
    if (this.failure) throw this.failure;
    const incomplete = this.incompleteFetches > 0;
    if (incomplete) this.incompleteFetches -= 1;
    return { records: structuredClone(this.records), issues: [], incomplete };
  }

  async findMemberByBarcode(barcode: string): Promise<Member | undefined> {
    return this.records.members.find((m) => m.barcode === barcode);
  }

  checkIn(request: BookingActionRequest): Promise<Booking> {
    return this.change(request, 'booked', 'checked_in');
  }

  undoCheckIn(request: BookingActionRequest): Promise<Booking> {
    return this.change(request, 'checked_in', 'booked');
  }

  cancelBooking(request: BookingActionRequest): Promise<Booking> {
    return this.change(request, 'booked', 'cancelled');
  }

  private async change(request: BookingActionRequest, from: Booking['status'], to: Booking['status']): Promise<Booking> {
    this.calls.push({ actionId: request.actionId, bookingId: request.bookingId });
    if (this.holdActions) {
      await new Promise<void>((release) => this.held.push({ actionId: request.actionId, bookingId: request.bookingId, release }));
    }
    if (this.failure) throw this.failure;
    const booking = this.records.bookings.find((b) => b.id === request.bookingId);
    if (!booking) throw new ProviderError({ code: 'provider_said', params: { detail: 'No such booking' } }, false, 'not_found');
    if (booking.status !== from) throw new ProviderError({ code: 'provider_said', params: { detail: `The booking is ${booking.status}, not ${from}.` } }, false);
    booking.status = to;
    booking.updatedAt = this.clock().toISOString();
    this.applied.push(request.actionId);
    return { ...structuredClone(booking), updatedAt: booking.updatedAt };
  }
}

/** A studio whose system takes no check-ins from the desk (the method is absent, as with counts-only systems). */
export function withoutCheckIn(studio: ScriptedStudio): ScriptedStudio {
  Object.assign(studio, { checkIn: undefined, capabilities: { ...studio.capabilities, checkIn: false } });
  return studio;
}

const minutes = (start: Date, n: number) => new Date(start.getTime() + n * 60_000).toISOString();

function scriptedRecords(now: Date, connectionId: string): ProviderRecords {
  // Ids carry the connection, as real adapters' do, so two studios never collide.
  const ref = (id: string) => (connectionId === 'scripted' ? id : `${connectionId}:${id}`);
  const session = (id: string, startInMinutes: number): Session => ({
    id: ref(id),
    connectionId,
    locationId: ref('loc-1'),
    classTypeId: ref('yoga'),
    title: 'Yoga',
    room: 'Studio 1',
    startsAt: minutes(now, startInMinutes),
    endsAt: minutes(now, startInMinutes + 60),
    capacity: 10,
    booked: 1,
    waitlisted: 0,
    status: 'scheduled',
  });
  const member = (id: string, barcode: string): Member => ({
    id: ref(id),
    connectionId,
    firstName: 'Ada',
    lastName: id,
    memberNumber: `M-${id}`,
    barcode,
  });
  const booking = (id: string, sessionId: string, memberId: string): FetchedBooking => ({
    id: ref(id),
    connectionId,
    sessionId: ref(sessionId),
    memberId: ref(memberId),
    status: 'booked',
    source: 'demo',
    updatedAt: now.toISOString(),
  });
  return {
    // UTC as the zone keeps "later today" simple for a clock set to the morning.
    locations: [{ id: ref('loc-1'), connectionId, name: 'Main', timeZone: 'UTC', locale: 'en-GB' }],
    instructors: [],
    classTypes: [{ id: ref('yoga'), connectionId, name: 'Yoga' }],
    sessions: [session('s-now', -10), session('s-later', 120)],
    members: [member('m-1', '1000000000001'), member('m-2', '1000000000002'), member('m-3', '1000000000003')],
    bookings: [booking('b-1', 's-now', 'm-1'), booking('b-2', 's-later', 'm-2')],
  };
}
