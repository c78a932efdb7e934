import { z } from 'zod';
import { DeskMessage } from './desk-messages';

/**
 * The desk's domain, in the gym's words. Every record carries the id of the
 * connection it came from, so several systems can sit side by side in one cache.
 * Instants are UTC ISO strings; the location's IANA zone says how to show them.
 */

/**
 * Caps on what providers send. Every string a provider controls has one, so a
 * broken or hostile answer cannot fill the store, the cache or the screen; a
 * record over a cap is reported and skipped by itself, the rest syncs. The caps
 * are far above any real value (a member's name, a barcode, a class title).
 */
export const textLimits = { id: 200, name: 200, code: 200, contact: 320, note: 2000, zone: 100 } as const;

const id = z.string().min(1).max(textLimits.id);
/** A name, title or room as a person reads it. */
const name = z.string().min(1).max(textLimits.name);
/** An instant, always stored in UTC (`…Z`), so string order is time order. */
export const utcInstant = z.iso.datetime({ offset: false });

export const Location = z.object({
  id,
  connectionId: id,
  name,
  /** IANA zone, e.g. Europe/Berlin: the gym's local time, never the PC's. */
  timeZone: z.string().min(1).max(textLimits.zone),
  /** BCP 47 tag used to format dates and times for this location. */
  locale: z.string().min(2).max(textLimits.zone),
});
export type Location = z.infer<typeof Location>;

export const Instructor = z.object({
  id,
  connectionId: id,
  name,
});
export type Instructor = z.infer<typeof Instructor>;

export const ClassType = z.object({
  id,
  connectionId: id,
  name,
  description: z.string().max(textLimits.note).optional(),
});
export type ClassType = z.infer<typeof ClassType>;

export const SessionStatus = z.enum(['scheduled', 'cancelled']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const Session = z.object({
  id,
  connectionId: id,
  locationId: id,
  classTypeId: id,
  instructorId: id.optional(),
  title: name,
  room: z.string().max(textLimits.name).optional(),
  startsAt: utcInstant,
  endsAt: utcInstant,
  capacity: z.number().int().nonnegative(),
  booked: z.number().int().nonnegative(),
  waitlisted: z.number().int().nonnegative(),
  status: SessionStatus,
  /** When members may book: opens/closes as instants; absent when the source does not say. */
  bookingOpensAt: utcInstant.optional(),
  bookingClosesAt: utcInstant.optional(),
  /** Cancelling after this instant may cost the member (late cancellation). */
  cancellationDeadline: utcInstant.optional(),
  /**
   * The provider could not give this class's roster at the last sync (an error, not an empty list):
   * the bookings shown are the last ones read, and the desk says so instead of "nobody booked".
   */
  rosterUnread: z.boolean().optional(),
  /**
   * A Wellhub slot sold for a class of the gym's main system (a class link, set in Connections): the id of
   * that class's session. The core sets it; the desk shows one roster and one capacity, the main class's.
   */
  sameClassAs: id.optional(),
});
export type Session = z.infer<typeof Session>;

export const Member = z.object({
  id,
  connectionId: id,
  firstName: name,
  lastName: name,
  memberNumber: z.string().min(1).max(textLimits.code),
  /** What the desk scanner reads off the member's card or app. */
  barcode: z.string().min(1).max(textLimits.code).optional(),
  /** 320: the longest address the mail standards allow. */
  email: z.string().max(textLimits.contact).optional(),
  phone: z.string().max(textLimits.contact).optional(),
});
export type Member = z.infer<typeof Member>;

export const BookingStatus = z.enum([
  'booked',
  'waitlisted',
  'cancelled',
  'checked_in',
  'no_show',
  'pending_confirmation',
  'rejected',
]);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const SourceSystem = z.enum(['demo', 'magicline', 'perfectgym', 'zenoti', 'whautomate', 'wellhub']);
export type SourceSystem = z.infer<typeof SourceSystem>;

export const Booking = z.object({
  id,
  connectionId: id,
  sessionId: id,
  memberId: id,
  status: BookingStatus,
  source: SourceSystem,
  /** Place on the waitlist, 1 first; only for waitlisted bookings. */
  waitlistPosition: z.number().int().positive().optional(),
  checkedInAt: utcInstant.optional(),
  /** A Wellhub booking request (pending_confirmation): when Wellhub turns it down by itself if still unanswered. */
  decideBy: utcInstant.optional(),
  /** …and when the gym's relay answers it by its fallback rule first (relay/README.md), if a relay is linked. */
  fallbackAt: utcInstant.optional(),
  updatedAt: utcInstant,
});
export type Booking = z.infer<typeof Booking>;

/**
 * A member who checked in in the Wellhub app and waits at the door: the desk validates the visit within
 * Wellhub's window (about 20 minutes, `validateBy`) or Wellhub does not count it. Known only from the
 * `checkin` webhook, so only with a relay (relay/README.md).
 */
export const PendingVisit = z.object({
  /** The connection id and Wellhub's id of the member and the check-in time, so a repeated webhook is one visit. */
  id,
  connectionId: id,
  memberId: id,
  checkedInAt: utcInstant,
  validateBy: utcInstant,
  /** Wellhub's product (plan) the member checked in with, as Wellhub words it. */
  product: name.optional(),
  /** Set once the desk validated it; kept so the list shows it as done until it runs out. */
  validatedAt: utcInstant.optional(),
  updatedAt: utcInstant,
});
export type PendingVisit = z.infer<typeof PendingVisit>;

export const DeskActionKind = z.enum([
  'check_in',
  'undo_check_in',
  'book',
  'cancel_booking',
  'promote_from_waitlist',
  'confirm_booking_request',
  'reject_booking_request',
  'validate_visit',
  'mark_no_show',
]);
export type DeskActionKind = z.infer<typeof DeskActionKind>;

/**
 * accepted: journaled, not yet done at the provider (on its way, or queued while it is unreachable).
 * confirmed and rejected are final answers given while the desk waited; needs_attention is a queued
 * action the provider refused later (class started, class full): shown until someone deals with it.
 */
export const DeskActionState = z.enum(['accepted', 'confirmed', 'rejected', 'needs_attention']);
export type DeskActionState = z.infer<typeof DeskActionState>;

export const DeskAction = z.object({
  /** Made by the desk (UUID) so a retried request can never act twice. */
  id: z.uuid(),
  kind: DeskActionKind,
  state: DeskActionState,
  connectionId: id,
  /** What the action is about; a booking is known for all but `book` (until done) and `validate_visit`. */
  sessionId: id.optional(),
  memberId: id.optional(),
  bookingId: id.optional(),
  /** Why the desk cancels or rejects: free words, or a provider's reason category. */
  reason: z.string().max(500).optional(),
  /** The Wellhub id a visit is validated for (13 digits). */
  visitorId: z.string().regex(/^\d{13}$/).optional(),
  createdAt: utcInstant,
  updatedAt: utcInstant,
  /** Why the provider or the core said no: a code the desk words (a provider's own text only as its `detail`). */
  error: DeskMessage.optional(),
  /** What the provider answered when it said yes, where there is more to say (a visit validated, for which product). */
  outcome: DeskMessage.optional(),
});
export type DeskAction = z.infer<typeof DeskAction>;

export const ConnectionState = z.enum(['online', 'offline', 'syncing']);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** How current one connection's data is, for the status strip: which system is unreachable, since when. */
export const ConnectionFreshness = z.object({
  id,
  label: z.string().min(1).max(100),
  state: z.enum(['never_synced', 'ok', 'failing']),
  /** The last sync of this connection that went through: how old its data on screen is. */
  lastSyncAt: utcInstant.optional(),
  /** When the current run of failed syncs began. */
  failingSince: utcInstant.optional(),
});
export type ConnectionFreshness = z.infer<typeof ConnectionFreshness>;

export const DeskStatus = z.object({
  /** The providers as a whole: online while any answers, offline when none does. */
  connection: ConnectionState,
  lastSyncAt: utcInstant.optional(),
  pendingActions: z.number().int().nonnegative(),
  /** Every active connection's freshness, so the desk can name the one that fails. */
  connections: z.array(ConnectionFreshness),
  /** Set when the core cannot keep its store on disk: what is wrong, as a code the desk words. */
  storeProblem: DeskMessage.optional(),
});
export type DeskStatus = z.infer<typeof DeskStatus>;
