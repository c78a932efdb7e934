import type { Capabilities } from '../../../../src-shared/connections';
import type { Booking, Member } from '../../../../src-shared/domain';
import type { BookRequest, BookingActionRequest, FetchedBooking, Provider, ProviderContext, ProviderFetch, SyncWindow } from '../provider';
import { ProviderError } from '../../provider-error';
import { checkSyncWindow } from '../sync-window-check';
import { RecordIds } from './record-ids';
import { WhautomateApi, whautomateBaseUrl } from './whautomate-api';
import { inPlainWords } from './whautomate-errors';
import { WhautomateRecords, bookingStatusOf } from './whautomate-records';
import { readRoster, readTimetable } from './whautomate-timetable';
import { WireClient, WireClientBooking, WireParticipant, singleItem } from './whautomate-wire';

export { whautomateBaseUrl } from './whautomate-api';

/**
 * Whautomate (REST API, header x-api-key): classes with their participants,
 * booking a client into a class and cancelling a participant. The API has no
 * way to mark a participant as visited, no barcode lookup and no booking check,
 * so those capabilities are off. settings.scopeId, when set, is a Whautomate
 * location id: only that location's classes are read.
 */

/** Knobs for tests; production uses the defaults. */
export interface WhautomateTuning {
  /** Requests a minute the desk allows itself (default 120, see WHAUTOMATE_REQUESTS_PER_MINUTE). */
  requestsPerMinute?: number;
  /** Classes per page (default 50). */
  pageSize?: number;
  /** Rosters are read for classes starting within this many hours (default 48). */
  rosterAheadHours?: number;
}

/** Rosters for classes starting in the next two days; later classes show Whautomate's booked count. */
export const ROSTER_AHEAD_HOURS = 48;
const CANCELLATION_REASON = 'Cancelled at the front desk';

export function createWhautomateProvider(context: ProviderContext, tuning: WhautomateTuning = {}): Provider {
  return new WhautomateProvider(context, tuning);
}

class WhautomateProvider implements Provider {
  readonly source = 'whautomate' as const;
  readonly connectionId: string;
  readonly capabilities: Capabilities = {
    listSessions: true,
    roster: true,
    memberByBarcode: false,
    memberSearch: true,
    checkIn: false,
    undoCheckIn: false,
    validateBooking: false,
    book: true,
    cancelBooking: true,
    waitlist: false,
    promoteFromWaitlist: false,
    confirmBookingRequests: false,
    validateVisit: false,
    // NO_SHOW is read from participants; the documents give no call that sets it.
    markNoShow: false,
  };

  private readonly api: WhautomateApi;
  private readonly ids: RecordIds;
  private readonly records: WhautomateRecords;
  private readonly rosterAheadMs: number;
  /** Classes the desk booked into or cancelled from, so their rosters are read even beyond the roster horizon. */
  private readonly touchedClasses = new Set<string>();

  constructor(
    private readonly context: ProviderContext,
    tuning: WhautomateTuning,
  ) {
    const { settings } = context;
    this.connectionId = settings.id;
    this.api = new WhautomateApi({
      baseUrl: whautomateBaseUrl(settings),
      apiKey: context.apiKey,
      timeoutMs: context.http?.timeoutMs,
      retry: context.http?.retry,
      requestsPerMinute: tuning.requestsPerMinute,
      pageSize: tuning.pageSize,
    });
    this.ids = new RecordIds(settings.id);
    this.records = new WhautomateRecords(settings.id, this.ids, settings.timeZone);
    this.rosterAheadMs = (tuning.rosterAheadHours ?? ROSTER_AHEAD_HOURS) * 60 * 60 * 1000;
  }

  async testConnection(): Promise<void> {
    await this.asking('sync', () => this.api.probe(this.context.settings.scopeId));
  }

  async fetchWindow(window: SyncWindow): Promise<ProviderFetch> {
    const { from, to } = checkSyncWindow(window);
    return this.asking('sync', () =>
      readTimetable(this.api, this.records, {
        window: { from, to },
        now: this.context.clock(),
        locationId: this.context.settings.scopeId,
        rosterAheadMs: this.rosterAheadMs,
        alsoRosterOf: this.touchedClasses,
      }),
    );
  }

  async searchMembers(query: string): Promise<Member[]> {
    const text = query.trim();
    if (text.length < 2) return [];
    const raws = await this.asking('search', () => this.api.searchClients(text));
    // A client that does not fit is left out of the answer; the search is not the place to report it.
    return raws.flatMap((raw) => {
      const parsed = WireClient.safeParse(raw);
      const member = parsed.success ? this.records.member(parsed.data) : undefined;
      return member?.ok ? [member.record] : [];
    });
  }

  /** The client's live booking on the class, from Whautomate's list of the client's bookings. */
  async findBooking({ sessionId, memberId }: Omit<BookRequest, 'actionId'>): Promise<Booking | undefined> {
    const classId = this.ids.classIdOf(sessionId);
    const clientId = this.ids.clientIdOf(memberId);
    return this.asking('book', () => this.activeBookingOf(clientId, classId));
  }

  /**
   * Adding a participant is not idempotent, so the client's bookings are read
   * first: when the desk's earlier try got through (or the member booked
   * themselves), that booking is the answer and nobody is booked twice.
   */
  async book({ sessionId, memberId }: BookRequest): Promise<Booking> {
    const classId = this.ids.classIdOf(sessionId);
    const clientId = this.ids.clientIdOf(memberId);
    const booking = await this.asking('book', async () => {
      const existing = await this.activeBookingOf(clientId, classId);
      if (existing) return existing;
      const body = await this.api.addParticipant(classId, clientId);
      return this.bookingFrom(singleItem(body, WireParticipant, 'the new booking'), classId);
    });
    this.touchedClasses.add(classId);
    return booking;
  }

  /**
   * Cancels the participant. When Whautomate refuses because the booking is
   * already cancelled (a repeated desk action), the roster says so and that is the answer.
   */
  async cancelBooking({ bookingId }: BookingActionRequest): Promise<Booking> {
    const { classId, participantId } = this.ids.bookingOf(bookingId);
    const booking = await this.asking('cancel', async () => {
      try {
        const body = await this.api.cancelParticipant(classId, participantId, CANCELLATION_REASON);
        return this.bookingFrom(singleItem(body, WireParticipant, 'the cancelled booking'), classId);
      } catch (error) {
        if (!(error instanceof ProviderError) || error.retryable || error.code === 'forbidden' || error.code === 'unauthorized') throw error;
        const roster = await readRoster(this.api, this.records, classId);
        const current = roster.bookings.find((candidate) => candidate.id === bookingId);
        if (current?.status === 'cancelled') return this.answered(current);
        throw error;
      }
    });
    this.touchedClasses.add(classId);
    return booking;
  }

  private async activeBookingOf(clientId: string, classId: string): Promise<Booking | undefined> {
    for (const raw of await this.api.clientBookings(clientId)) {
      const parsed = WireClientBooking.safeParse(raw);
      if (!parsed.success || parsed.data.class.id !== classId) continue;
      const status = bookingStatusOf(parsed.data.status);
      if (status && status !== 'cancelled') return this.bookingFrom(parsed.data, classId);
    }
    return undefined;
  }

  private bookingFrom(participant: WireParticipant, classId: string): Booking {
    const mapped = this.records.booking(participant, classId);
    if (!mapped.ok) throw new ProviderError({ code: 'provider_unreadable', params: { provider: 'Whautomate' } }, true, 'invalid_response', { providerMessage: mapped.problem });
    return this.answered(mapped.record);
  }

  /** A desk action's answer needs a change time; where Whautomate gave none, it is when Whautomate answered. */
  private answered(booking: FetchedBooking): Booking {
    return { ...booking, updatedAt: booking.updatedAt ?? this.context.clock().toISOString() };
  }

  /** Runs one errand against Whautomate, putting a refusal in the receptionist's words. */
  private async asking<T>(errand: Parameters<typeof inPlainWords>[1], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw inPlainWords(error, errand);
    }
  }
}
