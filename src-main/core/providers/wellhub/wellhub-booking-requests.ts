import type { Booking, BookingStatus, Member, PendingVisit } from '../../../../src-shared/domain';
import type { RelayDecisionNote } from '../../../../src-shared/relay-wire';
import { ProviderError } from '../../provider-error';
import { bookingNumberOf, memberFrom, slotIdOf, wellhubIds, type WellhubScope } from './wellhub-mapping';
import { addMinutes } from './wellhub-time';
import type { WellhubEvent } from './wellhub-webhooks';
import { deskMessage } from '../../../../src-shared/desk-messages';

/**
 * The Wellhub bookings this desk knows of. Wellhub has no endpoint that lists
 * bookings: they exist for us only through webhooks, so the adapter keeps them.
 * Held in memory for the adapter's decisions; the core keeps them in its store
 * (src-main/core/relay/) and hands them back after a restart (`restore`).
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
  /** The PendingVisit id: connection, member and check-in time. */
  id: string;
  member: Member;
  checkedInAt: string;
  validateBy: string;
  product?: string;
  validatedAt?: string;
}

/** How a request's relay fallback is timed: the relay's delay, counted from the earlier of Wellhub's time and receipt. */
export interface RelayTiming {
  fallbackDelayMs?: number;
  receivedAt: string;
}

/** What `restore` takes: rows the store kept for this connection. */
export interface StoredWellhubRows {
  bookings: Booking[];
  members: Member[];
  visits: PendingVisit[];
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

/** A visit as the desk's cache keeps it: the row the relay link stores and a fetch lists. */
export function pendingVisitRow({ id, member, checkedInAt, validateBy, product, validatedAt }: WellhubVisit, connectionId: string): PendingVisit {
  return {
    id,
    connectionId,
    memberId: member.id,
    checkedInAt,
    validateBy,
    ...(product ? { product } : {}),
    ...(validatedAt ? { validatedAt } : {}),
    updatedAt: validatedAt ?? checkedInAt,
  };
}

export class WellhubBookingRequests {
  private readonly requests = new Map<string, WellhubBookingRequest>();
  private readonly visitsByWellhubId = new Map<string, WellhubVisit>();
  private readonly seenEventIds = new Set<string>();

  constructor(private readonly scope: WellhubScope) {}

  apply(event: WellhubEvent, relay?: RelayTiming): WebhookReceipt {
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
      const known = this.visitsByWellhubId.get(member.memberNumber);
      const visit: WellhubVisit = {
        id: wellhubIds.visit(this.scope, member.memberNumber, event.at),
        member,
        checkedInAt: event.at,
        validateBy: addMinutes(event.at, VISIT_VALIDATION_MINUTES),
        ...(product ? { product } : {}),
        ...(known?.checkedInAt === event.at && known.validatedAt ? { validatedAt: known.validatedAt } : {}),
      };
      this.visitsByWellhubId.set(member.memberNumber, visit);
      return { event: event.type, applied: true, member, visit };
    }
    const known = this.requests.get(event.data.slot.booking_number);
    const request = known ?? this.newRequest(event, relay);
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

  /**
   * The relay's note that a request was answered (by its fallback, by a desk, or closed by the member):
   * the note is Wellhub's state now. `failed` changes nothing: the request still waits for an answer.
   */
  applyNote(note: RelayDecisionNote): WebhookReceipt {
    const request = this.requests.get(note.bookingNumber);
    if (!request || note.outcome === 'failed') return { event: 'relay-decision', applied: false };
    const status: BookingStatus = note.outcome === 'confirmed' ? 'booked' : note.outcome === 'rejected' ? 'rejected' : 'cancelled';
    const before = request.booking.status;
    // A booking already past its answer (checked in, cancelled by the member) is not taken back by a late note.
    const settled = before === 'checked_in' || before === 'cancelled' || (before === 'booked' && status !== 'cancelled');
    if (before !== status && !settled) this.setStatus(request, status, note.decidedAt, true);
    return { event: 'relay-decision', applied: request.booking.status !== before, booking: request.booking, member: request.member };
  }

  /** Requests and visits the store kept, after a restart: the adapter answers for them as before. */
  restore(rows: StoredWellhubRows): void {
    const members = new Map(rows.members.map((member) => [member.id, member]));
    for (const booking of rows.bookings) {
      const bookingNumber = bookingNumberOf(this.scope, booking.id);
      const slotId = slotIdOf(this.scope, booking.sessionId);
      const member = members.get(booking.memberId);
      if (booking.source !== 'wellhub' || bookingNumber === undefined || slotId === undefined || !member || this.requests.has(bookingNumber)) continue;
      const confirmBy = booking.decideBy ?? addMinutes(booking.updatedAt, CONFIRMATION_MINUTES);
      this.requests.set(bookingNumber, {
        bookingNumber,
        slotId,
        booking,
        member,
        requestedAt: addMinutes(confirmBy, -CONFIRMATION_MINUTES),
        confirmBy,
        lateCancellation: false,
        // The stored time is the one the store keeps: a sync gives it back unchanged.
        timeFromWellhub: true,
      });
    }
    for (const visit of rows.visits) {
      const member = members.get(visit.memberId);
      const known = member && this.visitsByWellhubId.get(member.memberNumber);
      if (!member || (known && known.checkedInAt >= visit.checkedInAt)) continue;
      const { connectionId: _connection, memberId: _member, updatedAt: _updated, ...kept } = visit;
      this.visitsByWellhubId.set(member.memberNumber, { ...kept, member });
    }
  }

  /** The desk validated the member's visit at the door. */
  visitValidated(wellhubId: string, at: string): WellhubVisit | undefined {
    const visit = this.visitsByWellhubId.get(wellhubId);
    if (!visit || visit.validatedAt) return visit;
    const validated = { ...visit, validatedAt: at };
    this.visitsByWellhubId.set(wellhubId, validated);
    return validated;
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

  private newRequest(event: Extract<WellhubEvent, { data: { slot: unknown } }>, relay?: RelayTiming): WellhubBookingRequest {
    const { slot, user } = event.data;
    const member = memberFrom(user, this.scope);
    const status: BookingStatus = event.type === 'booking-requested' ? 'pending_confirmation' : event.type === 'checkin-booking-occurred' ? 'booked' : 'cancelled';
    const confirmBy = addMinutes(event.at, CONFIRMATION_MINUTES);
    // The relay's clock starts at Wellhub's time or at receipt, whichever is earlier (relay/README.md).
    const clockStart = relay && relay.receivedAt < event.at ? relay.receivedAt : event.at;
    const fallbackAt = relay?.fallbackDelayMs ? new Date(Date.parse(clockStart) + relay.fallbackDelayMs).toISOString() : undefined;
    const deadlines = status === 'pending_confirmation' ? { decideBy: confirmBy, ...(fallbackAt && fallbackAt < confirmBy ? { fallbackAt } : {}) } : {};
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
        ...deadlines,
        updatedAt: event.at,
      },
      member,
      requestedAt: event.at,
      confirmBy,
      lateCancellation: false,
      timeFromWellhub: event.timeFromWellhub,
    };
  }

  private setStatus(request: WellhubBookingRequest, status: BookingStatus, at: string, timeFromWellhub: boolean): void {
    request.booking = { ...answered(request.booking), status, updatedAt: at };
    request.timeFromWellhub = timeFromWellhub;
  }

  private asOf(request: WellhubBookingRequest, nowMs: number): WellhubBookingRequest {
    if (request.booking.status !== 'pending_confirmation' || Date.parse(request.confirmBy) > nowMs) return request;
    return { ...request, booking: { ...answered(request.booking), status: 'rejected', updatedAt: request.confirmBy } };
  }
}

/** The deadlines belong to a request still waiting; an answered one has none. */
function answered(booking: Booking): Booking {
  const { decideBy: _decideBy, fallbackAt: _fallbackAt, ...rest } = booking;
  return rest;
}
