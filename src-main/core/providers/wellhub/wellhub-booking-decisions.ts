import type { Booking, BookingStatus } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type { BookingActionRequest, BookingRequestDecision } from '../provider';
import { ProviderError } from '../../provider-error';
import type { WellhubApi } from './wellhub-api';
import type { WellhubBookingRequest, WellhubBookingRequests } from './wellhub-booking-requests';
import type { WellhubScope } from './wellhub-mapping';
import type { BookingDecisionStatus } from './wellhub-wire';

/**
 * The gym's answer to a Wellhub booking: confirm (RESERVED), reject (REJECTED
 * with a reason category) or, once confirmed, cancel it (CANCELLED_BY_GYM),
 * through PATCH /booking/v2/gyms/:gym_id/bookings/:booking_number.
 */

/** Wellhub's reason categories for a rejection, with the words Wellhub shows the member. */
export const rejectionReasons = {
  CLASS_IS_FULL: 'Booking declined because the class is full',
  USAGE_RESTRICTION: 'Booking declined because of usage limits',
  USER_IS_ALREADY_BOOKED: "Booking attempt declined because you've already booked this class",
  SPOT_NOT_AVAILABLE: 'Booking declined because there are no spots available',
  USER_DOES_NOT_EXIST: 'Booking declined because you need to visit the partner to register first',
  CHECK_IN_AND_CANCELATION_WINDOWS_CLOSED: 'Booking declined because you are not able to book this class right now',
  CLASS_HAS_BEEN_CANCELED: 'Booking declined because the class is no longer available',
  CLASS_NOT_FOUND: "Booking declined because the class wasn't found",
  USER_PROFILE_CMS: 'Booking declined because of a user profile error',
  PREREQUISITES: 'Booking declined because this class has prerequisites',
  GENERAL_ERROR: 'Booking declined because something went wrong',
  TECHNICAL_ERROR: 'Booking declined because of a technical error',
} as const;
export type RejectionReason = keyof typeof rejectionReasons;

/** When the desk gives no reason: the documents require one for REJECTED, and this one claims nothing untrue. */
export const DEFAULT_REJECTION_REASON: RejectionReason = 'GENERAL_ERROR';

/**
 * A repeated decision is recognised by the booking's state, not by its action id: once confirmed
 * (rejected, cancelled) a booking answers a second confirm (reject, cancel) as done without
 * sending it again. The core's journal makes each desk action once.
 */
export class WellhubBookingDecisions {
  /** Decisions go out one after another, so two quick taps on one request cannot cross at Wellhub. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly api: WellhubApi,
    private readonly requests: WellhubBookingRequests,
    private readonly scope: WellhubScope,
    private readonly clock: Clock,
  ) {}

  confirm(decision: BookingRequestDecision): Promise<Booking> {
    return this.act(decision, async (request, who) => {
      const status = request.booking.status;
      if (status === 'booked' || status === 'checked_in') return request.booking;
      if (status !== 'pending_confirmation') refuse(whyNotPending(status, who));
      return this.send(request, 'RESERVED', 'booked');
    });
  }

  reject(decision: BookingRequestDecision): Promise<Booking> {
    return this.act(decision, async (request, who) => {
      const reason = reasonOf(decision.reason);
      const status = request.booking.status;
      if (status === 'rejected') return request.booking;
      if (status === 'booked' || status === 'checked_in') refuse(`${who}'s booking is already confirmed; cancel it instead.`);
      if (status !== 'pending_confirmation') refuse(whyNotPending(status, who));
      return this.send(request, 'REJECTED', 'rejected', { reason_category: reason, reason: rejectionReasons[reason] });
    });
  }

  cancel(action: BookingActionRequest): Promise<Booking> {
    return this.act(action, async (request, who) => {
      const status = request.booking.status;
      if (status === 'cancelled') return request.booking;
      if (status === 'pending_confirmation') refuse(`${who}'s booking request is not confirmed yet; reject it instead.`);
      if (status === 'checked_in') refuse(`${who} has already checked in for this class.`);
      if (status !== 'booked') refuse(whyNotPending(status, who));
      return this.send(request, 'CANCELLED_BY_GYM', 'cancelled');
    });
  }

  private act(
    action: BookingActionRequest,
    decide: (request: WellhubBookingRequest, who: string) => Promise<Booking>,
  ): Promise<Booking> {
    const run = async (): Promise<Booking> => {
      const request = this.requests.find(action.bookingId, this.clock().getTime());
      return decide(request, `${request.member.firstName} ${request.member.lastName}`.replace(/ –$/, ''));
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async send(request: WellhubBookingRequest, wire: BookingDecisionStatus, status: BookingStatus, extra: Record<string, string> = {}): Promise<Booking> {
    const path = `/booking/v2/gyms/${encodeURIComponent(this.scope.gymId)}/bookings/${encodeURIComponent(request.bookingNumber)}`;
    try {
      // Setting the same status twice changes nothing, so a lost answer may be retried.
      await this.api.call('PATCH', path, { body: { status: wire, ...extra }, idempotent: true });
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'not_found') {
        throw new ProviderError('Wellhub no longer knows this booking request.', false, 'not_found', error.detail);
      }
      throw error;
    }
    return this.requests.decided(request.bookingNumber, status, this.clock().toISOString());
  }
}

function reasonOf(given: string | undefined): RejectionReason {
  if (given === undefined || given.trim() === '') return DEFAULT_REJECTION_REASON;
  const key = given.trim().toUpperCase();
  if (key in rejectionReasons) return key as RejectionReason;
  throw new ProviderError(`Wellhub knows no rejection reason "${given}".`, false, 'invalid_input');
}

function whyNotPending(status: BookingStatus, who: string): string {
  switch (status) {
    case 'rejected':
      return `${who}'s booking request was already turned down (Wellhub rejects requests nobody answers within 15 minutes).`;
    case 'cancelled':
      return `${who} cancelled this booking in the Wellhub app.`;
    default:
      return `${who}'s Wellhub booking cannot be changed right now.`;
  }
}

function refuse(message: string): never {
  throw new ProviderError(message, false, 'conflict');
}
