import { z } from 'zod';
import { DeskMessage } from './desk-messages';
import { utcInstant } from './domain';

/**
 * Connections to the systems a gym already runs. Settings travel between the
 * renderer and the core; API keys only ever travel inward (saveConnection) and
 * are never part of any record the core sends back.
 */

export const ProviderKind = z.enum(['magicline', 'perfectgym', 'zenoti', 'whautomate', 'wellhub']);
export type ProviderKind = z.infer<typeof ProviderKind>;

/**
 * When a system takes a class check-in, relative to the class: from this many minutes before the
 * start until this many minutes after the end. A system that does not say uses the desk's default
 * (src-shared/desk-action-rules.ts: from 60 minutes before the start until the end).
 */
export const CheckInWindow = z.object({
  opensMinutesBeforeStart: z.number().int().nonnegative().max(24 * 60),
  closesMinutesAfterEnd: z.number().int().nonnegative().max(24 * 60),
});
export type CheckInWindow = z.infer<typeof CheckInWindow>;

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
  /** Mark a booked member who never came as a no-show, once the class is over. */
  markNoShow: z.boolean(),
  /** Where the system documents its own check-in window; absent: the desk's default. */
  checkInWindow: CheckInWindow.optional(),
});
/** The yes/no abilities (every capability but the check-in window). */
export type CapabilityFlag = Exclude<keyof Capabilities, 'checkInWindow'>;
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
  markNoShow: false,
});

/** Tabs, line breaks and other control characters: never part of a real setting, and unsafe in a header or a log line. */
const controlCharacters = /\p{Cc}/u;

const optionalText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((text) => !controlCharacters.test(text), 'Remove the line break, tab or other invisible character.')
  .optional();

/** Hosts where plain http:// stays on this PC: a local simulator or test double, never a provider. */
const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

const maxBaseUrlLength = 500;

/**
 * Why a provider's API address cannot be used, or undefined when it can. The API key is sent to it, so
 * only https:// qualifies, and http:// only to this very PC; nothing the URL parser would quietly drop or
 * reinterpret (control characters, user names, ? or # parts) is let through.
 */
export function baseUrlProblem(text: string): string | undefined {
  if (text.length > maxBaseUrlLength) return `The base URL is longer than ${maxBaseUrlLength} characters.`;
  if (controlCharacters.test(text)) return 'The base URL contains a line break, tab or other invisible character.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The base URL is not a web address. It starts with https://, e.g. https://api.example.com.';
  }
  if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
    return 'The base URL must start with https:// so the API key travels encrypted (http:// only for 127.0.0.1 or localhost).';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The base URL must start with https://.';
  if (url.username || url.password) return 'Put no user name or password in the base URL; the API key goes in its own field.';
  if (url.search || url.hash || text.includes('?') || text.includes('#')) return 'The base URL ends before any ? or #.';
  return undefined;
}

/** What the desk should say about settings that work but deserve a second look. */
export function connectionWarnings(settings: Pick<ConnectionSettings, 'baseUrl'>): DeskMessage[] {
  if (settings.baseUrl !== undefined && /^http:/i.test(settings.baseUrl)) return [{ code: 'connection_plain_http' }];
  return [];
}

export const ConnectionSettings = z.object({
  id: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'Connection ids use lower-case letters, digits and dashes'),
  provider: ProviderKind,
  /** The name the desk shows, e.g. "Magicline – Berlin Mitte". */
  label: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((text) => !controlCharacters.test(text), 'Remove the line break, tab or other invisible character from the name.'),
  /** The provider's API host; the preset fills it in from the tenant when left out. */
  baseUrl: z
    .string()
    .trim()
    .superRefine((text, context) => {
      const problem = baseUrlProblem(text);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Magicline / PerfectGym tenant name (the first part of the API host). */
  tenant: optionalText,
  /** Zenoti center id, Wellhub gym id, Whautomate location id… */
  scopeId: optionalText,
  /** IANA zone of the location when the provider does not send one (Zenoti center times). */
  timeZone: optionalText,
  /**
   * Wellhub only: the organisation's relay (relay/README.md), e.g. https://relay.example.org. Wellhub's
   * webhooks reach the desk through it; its desk token is a secret and travels like the API key.
   */
  relayUrl: z
    .string()
    .trim()
    .superRefine((text, context) => {
      const problem = baseUrlProblem(text);
      if (problem) context.addIssue({ code: 'custom', message: problem.replace('The base URL', 'The relay address') });
    })
    .optional(),
  /**
   * The demo's own Wellhub side (`npm run demo:wellhub`, relay/demo/): the built-in demo studio stays beside
   * this connection instead of stepping aside, so the demo shows both channels. Only the demo script sets it,
   * and it counts only on a Wellhub connection whose Wellhub and relay addresses stay on this PC
   * (isDemoSide): a real connection can never keep the demo's made-up classes beside the gym's own.
   */
  demo: z.literal(true).optional(),
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

function staysOnThisPc(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    return loopbackHosts.has(new URL(text).hostname);
  } catch {
    return false;
  }
}

/**
 * Whether a connection is the demo's own Wellhub side, beside which the demo studio stays: marked `demo`,
 * Wellhub, and talking only to this PC (its simulated Wellhub and local relay). A marker on anything else
 * is refused when saved and means nothing when read from a file.
 */
export function isDemoSide(settings: Pick<ConnectionSettings, 'demo' | 'provider' | 'baseUrl' | 'relayUrl'>): boolean {
  return (
    settings.demo === true &&
    settings.provider === 'wellhub' &&
    staysOnThisPc(settings.baseUrl) &&
    (settings.relayUrl === undefined || staysOnThisPc(settings.relayUrl))
  );
}

export const ConnectionHealth = z.object({
  state: z.enum(['never_synced', 'ok', 'failing']),
  lastSyncAt: utcInstant.optional(),
  /** The last failure, as a code the desk words for the receptionist and the IT person. */
  lastError: DeskMessage.optional(),
  /** When the current run of failures began; absent while syncs go through. */
  failingSince: utcInstant.optional(),
  /** Records the provider sent that did not fit, in the last sync. */
  rejectedRecords: z.number().int().nonnegative(),
  /** Class rosters the provider could not give in the last sync (an error answer, not an empty roster). */
  unreadRosters: z.number().int().nonnegative().optional(),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealth>;

/**
 * The link to a Wellhub connection's relay. connecting: not (yet) through; connected: events arrive live;
 * refused: the relay turned the desk token down (a new token is needed); unreachable: no answer, retried.
 */
export const RelayLink = z.object({
  state: z.enum(['connecting', 'connected', 'refused', 'unreachable']),
  since: utcInstant,
  /** The relay answers a request nobody decided this long after it arrived (its fallback), and Wellhub itself after this long. */
  fallbackDelayMs: z.number().int().positive().optional(),
  wellhubDeadlineMs: z.number().int().positive().optional(),
  /** When the last event from the relay was kept. */
  lastEventAt: utcInstant.optional(),
  problem: DeskMessage.optional(),
});
export type RelayLink = z.infer<typeof RelayLink>;

/**
 * A class of the gym's main system (its class type, of a non-Wellhub connection) and the Wellhub class it is
 * sold as. A session of that class pairs with the Wellhub slot of that class starting at the same instant.
 */
export const WellhubClassLink = z
  .object({
    classTypeId: z.string().min(1).max(200),
    wellhubClassId: z.number().int().positive().max(2_147_483_647),
  })
  .strict();
export type WellhubClassLink = z.infer<typeof WellhubClassLink>;

/** A class on Wellhub, as the Classes on Wellhub section offers it. */
export const WellhubClass = z.object({ id: z.number().int().positive(), name: z.string().min(1).max(200) });
export type WellhubClass = z.infer<typeof WellhubClass>;

/**
 * How the places of linked classes reach Wellhub: slots whose numbers wait to be sent (after a failure, tried
 * again with backoff), since when they fail, and why. Absent while nothing waits.
 */
export const WellhubPlaces = z.object({
  waiting: z.number().int().nonnegative(),
  failingSince: utcInstant.optional(),
  lastError: DeskMessage.optional(),
});
export type WellhubPlaces = z.infer<typeof WellhubPlaces>;

export const Connection = ConnectionSettings.extend({
  hasApiKey: z.boolean(),
  /** Wellhub with a relay: whether a desk token is stored (never the token itself). */
  hasRelayToken: z.boolean().optional(),
  relay: RelayLink.optional(),
  /** Wellhub: which of the gym's classes are sold as which Wellhub class (Connections → Classes on Wellhub). */
  classLinks: z.array(WellhubClassLink).optional(),
  /** Wellhub with class links: numbers that could not be sent to Wellhub yet. */
  wellhubPlaces: WellhubPlaces.optional(),
  /** Settings that work but deserve a second look (plain http:// to this PC), as codes the desk words. */
  warnings: z.array(DeskMessage).optional(),
  capabilities: Capabilities,
  health: ConnectionHealth,
});
export type Connection = z.infer<typeof Connection>;

export const SaveConnectionInput = z.object({
  settings: ConnectionSettings,
  /** Write-only: given when adding a connection or changing its key; never sent back. */
  apiKey: z
    .string()
    .trim()
    .min(1, 'Enter the API key.')
    .max(4096, 'This is longer than any API key (4096 characters at most). Paste only the key.')
    // Keys are sent as an HTTP header: a line break there is refused by the network stack or splits the header.
    .regex(/^[\x20-\x7e]+$/, 'The API key contains a line break, tab or a character no API key has. Paste only the key, once.')
    .optional(),
  /** Write-only, Wellhub with a relay: the desk token `npm run relay -- create-desk-token` printed. */
  relayDeskToken: z
    .string()
    .trim()
    .min(1, 'Enter the desk token.')
    .max(512, 'This is longer than a desk token. Paste only the token.')
    .regex(/^[\x20-\x7e]+$/, 'The desk token contains a line break, tab or a character no token has. Paste only the token, once.')
    .optional(),
});

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  /** What the desk shows: connected (`connection_ok`) or why not, as a code the desk words. */
  message: DeskMessage,
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
