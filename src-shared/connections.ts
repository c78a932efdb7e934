import { z } from 'zod';
import { utcInstant } from './domain';

/**
 * Connections to the systems a gym already runs. Settings travel between the
 * renderer and the core; API keys only ever travel inward (saveConnection) and
 * are never part of any record the core sends back.
 */

export const ProviderKind = z.enum(['magicline', 'perfectgym', 'zenoti', 'whautomate', 'wellhub']);
export type ProviderKind = z.infer<typeof ProviderKind>;

/** What a connected system can do; the UI asks these, never the provider's name. */
export const Capabilities = z.object({
  listSessions: z.boolean(),
  /** Full participant lists per session. Without it the desk shows counts and what it knows. */
  roster: z.boolean(),
  memberByBarcode: z.boolean(),
  memberSearch: z.boolean(),
  checkIn: z.boolean(),
  undoCheckIn: z.boolean(),
  /** Ask the provider whether a member may book before booking (contingent, limits…). */
  validateBooking: z.boolean(),
  book: z.boolean(),
  cancelBooking: z.boolean(),
  waitlist: z.boolean(),
  /** Move someone from the waitlist onto the class. */
  promoteFromWaitlist: z.boolean(),
  /** Wellhub: confirm or reject a member's booking request. */
  confirmBookingRequests: z.boolean(),
  /** Wellhub: validate a member's check-in at the door by their Wellhub id. */
  validateVisit: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

/** Nothing allowed: a connection that is not set up, or the base to switch single flags on from. */
export const noCapabilities: Capabilities = Object.freeze({
  listSessions: false,
  roster: false,
  memberByBarcode: false,
  memberSearch: false,
  checkIn: false,
  undoCheckIn: false,
  validateBooking: false,
  book: false,
  cancelBooking: false,
  waitlist: false,
  promoteFromWaitlist: false,
  confirmBookingRequests: false,
  validateVisit: false,
});

const optionalText = z.string().trim().min(1).max(200).optional();

export const ConnectionSettings = z.object({
  id: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'Connection ids use lower-case letters, digits and dashes'),
  provider: ProviderKind,
  /** The name the desk shows, e.g. "Magicline – Berlin Mitte". */
  label: z.string().trim().min(1).max(100),
  /** The provider's API host; the preset fills it in from the tenant when left out. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Magicline / PerfectGym tenant name (the first part of the API host). */
  tenant: optionalText,
  /** Zenoti center id, Wellhub gym id, Whautomate location id… */
  scopeId: optionalText,
  /** IANA zone of the location when the provider does not send one (Zenoti center times). */
  timeZone: optionalText,
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

export const ConnectionHealth = z.object({
  state: z.enum(['never_synced', 'ok', 'failing']),
  lastSyncAt: utcInstant.optional(),
  /** The last failure in plain words, for the receptionist and the IT person. */
  lastError: z.string().optional(),
  /** When the current run of failures began; absent while syncs go through. */
  failingSince: utcInstant.optional(),
  /** Records the provider sent that did not fit, in the last sync. */
  rejectedRecords: z.number().int().nonnegative(),
  /** Class rosters the provider could not give in the last sync (an error answer, not an empty roster). */
  unreadRosters: z.number().int().nonnegative().optional(),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealth>;

export const Connection = ConnectionSettings.extend({
  hasApiKey: z.boolean(),
  capabilities: Capabilities,
  health: ConnectionHealth,
});
export type Connection = z.infer<typeof Connection>;

export const SaveConnectionInput = z.object({
  settings: ConnectionSettings,
  /** Write-only: given when adding a connection or changing its key; never sent back. */
  apiKey: z.string().trim().min(1).max(4096).optional(),
});

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  /** What the desk shows: "Connected to Zenoti" or why not, in plain words. */
  message: z.string(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
