import type { Booking, BookingStatus } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type { BookingActionRequest, BookingRequestDecision } from '../provider';
import { ProviderError } from '../../provider-error';
import type { WellhubApi } from './wellhub-api';
import type { WellhubBookingRequest, WellhubBookingRequests } from './wellhub-booking-requests';
import type { WellhubScope } from './wellhub-mapping';
import type { BookingDecisionStatus } from './wellhub-wire';
import { deskMessage, type DeskMessage } from '../../../../src-shared/desk-messages';
import { defaultWellhubReason, wellhubReasonTexts, type WellhubReasonCategory } from '../../../../src-shared/relay-wire';

/**
 * The gym's answer to a Wellhub booking: confirm (RESERVED), reject (REJECTED
 * with a reason category) or, once confirmed, cancel it (CANCELLED_BY_GYM),
 * through PATCH /booking/v2/gyms/:gym_id/bookings/:booking_number.
 */

const rejectionReasons = wellhubReasonTexts;
export type RejectionReason = WellhubReasonCategory;

/** When the desk gives no reason: the documents require one for REJECTED, and this one claims nothing untrue. */
export const DEFAULT_REJECTION_REASON: RejectionReason = defaultWellhubReason;

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
      if (status === 'booked' || status === 'checked_in') refuse(deskMessage('request_confirmed_cancel_instead', { member: who }));
      if (status !== 'pending_confirmation') refuse(whyNotPending(status, who));
      return this.send(request, 'REJECTED', 'rejected', { reason_category: reason, reason: rejectionReasons[reason] });
    });
  }

  cancel(action: BookingActionRequest): Promise<Booking> {
    return this.act(action, async (request, who) => {
      const status = request.booking.status;
      if (status === 'cancelled') return request.booking;
      if (status === 'pending_confirmation') refuse(deskMessage('request_not_confirmed_yet', { member: who }));
      if (status === 'checked_in') refuse(deskMessage('already_checked_in', { member: who }));
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
        throw new ProviderError(deskMessage('request_not_known', { provider: 'Wellhub' }), false, 'not_found', error.detail);
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
  throw new ProviderError(deskMessage('rejection_reason_unknown', { reason: given.slice(0, 200) }), false, 'invalid_input');
}

function whyNotPending(status: BookingStatus, who: string): DeskMessage {
  switch (status) {
    case 'rejected':
      // Wellhub rejects requests nobody answers within 15 minutes.
      return deskMessage('booking_request_turned_down', { member: who, provider: 'Wellhub' });
    case 'cancelled':
      return deskMessage('cancelled_in_app', { member: who });
    default:
      return deskMessage('booking_cannot_change', { member: who });
  }
}

function refuse(said: DeskMessage): never {
  throw new ProviderError(said, false, 'conflict');
}
