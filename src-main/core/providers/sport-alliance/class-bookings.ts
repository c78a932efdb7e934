import type { Booking, SourceSystem } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type { BookRequest, BookingActionRequest, BookingValidation, FetchedBooking, RecordIssue } from '../provider';
import { ProviderError } from '../../provider-error';
import { BOOKABLE, bookingRefusalReason, isValidationStatus } from './booking-reasons';
import type { DeskMemory } from './desk-memory';
import type { OpenApiClient } from './open-api-client';
import { problemOf, providerIdOf, sourceIdOf, toBooking, toMember } from './sport-alliance-mapping';
import { WireBooking, WireCustomer, WireValidation } from './sport-alliance-wire';
import { deskMessage } from '../../../../src-shared/desk-messages';

/**
 * Class bookings: validate, book and cancel (`/v1/classes/booking/…`), and the
 * bookings of the members this desk knows (`GET /v1/classes/booking?customerId=`,
 * deprecated but the only list the Open API has; it covers ±2 weeks).
 */

export interface KnownBookings {
  bookings: FetchedBooking[];
  issues: RecordIssue[];
  /** Slots a booking reported as CANCELED: the slot list itself has no status. */
  cancelledSessionIds: Set<string>;
}

/** Known members' bookings are fetched this many at a time; the limit is per endpoint, 1000 a minute. */
const PARALLEL_MEMBERS = 4;
/** As many as the desk follows at all (see DeskMemory). */
const MAX_UNLEARNED = 200;

export class ClassBookings {
  /** Members booked here whose details could not be read yet (the provider was failing), oldest first. */
  private readonly unlearned = new Set<number>();

  constructor(
    private readonly client: OpenApiClient,
    private readonly connectionId: string,
    private readonly source: SourceSystem,
    private readonly memory: DeskMemory,
    private readonly clock: Clock,
  ) {}

  async validate(request: Omit<BookRequest, 'actionId'>): Promise<BookingValidation> {
    const status = await this.validationStatus(this.bookingBody(request));
    return status === BOOKABLE ? { bookable: true, reasons: [] } : { bookable: false, reasons: [bookingRefusalReason(status, this.client.name)] };
  }

  async book(request: BookRequest): Promise<Booking> {
    const body = this.bookingBody(request);
    let answer: unknown;
    try {
      answer = (await this.client.post('/classes/booking/book', body, false)).body;
    } catch (error) {
      if (!(error instanceof ProviderError) || error.retryable || error.code === 'unauthorized' || error.code === 'forbidden') throw error;
      if (error.code === 'not_found') throw this.unknownClassOrMember(error);
      const code = error.detail.providerCode;
      const status = code !== undefined && isValidationStatus(code) ? code : await this.validationStatus(body);
      // A repeated request (after a crash, say) finds the booking the first one made.
      const existing = status === 'CUSTOMER_ALREADY_BOOKED' ? await this.activeBooking(body.customerId, body.classSlotId) : undefined;
      if (existing) {
        await this.learnMember(body.customerId);
        return existing;
      }
      if (status === BOOKABLE) throw error;
      throw new ProviderError(bookingRefusalReason(status, this.client.name), false, 'booking_refused', error.detail);
    }
    const booking = this.readBooking(answer);
    await this.learnMember(body.customerId);
    return booking;
  }

  /**
   * The member's live booking on this slot, if any: asked before a booking that may have reached
   * the studio before a crash or a lost answer is sent again. The only list the Open API has is the
   * member's bookings (±2 weeks), so the slot is picked out of it.
   */
  async find(request: Omit<BookRequest, 'actionId'>): Promise<Booking | undefined> {
    const body = this.bookingBody(request);
    let existing: Booking | undefined;
    try {
      existing = await this.activeBooking(body.customerId, body.classSlotId);
    } catch (error) {
      throw error instanceof ProviderError && error.code === 'not_found' ? this.unknownClassOrMember(error) : error;
    }
    // Found after a crash: follow the member from now on, as a booking made at the desk would be.
    if (existing) await this.learnMember(body.customerId);
    return existing;
  }

  async cancel(request: BookingActionRequest): Promise<Booking> {
    const bookingId = providerIdOf(this.connectionId, 'booking', request.bookingId);
    if (bookingId === undefined) throw new ProviderError({ code: 'booking_not_known' }, false, 'invalid_input');
    try {
      await this.client.delete(`/classes/booking/${bookingId}`);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.retryable || error.code === 'unauthorized' || error.code === 'forbidden') throw error;
      if (error.code === 'not_found') throw new ProviderError(deskMessage('booking_not_known', { provider: this.client.name }), false, 'not_found', error.detail);
      // Refused: unless it was cancelled already (a repeated request), say why.
      const now = this.readBooking((await this.client.get(`/classes/booking/${bookingId}`)).body);
      if (now.status === 'cancelled') return now;
      const said = deskMessage('cancel_refused', { provider: this.client.name, detail: error.detail.providerMessage });
      throw new ProviderError(said, false, error.code ?? 'refused', error.detail);
    }
    return this.readBooking((await this.client.get(`/classes/booking/${bookingId}`)).body);
  }

  /** Bookings of the members this desk knows, for the sessions being synced. */
  async ofKnownMembers(sessionIds: Set<string>): Promise<KnownBookings> {
    const result: KnownBookings = { bookings: [], issues: [], cancelledSessionIds: new Set() };
    await this.learnUnlearned(result.issues);
    const queue = this.memory.knownMembers();
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.collect(next.customerId, sessionIds, result);
    };
    await Promise.all(Array.from({ length: PARALLEL_MEMBERS }, worker));
    result.bookings.sort((a, b) => a.id.localeCompare(b.id));
    return result;
  }

  private async collect(customerId: number, sessionIds: Set<string>, into: KnownBookings): Promise<void> {
    let records: unknown[];
    try {
      records = await this.listOf(customerId);
    } catch (error) {
      // A member deleted at the studio, say: report it, keep the rest of the sync.
      if (!(error instanceof ProviderError) || error.retryable || error.code === 'unauthorized') throw error;
      into.issues.push({ table: 'bookings', sourceId: `customer ${customerId}`, message: error.message });
      return;
    }
    for (const raw of records) {
      const parsed = WireBooking.safeParse(raw);
      if (!parsed.success) {
        const message = `${this.client.name} sent a booking Classdesk cannot read: ${problemOf(parsed.error)}`;
        into.issues.push({ table: 'bookings', sourceId: sourceIdOf(raw, 'bookingId'), message });
        continue;
      }
      const booking = toBooking(this.connectionId, this.source, parsed.data);
      if (!sessionIds.has(booking.sessionId)) continue;
      into.bookings.push(booking);
      if (parsed.data.classSlotStatus === 'CANCELED') into.cancelledSessionIds.add(booking.sessionId);
    }
  }

  private async listOf(customerId: number): Promise<unknown[]> {
    const answer = await this.client.get('/classes/booking', { customerId });
    if (!Array.isArray(answer.body)) throw this.client.unreadable('a booking list that is not a list');
    return answer.body;
  }

  private async activeBooking(customerId: number, classSlotId: number): Promise<Booking | undefined> {
    for (const raw of await this.listOf(customerId)) {
      const parsed = WireBooking.safeParse(raw);
      if (parsed.success && parsed.data.classSlotId === classSlotId && parsed.data.bookingStatus !== 'CANCELED') {
        return this.answered(parsed.data);
      }
    }
    return undefined;
  }

  private async validationStatus(body: { customerId: number; classSlotId: number }): Promise<string> {
    let answer: unknown;
    try {
      answer = (await this.client.post('/classes/booking/validate', body, true)).body;
    } catch (error) {
      throw error instanceof ProviderError && error.code === 'not_found' ? this.unknownClassOrMember(error) : error;
    }
    const parsed = WireValidation.safeParse(answer);
    if (!parsed.success) throw this.client.unreadable('a booking check without a validation status');
    return parsed.data.validationStatus;
  }

  /** Makes sure a member booked at the desk is known, so the next syncs follow their bookings. */
  private async learnMember(customerId: number): Promise<void> {
    if (this.memory.knownMembers().some((known) => known.customerId === customerId)) return;
    this.unlearned.delete(customerId);
    this.unlearned.add(customerId);
    if (this.unlearned.size > MAX_UNLEARNED) this.unlearned.delete(this.unlearned.values().next().value ?? customerId);
    try {
      this.remember(customerId, (await this.client.get(`/customers/${customerId}`)).body);
    } catch {
      // The booking stands; the next sync reads the member before it lists bookings (or says why it cannot).
    }
  }

  /**
   * Reads the details of members booked here whose details could not be read then. Until they
   * are known their bookings would drop out of the desk's cache, so a provider in trouble
   * (a retryable error) fails the sync, which keeps the cache as it was.
   */
  private async learnUnlearned(issues: RecordIssue[]): Promise<void> {
    for (const customerId of [...this.unlearned]) await this.readMember(customerId, issues);
  }

  private async readMember(customerId: number, issues: RecordIssue[]): Promise<void> {
    let raw: unknown;
    try {
      raw = (await this.client.get(`/customers/${customerId}`)).body;
    } catch (error) {
      if (!(error instanceof ProviderError) || error.retryable) throw error;
      // Deleted at the studio, or the key may not read members: there is nobody to follow.
      this.unlearned.delete(customerId);
      issues.push({ table: 'members', sourceId: String(customerId), message: error.message });
      return;
    }
    const problem = this.remember(customerId, raw);
    if (problem) issues.push({ table: 'members', sourceId: String(customerId), message: `${this.client.name} sent a member Classdesk cannot read: ${problem}` });
  }

  /** Remembers a member from the provider's record; what is wrong with it otherwise. */
  private remember(customerId: number, raw: unknown): string | undefined {
    const parsed = WireCustomer.safeParse(raw);
    if (!parsed.success) return problemOf(parsed.error);
    this.memory.rememberMember(customerId, toMember(this.connectionId, parsed.data));
    this.unlearned.delete(customerId);
    return undefined;
  }

  private bookingBody(request: Omit<BookRequest, 'actionId'>): { customerId: number; classSlotId: number } {
    const classSlotId = providerIdOf(this.connectionId, 'session', request.sessionId);
    const customerId = providerIdOf(this.connectionId, 'member', request.memberId);
    if (classSlotId === undefined) throw new ProviderError({ code: 'class_not_known' }, false, 'invalid_input');
    if (customerId === undefined) throw new ProviderError({ code: 'member_not_known' }, false, 'invalid_input');
    return { customerId, classSlotId };
  }

  private readBooking(body: unknown): Booking {
    const parsed = WireBooking.safeParse(body);
    if (!parsed.success) throw this.client.unreadable('a booking Classdesk cannot read');
    return this.answered(parsed.data);
  }

  /** A booking as the answer to a desk action: the provider gives no change time, so it is the moment it answered. */
  private answered(wire: WireBooking): Booking {
    return { ...toBooking(this.connectionId, this.source, wire), updatedAt: this.clock().toISOString() };
  }

  private unknownClassOrMember(error: ProviderError): ProviderError {
    return new ProviderError(deskMessage('record_not_known', { provider: this.client.name }), false, 'not_found', error.detail);
  }
}
