import type { Capabilities, ConnectionSettings } from '../../../src-shared/connections';
import type { RecordSet, RecordTable } from '../../../src-shared/contract';
import type { Booking, Member, SourceSystem } from '../../../src-shared/domain';
import type { Clock } from '../clock';
import type { RetryPolicy } from '../http/provider-http';
import type { DeskMessage } from '../../../src-shared/desk-messages';

/** The stretch of time a sync asks for, as UTC instants (from inclusive, to exclusive). */
export interface SyncWindow {
  from: string;
  to: string;
}

/** A record the provider sent that did not fit our schema: reported, never allowed to stop the rest. */
export interface RecordIssue {
  table: RecordTable;
  sourceId?: string;
  message: string;
}

/**
 * A booking as an adapter reads it. `updatedAt` only where the provider says when the booking changed;
 * the store stamps the rest (the first time it sees the booking in that state), so an adapter never
 * invents a time and a pass that finds nothing new writes nothing.
 */
export type FetchedBooking = Omit<Booking, 'updatedAt'> & { updatedAt?: string };

/** `visits`: Wellhub's pending visits; the other systems have none to tell. */
export type ProviderRecords = Omit<RecordSet, 'deskActions' | 'bookings' | 'visits'> & { bookings: FetchedBooking[]; visits?: RecordSet['visits'] };

export interface ProviderFetch {
  records: ProviderRecords;
  issues: RecordIssue[];
  /** The adapter left due work (rosters) for lack of rate budget: ask again soon. */
  incomplete?: boolean;
  /**
   * Sessions (ids as in `records.sessions`) whose roster the provider answered with an error rather than
   * a list: the store keeps their last known bookings and marks the class, the health counts them.
   */
  unreadRosters?: string[];
  /**
   * Sessions whose roster this fetch did not read at all, by design rather than by error: left for a
   * later pass for lack of rate budget (Zenoti), or beyond the provider's roster horizon (Whautomate's
   * 48 hours). Their stored bookings stay as they are, and the class is not marked.
   */
  rostersNotRead?: string[];
}

/** One desk action on an existing booking; `actionId` lets a provider recognise a retry. */
export interface BookingActionRequest {
  actionId: string;
  bookingId: string;
  /** Why, where the desk gave a reason (cancellations). */
  reason?: string;
}

export interface BookRequest {
  actionId: string;
  sessionId: string;
  memberId: string;
}

/** The provider's answer to "may this member book this class?", reasons as codes the desk words. */
export interface BookingValidation {
  bookable: boolean;
  reasons: DeskMessage[];
}

/** Wellhub's answer at the door: the visit is valid, or why not in plain words. */
export interface VisitValidation {
  valid: boolean;
  said: DeskMessage;
  member?: Member;
}

export interface BookingRequestDecision {
  actionId: string;
  bookingId: string;
  /** Wellhub's reason category when rejecting, e.g. CLASS_IS_FULL. */
  reason?: string;
}

/**
 * One connected system. Record ids are namespaced by connection
 * (`<connectionId>:session:<provider id>`), so several systems share one cache.
 * Optional methods exist exactly when the matching capability flag is true.
 */
export interface Provider {
  readonly connectionId: string;
  readonly source: SourceSystem;
  readonly capabilities: Capabilities;
  /** Set when the connection's settings cannot work (missing center id, unknown zone…); every call then fails with it. */
  readonly settingsProblem?: DeskMessage;
  /** Cheapest call that proves the key works; throws a ProviderError in plain words if not. */
  testConnection(): Promise<void>;
  /** Sessions starting inside the window, with what is known of their rosters and members. */
  fetchWindow(window: SyncWindow): Promise<ProviderFetch>;
  findMemberByBarcode?(barcode: string): Promise<Member | undefined>;
  searchMembers?(query: string): Promise<Member[]>;
  checkIn?(request: BookingActionRequest): Promise<Booking>;
  undoCheckIn?(request: BookingActionRequest): Promise<Booking>;
  cancelBooking?(request: BookingActionRequest): Promise<Booking>;
  promoteFromWaitlist?(request: BookingActionRequest): Promise<Booking>;
  /** A booked member who did not come, once the class is over. */
  markNoShow?(request: BookingActionRequest): Promise<Booking>;
  /**
   * The member's live booking on this session, if any. Asked before a `book` that may already have
   * reached the provider (a crash or lost answer) is sent again, so it takes effect once.
   */
  findBooking?(request: Omit<BookRequest, 'actionId'>): Promise<Booking | undefined>;
  validateBooking?(request: Omit<BookRequest, 'actionId'>): Promise<BookingValidation>;
  book?(request: BookRequest): Promise<Booking>;
  confirmBookingRequest?(request: BookingRequestDecision): Promise<Booking>;
  rejectBookingRequest?(request: BookingRequestDecision): Promise<Booking>;
  validateVisit?(wellhubId: string): Promise<VisitValidation>;
}

/** What every adapter factory is given. */
export interface ProviderContext {
  settings: ConnectionSettings;
  apiKey: string;
  clock: Clock;
  /** Tests shorten timeouts and backoff; production uses the client's defaults. */
  http?: { timeoutMs?: number; retry?: Partial<RetryPolicy> };
}
