import type { Booking, BookingStatus } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type { ProviderHttp } from '../../http/provider-http';
import type { BookingActionRequest, BookRequest, FetchedBooking } from '../provider';
import { ProviderError } from '../../provider-error';
import { explainZenotiError, unreadableAnswer } from './zenoti-errors';
import type { GuestDirectory } from './zenoti-guests';
import type { RegistrationKey, SessionKey } from './zenoti-ids';
import { bookingStatusOf, type CenterContext } from './zenoti-mapping';
import type { Rosters } from './zenoti-rosters';
import { whatIsWrong, WireRegisterAnswer } from './zenoti-wire';

/**
 * The desk's actions on Zenoti registrations: register (book, or the waitlist
 * when the class is full), cancel, sign in and undo it. Zenoti takes no
 * idempotency key, so a retry is recognised by its outcome instead: when Zenoti
 * refuses because the registration is already in the wanted state (or the
 * guest is already registered), that is the earlier attempt having worked.
 * Nothing is remembered by action id: the core's journal makes each action
 * once, and asks `findBooking` before it sends a booking again.
 */

type RegistrationVerb = 'sign_in' | 'undo_sign_in' | 'cancel';

const ACTIVE: ReadonlySet<BookingStatus> = new Set(['booked', 'waitlisted', 'checked_in']);

export class ZenotiDesk {
  constructor(
    private readonly http: ProviderHttp,
    private readonly center: CenterContext,
    private readonly rosters: Rosters,
    private readonly guests: GuestDirectory,
    private readonly clock: Clock,
  ) {}

  checkIn(request: BookingActionRequest): Promise<Booking> {
    return this.act(request, 'sign_in', 'checked_in');
  }

  undoCheckIn(request: BookingActionRequest): Promise<Booking> {
    return this.act(request, 'undo_sign_in', 'booked');
  }

  cancelBooking(request: BookingActionRequest): Promise<Booking> {
    return this.act(request, 'cancel', 'cancelled');
  }

  /** The guest's live registration on the session, read from Zenoti's class list now. */
  async findBooking({ sessionId, memberId }: Omit<BookRequest, 'actionId'>): Promise<Booking | undefined> {
    const { key } = this.subject(sessionId, memberId);
    try {
      await this.rosters.read(key, this.clock().getTime());
    } catch (error) {
      throw explainZenotiError(error);
    }
    const live = this.rosters.bookingsOf(key, memberId).find((booking) => ACTIVE.has(booking.status));
    return live ? this.answered(live) : undefined;
  }

  async book({ sessionId, memberId }: BookRequest): Promise<Booking> {
    const { key, guestId } = this.subject(sessionId, memberId);
    const { ids } = this.center;
    let registration: { id: string; status: number };
    try {
      registration = await this.register(key, guestId, false);
    } catch (error) {
      const code = error instanceof ProviderError ? error.detail.providerCode : undefined;
      if (code === '1010') return this.existingBooking(key, memberId, error);
      if (code !== '1011') throw explainZenotiError(error);
      // Full: the waitlist, where the class has one (Zenoti says no otherwise).
      registration = await this.register(key, guestId, true).catch((refusal: unknown) => {
        throw explainZenotiError(refusal);
      });
    }
    const booking: Booking = {
      id: ids.booking({ ...key, registrationId: registration.id }),
      connectionId: ids.connectionId,
      sessionId,
      memberId,
      status: bookingStatusOf(registration.status),
      source: 'zenoti',
      updatedAt: this.now(),
    };
    this.rosters.remember(key, booking, this.clock().getTime(), this.guests.remembered(memberId));
    return booking;
  }

  private async act(request: BookingActionRequest, verb: RegistrationVerb, target: BookingStatus): Promise<Booking> {
    const key = this.center.ids.registrationKey(request.bookingId);
    if (!key) throw new ProviderError({ code: 'booking_not_known' }, false, 'not_found');
    const before = this.rosters.booking(request.bookingId) ?? (await this.reread(key, request.bookingId));
    if (!before) throw new ProviderError({ code: 'booking_not_known', params: { provider: 'Zenoti' } }, false, 'not_found');
    const path = `/v1/classes/${encodeURIComponent(key.classId)}/registrations/${encodeURIComponent(key.registrationId)}/${verb}`;
    try {
      await this.http.request('PUT', path);
    } catch (error) {
      const refused = error instanceof ProviderError && !error.retryable && error.code !== 'unauthorized' && error.code !== 'forbidden';
      if (!refused) throw explainZenotiError(error);
      // Already in the wanted state (a repeat of an action whose answer was lost): done. If the
      // list cannot be read either, Zenoti's refusal is the answer.
      const current = await this.reread(key, request.bookingId).catch(() => undefined);
      if (current?.status === target) return this.answered(current);
      throw explainZenotiError(error);
    }
    const now = this.now();
    const after: Booking = { ...before, status: target, updatedAt: now };
    // A place on the waitlist or a check-in time belongs to the state the booking just left.
    delete after.waitlistPosition;
    delete after.checkedInAt;
    if (target === 'checked_in') after.checkedInAt = now;
    this.rosters.remember(key, after, this.clock().getTime());
    return after;
  }

  private async register(key: SessionKey, guestId: string, waitlist: boolean): Promise<{ id: string; status: number }> {
    const answer = await this.http.request('POST', `/v1/classes/${encodeURIComponent(key.classId)}/registrations`, {
      body: {
        center_id: this.center.centerId,
        session_id: key.sessionId,
        guest_id: guestId,
        ...(waitlist ? { add_to_waitlist: true } : {}),
      },
    });
    const parsed = WireRegisterAnswer.safeParse(answer.body);
    if (!parsed.success) throw unreadableAnswer('a booking confirmation', whatIsWrong(parsed.error));
    const { registrations } = parsed.data;
    const first = Array.isArray(registrations) ? registrations[0] : registrations;
    if (!first) throw unreadableAnswer('a booking confirmation', 'no registration');
    return first;
  }

  /** "Already registered": the member's live booking on the class list, or Zenoti's refusal if there is none. */
  private async existingBooking(key: SessionKey, memberId: string, refusal: unknown): Promise<Booking> {
    await this.rosters.read(key, this.clock().getTime()).catch(() => {
      throw explainZenotiError(refusal);
    });
    const existing = this.rosters.bookingsOf(key, memberId).find((booking) => ACTIVE.has(booking.status));
    if (!existing) throw explainZenotiError(refusal);
    return this.answered(existing);
  }

  private async reread(key: RegistrationKey, bookingId: string): Promise<FetchedBooking | undefined> {
    try {
      await this.rosters.read(key, this.clock().getTime());
    } catch (error) {
      throw explainZenotiError(error);
    }
    return this.rosters.booking(bookingId);
  }

  private subject(sessionId: string, memberId: string): { key: SessionKey; guestId: string } {
    const key = this.center.ids.sessionKey(sessionId);
    const guestId = this.center.ids.guestId(memberId);
    if (!key) throw new ProviderError({ code: 'class_not_known' }, false, 'not_found');
    if (!guestId) throw new ProviderError({ code: 'member_not_known' }, false, 'not_found');
    return { key, guestId };
  }

  /** A booking as read from Zenoti, as the answer to a desk action: Zenoti gives no change time, so it is now. */
  private answered(booking: FetchedBooking): Booking {
    return { ...booking, updatedAt: this.now() };
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
