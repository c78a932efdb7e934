import type { Booking, BookingStatus } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type { BookingActionRequest, BookingRequestDecision } from '../provider';
import { ProviderError } from '../../provider-error';
import type { WellhubApi } from './wellhub-api';
import type { WellhubBookingRequest, WellhubBookingRequests } from './wellhub-booking-requests';
import type { WellhubScope } from './wellhub-mapping';
import type { BookingDecisionStatus } from './wellhub-wire';
import { deskMessage, type DeskMessage } from '../../../../src-shared/desk-messages';
import type { z } from 'zod';
import { defaultWellhubReason, wellhubReasonTexts, type RelayDecisionAnswer, type WellhubReasonCategory } from '../../../../src-shared/relay-wire';

/** The relay's `decision` frame (relay-wire), as the adapter reads it. */
export type RelayAnswer = z.infer<typeof RelayDecisionAnswer>;

/**
 * The gym's relay, when the connection has one: it sends the one PATCH to Wellhub, so a desk's answer
 * and the relay's fallback never both reach Wellhub (relay/README.md). `decide` resolves with the
 * relay's answer after the core applied any note it carries; it throws a retryable ProviderError while
 * the relay cannot be reached, so the desk journal keeps the action and sends it when the link is back.
 */
export interface RelayDecisionChannel {
  decide(decision: { bookingNumber: string; decision: 'confirm' | 'reject'; reasonCategory?: WellhubReasonCategory }): Promise<RelayAnswer>;
}

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
  /** Set while the connection has a linked relay: confirm and reject then go through it. */
  relay: RelayDecisionChannel | undefined;

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
      if (this.relay) return this.throughRelay(this.relay, request, who, 'confirm');
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
      if (this.relay) return this.throughRelay(this.relay, request, who, 'reject', reason);
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

  /**
   * The relay's answer is the truth: applied → what the desk asked for; already-decided → what the note
   * says happened (the same → done; otherwise refused with what happened instead); failed → refused with
   * Wellhub's words, the request still waiting. Cancelling a confirmed booking stays a direct call: the
   * relay has no frame for it and no fallback to race with.
   */
  private async throughRelay(relay: RelayDecisionChannel, request: WellhubBookingRequest, who: string, decision: 'confirm' | 'reject', reasonCategory?: RejectionReason): Promise<Booking> {
    const answer = await relay.decide({ bookingNumber: request.bookingNumber, decision, ...(reasonCategory ? { reasonCategory } : {}) });
    const wanted: BookingStatus = decision === 'confirm' ? 'booked' : 'rejected';
    switch (answer.result) {
      case 'applied':
        return this.requests.decided(request.bookingNumber, wanted, answer.note?.decidedAt ?? this.clock().toISOString());
      case 'already-decided': {
        const now = this.requests.find(request.booking.id, this.clock().getTime()).booking;
        if (now.status === wanted) return now;
        const outcome = answer.note?.outcome;
        if (outcome === 'canceled' || now.status === 'cancelled') refuse(deskMessage('cancelled_in_app', { member: who }));
        refuse(deskMessage(outcome === 'confirmed' || now.status === 'booked' ? 'request_decided_elsewhere_confirmed' : 'request_decided_elsewhere_rejected', { member: who }));
        break;
      }
      case 'unknown-request':
        throw new ProviderError(deskMessage('request_not_known', { provider: 'Wellhub relay' }), false, 'not_found');
      case 'failed':
        throw new ProviderError(deskMessage('relay_decision_failed', { member: who, detail: answer.error?.slice(0, 500) }), false, 'refused');
    }
    // Unreachable: every result returns or throws above.
    throw new ProviderError({ code: 'internal_error' }, false);
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
