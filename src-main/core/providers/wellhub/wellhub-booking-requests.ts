import type { Booking, BookingStatus, Member } from '../../../../src-shared/domain';
import { ProviderError } from '../../provider-error';
import { memberFrom, wellhubIds, type WellhubScope } from './wellhub-mapping';
import { addMinutes } from './wellhub-time';
import type { WellhubEvent } from './wellhub-webhooks';
import { deskMessage } from '../../../../src-shared/desk-messages';

/**
 * The Wellhub bookings this desk knows of. Wellhub has no endpoint that lists
 * bookings: they exist for us only through webhooks, so the adapter keeps them.
 * Kept in memory: after a restart the desk knows only what arrives again.
 */

/** Wellhub turns a request nobody confirmed or rejected within 15 minutes down by itself. */
export const CONFIRMATION_MINUTES = 15;
/** A check-in in the Wellhub app must be validated at the desk within about 20 minutes. */
export const VISIT_VALIDATION_MINUTES = 20;

export interface WellhubBookingRequest {
  bookingNumber: string;
  slotId: number;
  classId?: number;
  booking: Booking;
  member: Member;
  requestedAt: string;
  /**
   * When Wellhub rejects the request by itself if it is still unanswered. The
   * domain's Booking has no field for it, so it lives here (and in receipts).
   */
  confirmBy: string;
  /** booking-late-canceled: cancelled after the slot's cancellation deadline. */
  lateCancellation: boolean;
  /**
   * `booking.updatedAt` is a time Wellhub stated (an event's timestamp, or its 15-minute rule applied
   * to one), not the desk's clock (an event without a timestamp, a desk decision). Only a stated time
   * goes into a sync's records; the store stamps the rest.
   */
  timeFromWellhub: boolean;
}

export interface WellhubVisit {
  member: Member;
  checkedInAt: string;
  validateBy: string;
  product?: string;
}

export interface WebhookReceipt {
  /** The event type as Wellhub named it. */
  event: string;
  /** False when the same event had arrived before (Wellhub retries), or the desk has no use for it. */
  applied: boolean;
  booking?: Booking;
  member?: Member;
  /** For booking-requested: the 15-minute confirmation deadline. */
  confirmBy?: string;
  visit?: WellhubVisit;
}

export class WellhubBookingRequests {
  private readonly requests = new Map<string, WellhubBookingRequest>();
  private readonly visitsByWellhubId = new Map<string, WellhubVisit>();
  private readonly seenEventIds = new Set<string>();

  constructor(private readonly scope: WellhubScope) {}

  apply(event: WellhubEvent): WebhookReceipt {
    if (event.type === 'ignored') return { event: event.eventType, applied: false };
    const gymId = String(event.type === 'checkin' ? event.data.gym.id : event.data.slot.gym_id);
    if (gymId !== this.scope.gymId) {
      throw new ProviderError(deskMessage('wellhub_wrong_gym', { gymId: gymId.slice(0, 100), ownGymId: this.scope.gymId }), false, 'wrong_gym');
    }
    if (event.eventId && this.seenEventIds.has(event.eventId)) return { event: event.type, applied: false };
    if (event.eventId) this.seenEventIds.add(event.eventId);
    if (event.type === 'checkin') {
      const member = memberFrom(event.data.user, this.scope);
      const product = event.data.gym.product?.description?.trim();
      const visit: WellhubVisit = {
        member,
        checkedInAt: event.at,
        validateBy: addMinutes(event.at, VISIT_VALIDATION_MINUTES),
        ...(product ? { product } : {}),
      };
      this.visitsByWellhubId.set(member.memberNumber, visit);
      return { event: event.type, applied: true, member, visit };
    }
    const known = this.requests.get(event.data.slot.booking_number);
    const request = known ?? this.newRequest(event);
    const before = request.booking.status;
    if (event.type === 'booking-canceled' || event.type === 'booking-late-canceled') {
      // A cancellation is final, whatever arrived before; a rejected request stays rejected.
      if (before !== 'rejected' && before !== 'cancelled') this.setStatus(request, 'cancelled', event.at, event.timeFromWellhub);
      request.lateCancellation = event.type === 'booking-late-canceled';
    } else if (event.type === 'checkin-booking-occurred' && (before === 'booked' || !known)) {
      request.booking = { ...request.booking, status: 'checked_in', checkedInAt: event.at, updatedAt: event.at };
      request.timeFromWellhub = event.timeFromWellhub;
    }
    this.requests.set(request.bookingNumber, request);
    const applied = !known || request.booking.status !== before;
    return { event: event.type, applied, booking: request.booking, member: request.member, ...(event.type === 'booking-requested' ? { confirmBy: request.confirmBy } : {}) };
  }

  /** Every request as it stands at `now`: an unanswered one past its deadline has been rejected by Wellhub. */
  all(nowMs: number): WellhubBookingRequest[] {
    return [...this.requests.values()].map((request) => this.asOf(request, nowMs));
  }

  find(bookingId: string, nowMs: number): WellhubBookingRequest {
    const request = [...this.requests.values()].find((candidate) => candidate.booking.id === bookingId);
    if (!request) throw new ProviderError({ code: 'request_not_known' }, false, 'not_found');
    return this.asOf(request, nowMs);
  }

  /** Records what the gym decided at Wellhub. */
  decided(bookingNumber: string, status: BookingStatus, at: string): Booking {
    const request = this.requests.get(bookingNumber);
    if (!request) throw new ProviderError({ code: 'request_not_known' }, false, 'not_found');
    this.setStatus(request, status, at, false);
    return request.booking;
  }

  /** Check-ins from the Wellhub app still waiting to be validated at the desk. */
  visits(nowMs: number): WellhubVisit[] {
    return [...this.visitsByWellhubId.values()].filter((visit) => Date.parse(visit.validateBy) > nowMs);
  }

  memberByWellhubId(wellhubId: string): Member | undefined {
    return this.visitsByWellhubId.get(wellhubId)?.member ?? [...this.requests.values()].find((r) => r.member.memberNumber === wellhubId)?.member;
  }

  private newRequest(event: Extract<WellhubEvent, { data: { slot: unknown } }>): WellhubBookingRequest {
    const { slot, user } = event.data;
    const member = memberFrom(user, this.scope);
    const status: BookingStatus = event.type === 'booking-requested' ? 'pending_confirmation' : event.type === 'checkin-booking-occurred' ? 'booked' : 'cancelled';
    return {
      bookingNumber: slot.booking_number,
      slotId: slot.id,
      ...(typeof slot.class_id === 'number' ? { classId: slot.class_id } : {}),
      booking: {
        id: wellhubIds.booking(this.scope, slot.booking_number),
        connectionId: this.scope.connectionId,
        sessionId: wellhubIds.session(this.scope, slot.id),
        memberId: member.id,
        status,
        source: 'wellhub',
        updatedAt: event.at,
      },
      member,
      requestedAt: event.at,
      confirmBy: addMinutes(event.at, CONFIRMATION_MINUTES),
      lateCancellation: false,
      timeFromWellhub: event.timeFromWellhub,
    };
  }

  private setStatus(request: WellhubBookingRequest, status: BookingStatus, at: string, timeFromWellhub: boolean): void {
    request.booking = { ...request.booking, status, updatedAt: at };
    request.timeFromWellhub = timeFromWellhub;
  }

  private asOf(request: WellhubBookingRequest, nowMs: number): WellhubBookingRequest {
    if (request.booking.status !== 'pending_confirmation' || Date.parse(request.confirmBy) > nowMs) return request;
    return { ...request, booking: { ...request.booking, status: 'rejected', updatedAt: request.confirmBy } };
  }
}
