import { z } from 'zod';

/**
 * The Wellhub relay ↔ desk protocol: JSON text frames over one WebSocket
 * (`GET /desk`, `Authorization: Bearer <desk token>`). The relay keeps every
 * webhook of the gym in order (`seq`, counted per gym from 1); a desk says
 * where it stands (`hello.after`), receives everything after that and then
 * live events, and acknowledges what it has kept (`ack`). A desk may get an
 * event again only after a reconnect without `after`; it keeps the highest
 * `seq` it applied and ignores lower ones.
 */

export const relayDeskPath = '/desk';

/**
 * Wellhub's reason categories for turning down a booking request (Booking API v2), with the words
 * Wellhub's documents give for each, sent as `reason` and shown to the member in the Wellhub app.
 * One list for the core's Wellhub provider, the relay and the desk (which words them in en.ts / de.ts);
 * here, because the relay runs this file as it is (Node's type stripping) and it may import nothing local.
 */
export const wellhubReasonTexts = {
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

export type WellhubReasonCategory = keyof typeof wellhubReasonTexts;
export const wellhubReasonCategories = Object.keys(wellhubReasonTexts) as [WellhubReasonCategory, ...WellhubReasonCategory[]];
export const WellhubReasonCategory = z.enum(wellhubReasonCategories);

/** When the desk gives no reason: the documents require one for REJECTED, and this one claims nothing untrue. */
export const defaultWellhubReason: WellhubReasonCategory = 'GENERAL_ERROR';

const seq = z.number().int().nonnegative();
const bookingNumber = z.string().trim().min(1).max(200);

// --- desk → relay -----------------------------------------------------------

/** First frame. `after`: the highest seq the desk has applied; left out → the relay's stored acknowledgement. */
export const DeskHello = z.object({ type: z.literal('hello'), after: seq.optional() });

/** The desk has kept every event up to `seq`: a later reconnect without `after` starts behind it. */
export const DeskAck = z.object({ type: z.literal('ack'), seq });

/** The desk's answer to a booking request; the relay sends the one PATCH to Wellhub. */
export const DeskDecide = z.object({
  type: z.literal('decide'),
  /** Echoed in the answer so the desk can match it. */
  requestId: z.string().min(1).max(100),
  bookingNumber,
  decision: z.enum(['confirm', 'reject']),
  reasonCategory: WellhubReasonCategory.optional(),
});

/** The main system's numbers for a Wellhub slot: what the relay's fallback decides by. */
export const DeskCapacity = z.object({
  type: z.literal('capacity'),
  slotId: z.number().int().nonnegative(),
  totalCapacity: z.number().int().min(0).max(32_000),
  totalBooked: z.number().int().min(0).max(32_000),
});

export const DeskFrame = z.discriminatedUnion('type', [DeskHello, DeskAck, DeskDecide, DeskCapacity]);
export type DeskFrame = z.infer<typeof DeskFrame>;

// --- relay → desk -----------------------------------------------------------

/**
 * One stored event. Wellhub's own events carry the raw body and its signature, so the
 * desk can check the signature with the secret it holds; the relay's own notes
 * (`relay-decision`) carry an empty signature and a `RelayDecisionNote` body.
 */
export const RelayEventFrame = z.object({
  type: z.literal('event'),
  seq: seq.min(1),
  eventType: z.string().min(1),
  body: z.string(),
  signature: z.string(),
  receivedAt: z.string(),
});
export type RelayEventFrame = z.infer<typeof RelayEventFrame>;

/** The relay's note that a booking request was answered at Wellhub (or is no longer open). */
export const relayDecisionEventType = 'relay-decision';
export const RelayDecisionNote = z.object({
  bookingNumber,
  /** confirmed/rejected at Wellhub; canceled: the member withdrew first; failed: Wellhub refused the answer. */
  outcome: z.enum(['confirmed', 'rejected', 'canceled', 'failed']),
  reasonCategory: WellhubReasonCategory.optional(),
  /** `fallback` (the relay's rule), `desk:<desk id>`, or `member`. */
  decidedBy: z.string(),
  decidedAt: z.string(),
  error: z.string().optional(),
});
export type RelayDecisionNote = z.infer<typeof RelayDecisionNote>;

/** Sent once after `hello`, before any event: the gym and the relay's timing, for countdowns. */
export const RelayWelcome = z.object({
  type: z.literal('welcome'),
  gymId: z.string(),
  deskId: z.string(),
  /** Replay starts after this seq. */
  after: seq,
  fallbackDelayMs: z.number().int().positive(),
  wellhubDeadlineMs: z.number().int().positive(),
});

export const RelayDecisionAnswer = z.object({
  type: z.literal('decision'),
  requestId: z.string(),
  bookingNumber,
  /** applied: this desk's answer reached Wellhub; already-decided: another answer came first (see `note`); failed: Wellhub refused or could not be reached. */
  result: z.enum(['applied', 'already-decided', 'unknown-request', 'failed']),
  note: RelayDecisionNote.optional(),
  error: z.string().optional(),
});

/** A frame the relay could not take; the socket stays open. */
export const RelayProblem = z.object({ type: z.literal('problem'), message: z.string() });

export const RelayFrame = z.discriminatedUnion('type', [RelayWelcome, RelayEventFrame, RelayDecisionAnswer, RelayProblem]);
export type RelayFrame = z.infer<typeof RelayFrame>;
