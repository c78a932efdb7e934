import type { Capabilities } from '../../../../src-shared/connections';
import type { Booking, Member, Session } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type {
  BookingActionRequest,
  BookingRequestDecision,
  FetchedBooking,
  Provider,
  ProviderContext,
  ProviderFetch,
  SyncWindow,
  VisitValidation,
} from '../provider';
import { ProviderError } from '../../provider-error';
import { checkSyncWindow } from '../sync-window-check';
import { WellhubApi } from './wellhub-api';
import { WellhubBookingDecisions, type RelayDecisionChannel } from './wellhub-booking-decisions';
import {
  pendingVisitRow,
  WellhubBookingRequests,
  type StoredWellhubRows,
  type WebhookReceipt,
  type WellhubBookingRequest,
  type WellhubVisit,
} from './wellhub-booking-requests';
import { wellhubLocation, type WellhubScope } from './wellhub-mapping';
import { WellhubSchedule } from './wellhub-schedule';
import { WellhubSlotPublisher, type PublishedSlot, type SlotCounts, type SlotTarget } from './wellhub-slot-publishing';
import { isKnownZone } from './wellhub-time';
import { visitAnswerFor, validatedMessage, wellhubIdFrom, wrongWellhubIdMessage } from './wellhub-visit-answers';
import { hasValidSignature, readWellhubEvent } from './wellhub-webhooks';
import { ValidateAnswer } from './wellhub-wire';
import { deskMessage, type DeskMessage } from '../../../../src-shared/desk-messages';
import { RelayDecisionNote, relayDecisionEventType } from '../../../../src-shared/relay-wire';

export { wellhubBaseUrl } from './wellhub-api';

/**
 * Wellhub (formerly Gympass): its members book the gym's classes in the
 * Wellhub app and check in there. The desk reads the gym's Wellhub slots,
 * answers booking requests, and validates visits at the door. Wellhub never
 * lists who booked a slot: bookings are known only from its webhooks.
 */
export function createWellhubProvider(context: ProviderContext): WellhubProvider {
  return new WellhubProvider(context);
}

export class WellhubProvider implements Provider {
  readonly source = 'wellhub' as const;
  readonly capabilities: Capabilities = {
    listSessions: true,
    // No endpoint lists a slot's bookings; the desk sees counts plus webhook bookings.
    roster: false,
    memberByBarcode: false,
    memberSearch: false,
    // A Wellhub check-in happens in the member's app; the desk validates it (validateVisit).
    checkIn: false,
    undoCheckIn: false,
    validateBooking: false,
    // Members book in the Wellhub app; the Booking API has no call to book for them.
    book: false,
    // The gym may cancel a confirmed booking (CANCELLED_BY_GYM).
    cancelBooking: true,
    waitlist: false,
    promoteFromWaitlist: false,
    confirmBookingRequests: true,
    validateVisit: true,
    // The booking API has no attendance call: Wellhub learns who came from the visit validation.
    markNoShow: false,
  };
  readonly connectionId: string;

  private readonly scope: WellhubScope;
  private readonly settingsError: ProviderError | undefined;
  private readonly clock: Clock;
  private readonly api: WellhubApi;
  private readonly schedule: WellhubSchedule;
  private readonly requests: WellhubBookingRequests;
  private readonly decisions: WellhubBookingDecisions;
  private readonly publisher: WellhubSlotPublisher;

  get settingsProblem(): DeskMessage | undefined {
    return this.settingsError?.said;
  }

  constructor(context: ProviderContext) {
    const { settings } = context;
    this.connectionId = settings.id;
    this.clock = context.clock;
    const gymId = settings.scopeId?.trim() ?? '';
    const gymZone = settings.timeZone?.trim() ?? '';
    this.settingsError = problemWith(gymId, gymZone);
    this.scope = { connectionId: settings.id, gymId, gymZone: this.settingsError ? 'UTC' : gymZone, gymName: settings.label };
    this.api = new WellhubApi(context, gymId);
    this.schedule = new WellhubSchedule(this.api, this.scope);
    this.requests = new WellhubBookingRequests(this.scope);
    this.decisions = new WellhubBookingDecisions(this.api, this.requests, this.scope, this.clock);
    this.publisher = new WellhubSlotPublisher(this.api, this.scope, this.clock);
  }

  /** The documented health check, then the gym's classes: proves the key and that it may manage this gym. */
  async testConnection(): Promise<void> {
    this.checkSettings();
    try {
      await this.api.call('GET', '/booking/v1/health');
    } catch (error) {
      // The health check answers a bare `ok`, which is not JSON: any 2xx is healthy.
      const status = error instanceof ProviderError ? error.detail.status : undefined;
      if (!(error instanceof ProviderError && error.code === 'invalid_response' && status !== undefined && status < 300)) throw error;
    }
    await this.schedule.classes();
  }

  async fetchWindow(window: SyncWindow): Promise<ProviderFetch> {
    this.checkSettings();
    const { from, to } = checkSyncWindow(window);
    const timetable = await this.schedule.timetable({ from, to });
    const sessionIds = new Set(timetable.sessions.map((session) => session.id));
    // Bookings of slots outside the window (or unknown to Wellhub's list) wait for the window that holds them.
    const known = this.requests.all(this.clock().getTime()).filter((request) => sessionIds.has(request.booking.sessionId));
    const members = new Map<string, Member>(known.map((request) => [request.member.id, request.member]));
    return {
      records: {
        locations: [wellhubLocation(this.scope)],
        instructors: timetable.instructors,
        classTypes: timetable.classTypes,
        sessions: timetable.sessions,
        members: [...members.values()],
        bookings: known.map(({ booking, timeFromWellhub }): FetchedBooking => {
          if (timeFromWellhub) return booking;
          const { updatedAt: _deskTime, ...untimed } = booking;
          return untimed;
        }),
        // Kept in the store by the relay link as they arrive; listed here so a fetch says all it knows.
        visits: this.requests.visits(this.clock().getTime()).map((visit) => pendingVisitRow(visit, this.connectionId)),
      },
      issues: timetable.issues,
    };
  }

  async confirmBookingRequest(decision: BookingRequestDecision): Promise<Booking> {
    this.checkSettings();
    return this.decisions.confirm(decision);
  }

  /** `decision.reason` is a Wellhub reason category (e.g. CLASS_IS_FULL); without one, GENERAL_ERROR. */
  async rejectBookingRequest(decision: BookingRequestDecision): Promise<Booking> {
    this.checkSettings();
    return this.decisions.reject(decision);
  }

  async cancelBooking(request: BookingActionRequest): Promise<Booking> {
    this.checkSettings();
    return this.decisions.cancel(request);
  }

  /** Validates a member's Wellhub check-in at the door: POST /access/v1/validate with their 13-digit Wellhub ID. */
  async validateVisit(input: string): Promise<VisitValidation> {
    this.checkSettings();
    const wellhubId = wellhubIdFrom(input);
    if (!wellhubId) return { valid: false, said: wrongWellhubIdMessage };
    const member = this.requests.memberByWellhubId(wellhubId);
    let body: unknown;
    try {
      // A repeat finds the visit validated already (checkin.already.validated), so a lost answer may be retried.
      body = (await this.api.call('POST', '/access/v1/validate', { body: { gympass_id: wellhubId }, idempotent: true })).body;
    } catch (error) {
      const status = error instanceof ProviderError ? error.detail.status : undefined;
      if (!(error instanceof ProviderError) || (status !== 400 && status !== 404)) throw error;
      const answer = visitAnswerFor(error.detail.providerCode, error.detail.providerMessage);
      return { ...answer, ...(member ? { member } : {}) };
    }
    // Wellhub said 200: the visit is validated even if the details do not fit our reading of them.
    const parsed = ValidateAnswer.safeParse(body);
    const product = parsed.success ? (parsed.data.results.gym?.product?.description ?? undefined) : undefined;
    return { valid: true, said: validatedMessage(product), ...(member ? { member } : {}) };
  }

  /**
   * One webhook from Wellhub, as its raw body and `X-Gympass-Signature` header.
   * A desk PC cannot receive webhooks itself; whatever relays them (see
   * docs/providers/wellhub.md) hands them over here. Throws a ProviderError
   * ('invalid_signature', 'invalid_webhook', 'wrong_gym') for what must be refused.
   */
  receiveBookingWebhook(rawBody: string | Buffer, signatureHeader: string | undefined, secret: string): WebhookReceipt {
    this.checkSettings();
    if (!hasValidSignature(rawBody, signatureHeader, secret)) {
      throw new ProviderError({ code: 'wellhub_message_unsigned' }, false, 'invalid_signature');
    }
    return this.requests.apply(readWellhubEvent(rawBody, this.clock().toISOString()));
  }

  /**
   * One event as the gym's relay hands it on (src-main/core/relay/): Wellhub's raw body, or the relay's own
   * `relay-decision` note. No signature is checked here, on purpose: the relay checked Wellhub's signature
   * with the gym's webhook secret before it stored the event, and the desk's link to the relay is
   * authenticated by its desk token over TLS, so the desk needs no copy of the webhook secret.
   * `fallbackDelayMs` (the relay's, from its welcome) dates each new request's `fallbackAt`.
   */
  receiveRelayedEvent(eventType: string, rawBody: string, receivedAt: string, fallbackDelayMs?: number): WebhookReceipt {
    this.checkSettings();
    if (eventType === relayDecisionEventType) {
      let note: RelayDecisionNote;
      try {
        note = RelayDecisionNote.parse(JSON.parse(rawBody));
      } catch {
        throw new ProviderError({ code: 'wellhub_message_unreadable' }, false, 'invalid_webhook', { providerMessage: 'a relay-decision note that does not fit' });
      }
      return this.requests.applyNote(note);
    }
    return this.requests.apply(readWellhubEvent(rawBody, receivedAt), { receivedAt, ...(fallbackDelayMs ? { fallbackDelayMs } : {}) });
  }

  /** Requests and visits the core's store kept, handed back after a restart so Confirm / Reject work as before. */
  restore(rows: StoredWellhubRows): void {
    this.requests.restore(rows);
  }

  /** The desk validated this member's visit (a validate_visit action Wellhub accepted). */
  visitValidated(wellhubId: string, at: string): WellhubVisit | undefined {
    return this.requests.visitValidated(wellhubId, at);
  }

  /** Confirm / reject through the gym's relay (set while a link exists), or straight to Wellhub (undefined). */
  useRelay(channel: RelayDecisionChannel | undefined): void {
    this.decisions.relay = channel;
  }

  /** Booking requests known from webhooks, with their 15-minute confirmation deadline (`confirmBy`). */
  bookingRequests(): WellhubBookingRequest[] {
    return this.requests.all(this.clock().getTime());
  }

  /** Check-ins made in the Wellhub app that can still be validated (about 20 minutes). */
  pendingVisits(): WellhubVisit[] {
    return this.requests.visits(this.clock().getTime());
  }

  /** The gym's classes at Wellhub (id and name), for linking them to the main system's classes in Connections. */
  async wellhubClasses(): Promise<{ id: number; name: string }[]> {
    this.checkSettings();
    const { classes } = await this.schedule.classes();
    return classes.map((wireClass) => ({ id: wireClass.id, name: wireClass.name }));
  }

  /** Beyond the Provider interface, for the sync engine: creates or updates the Wellhub slot of a main-system session. */
  async publishSlot(session: Session, target: SlotTarget): Promise<PublishedSlot> {
    this.checkSettings();
    return this.publisher.publish(session, target);
  }

  /** Beyond the Provider interface: tells Wellhub how many places are booked / exist (PATCH of the slot). */
  async updateSlotCounts(classId: number, slotId: number, counts: SlotCounts): Promise<void> {
    this.checkSettings();
    return this.publisher.updateCounts(classId, slotId, counts);
  }

  private checkSettings(): void {
    if (this.settingsError) throw this.settingsError;
  }
}

function problemWith(gymId: string, gymZone: string): ProviderError | undefined {
  if (!/^\d+$/.test(gymId)) {
    return new ProviderError({ code: 'settings_gym_id_missing' }, false, 'invalid_settings');
  }
  if (gymZone === '' || !isKnownZone(gymZone)) {
    return new ProviderError(deskMessage('settings_time_zone_missing', { provider: 'Wellhub' }), false, 'invalid_settings');
  }
  return undefined;
}
