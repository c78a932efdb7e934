import { z } from 'zod';
import { commandNames, type CommandName } from './command-names';
import { Capabilities, Connection, ConnectionTestResult, SaveConnectionInput, WellhubClass, WellhubClassLink } from './connections';
import {
  Booking,
  ClassType,
  DeskAction,
  DeskStatus,
  Instructor,
  Location,
  Member,
  PendingVisit,
  Session,
  utcInstant,
} from './domain';
import { DeskMessage } from './desk-messages';
import { EffectiveSettings, SettingsLayer } from './settings';

/**
 * The seam between the core and the renderer. Both transports (Electron IPC,
 * the browser-mode WebSocket) carry exactly these commands and events; the core
 * validates every input against these schemas before acting on it.
 */

/** Everything the desk caches, by table. A snapshot fills all of it; a change set only what moved. */
export const RecordSet = z.object({
  locations: z.array(Location),
  instructors: z.array(Instructor),
  classTypes: z.array(ClassType),
  sessions: z.array(Session),
  members: z.array(Member),
  bookings: z.array(Booking),
  visits: z.array(PendingVisit),
  deskActions: z.array(DeskAction),
});
export type RecordSet = z.infer<typeof RecordSet>;
export type RecordTable = keyof RecordSet;
export const recordTables = Object.keys(RecordSet.shape) as RecordTable[];

const connectionIds = z.array(z.string().min(1).max(200));

/**
 * Everything the core's store holds, for a renderer that is new, holds another store's numbers, or is
 * behind the oldest tombstone the core still keeps. It replaces the rows of `covered` connections (those
 * the store has fetched data for) and of connections no longer `active`; rows of an active connection the
 * store has no data for yet stay as they are, so a snapshot never empties what the core cannot refresh.
 * Desk actions are the core's own: the snapshot's list is the whole list.
 */
export const Snapshot = z.object({
  /** Identity of the core's store: sequence numbers of another store mean nothing here. */
  store: z.string().min(1),
  /** The store's last change folded into this snapshot. */
  seq: z.number().int().nonnegative(),
  records: RecordSet,
  active: connectionIds,
  covered: connectionIds,
  /**
   * Set when the snapshot comes in parts: this first one holds what the desk shows first (its location's
   * today, with rosters and members); `getSnapshotRest` from this cursor brings the rest. Only once the
   * last part is in do rows the snapshot did not name leave.
   */
  more: z.string().min(1).max(1000).optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const SnapshotRest = z.object({
  records: RecordSet,
  /** Where the next part starts; absent on the last part. */
  more: z.string().min(1).max(1000).optional(),
});
export type SnapshotRest = z.infer<typeof SnapshotRest>;

/**
 * The rows that changed in the store after `from`, each as it stands at `seq`, and the ids removed
 * since (tombstones). A renderer holding any state from `from` to `seq` of the same store reaches
 * `seq` by applying it; one that holds less asks `getChanges` for what it missed.
 */
export const ChangeSet = z.object({
  store: z.string().min(1),
  from: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  /** Connections whose first data arrived after `from`: every row of theirs is in this set, older ones leave. */
  replaced: connectionIds,
  upserts: RecordSet.partial(),
  removals: z.partialRecord(z.enum(recordTables as [RecordTable, ...RecordTable[]]), z.array(z.string())),
});
export type ChangeSet = z.infer<typeof ChangeSet>;

/** The core's answer to a renderer that says what it holds: the changes since, or a snapshot when those are gone. */
export const CatchUp = z.discriminatedUnion('kind', [
  ChangeSet.extend({ kind: z.literal('changes') }),
  Snapshot.extend({ kind: z.literal('snapshot') }),
]);
export type CatchUp = z.infer<typeof CatchUp>;

export const Hello = z.object({
  coreVersion: z.string(),
  /** The core's clock; the renderer measures "today" and "now" by it. */
  now: utcInstant,
  status: DeskStatus,
  /** The location this desk serves, as the core remembers it: a new browser profile opens on it. */
  deskLocationId: z.string().min(1).max(200).optional(),
});
export type Hello = z.infer<typeof Hello>;

const actionId = z.uuid();
const bookingAction = z.object({ actionId, bookingId: z.string().min(1) });
const reason = z.string().trim().min(1).max(500);
const sessionAndMember = z.object({ sessionId: z.string().min(1), memberId: z.string().min(1) });

export const BookingValidation = z.object({
  bookable: z.boolean(),
  /** Why not (or, when bookable, what to know: a full class means the waitlist), as codes the desk words. */
  reasons: z.array(DeskMessage),
});
export type BookingValidation = z.infer<typeof BookingValidation>;
const connectionRef = z.object({ id: z.string().min(1).max(64) }).strict();

export const CheckInByBarcodeInput = z.object({
  actionId,
  /** Digits (and some providers' letters) as the scanner typed them. */
  barcode: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[0-9A-Za-z-]+$/, 'A barcode has only letters, digits and dashes'),
  locationId: z.string().min(1),
});

export const CheckInByBarcodeResult = z.discriminatedUnion('outcome', [
  // The action's state says how it went: confirmed, still accepted (queued) or rejected with a reason.
  z.object({ outcome: z.literal('check_in'), action: DeskAction, member: Member, session: Session }),
  z.object({ outcome: z.literal('already_checked_in'), member: Member, session: Session }),
  z.object({ outcome: z.literal('no_booking'), member: Member }),
  // Refused before anything was journaled: the class's check-in is not open yet (or the system takes none).
  z.object({ outcome: z.literal('refused'), member: Member, session: Session, reason: DeskMessage }),
  z.object({ outcome: z.literal('unknown_barcode') }),
  // The code belongs to members of several systems or centres and none of this desk's: the desk cannot tell who.
  z.object({ outcome: z.literal('ambiguous_barcode'), members: z.array(Member).min(2) }),
]);
export type CheckInByBarcodeResult = z.infer<typeof CheckInByBarcodeResult>;

/** A kit file's place inside the data folder's outage-kit folder; hosts open or serve nothing else. */
export const outageKitFilePattern = /^\d{4}-\d{2}-\d{2}\/[a-z0-9-]{1,80}\.pdf$/;

/** One location's outage kit of today: its classes and rosters as a PDF, written by the core. */
export const OutageKitFile = z.object({
  locationId: z.string().min(1).max(200),
  locationName: z.string().min(1).max(200),
  /** The location's calendar day, in its own zone. */
  day: z.iso.date(),
  file: z.string().regex(outageKitFilePattern),
  classes: z.number().int().nonnegative(),
});
export type OutageKitFile = z.infer<typeof OutageKitFile>;

interface CommandSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const commands = {
  hello: { input: z.object({}).strict(), output: Hello },
  /** Everything the store holds (tools and tests; renderers catch up with getChanges). */
  getSnapshot: { input: z.object({}).strict(), output: Snapshot },
  /** What changed since the renderer's `since` in store `store`; a snapshot when it is new or too far behind. */
  getChanges: {
    input: z.object({ store: z.string().min(1).max(100).optional(), since: z.number().int().nonnegative() }).strict(),
    output: CatchUp,
  },
  /** The next part of a snapshot that came in parts, by the cursor the previous part gave. */
  getSnapshotRest: {
    input: z.object({ store: z.string().min(1).max(100), more: z.string().min(1).max(1000) }).strict(),
    output: SnapshotRest,
  },
  syncNow: { input: z.object({}).strict(), output: DeskStatus },
  checkInByBarcode: { input: CheckInByBarcodeInput.strict(), output: CheckInByBarcodeResult },
  checkIn: { input: bookingAction.strict(), output: DeskAction },
  undoCheckIn: { input: bookingAction.strict(), output: DeskAction },
  cancelBooking: { input: bookingAction.extend({ reason: reason.optional() }).strict(), output: DeskAction },
  bookMember: { input: sessionAndMember.extend({ actionId }).strict(), output: DeskAction },
  validateBooking: { input: sessionAndMember.strict(), output: BookingValidation },
  promoteFromWaitlist: { input: bookingAction.strict(), output: DeskAction },
  confirmBookingRequest: { input: bookingAction.strict(), output: DeskAction },
  /** `reason` is the provider's category, e.g. Wellhub's CLASS_IS_FULL. */
  rejectBookingRequest: { input: bookingAction.extend({ reason: reason.optional() }).strict(), output: DeskAction },
  /** A booked member who did not come, after the class (where the system allows it). */
  markNoShow: { input: bookingAction.strict(), output: DeskAction },
  validateVisit: {
    input: z
      .object({
        actionId,
        connectionId: z.string().min(1),
        visitorId: z.string().trim().regex(/^\d{13}$/, 'A Wellhub id has 13 digits'),
      })
      .strict(),
    output: DeskAction,
  },
  /** Asks the provider itself, for systems whose members the desk does not keep. */
  searchMembers: {
    input: z.object({ connectionId: z.string().min(1), query: z.string().trim().min(2).max(100) }).strict(),
    output: z.array(Member),
  },
  /** The location this desk serves: its today is fetched first and refreshed most often. */
  setDeskLocation: { input: z.object({ locationId: z.string().min(1) }).strict(), output: z.object({}) },
  /** What each active connection (the built-in demo studio too) lets the desk do, by connection id. */
  listCapabilities: { input: z.object({}).strict(), output: z.record(z.string(), Capabilities) },
  listConnections: { input: z.object({}).strict(), output: z.array(Connection) },
  saveConnection: { input: SaveConnectionInput.strict(), output: Connection },
  removeConnection: { input: connectionRef, output: z.object({ removed: z.boolean() }) },
  testConnection: { input: connectionRef, output: ConnectionTestResult },
  /** The classes the gym has on Wellhub, asked of Wellhub now (for Connections → Classes on Wellhub). */
  listWellhubClasses: { input: connectionRef, output: z.array(WellhubClass) },
  /** Which of the gym's classes are sold as which Wellhub class; replaces the connection's links. */
  saveWellhubClassLinks: {
    input: z.object({ id: z.string().min(1).max(64), links: z.array(WellhubClassLink).max(500) }).strict(),
    output: Connection,
  },
  /** A plain-text report for a support person: versions, settings without secrets, health, the last log lines. */
  getDiagnostics: { input: z.object({}).strict(), output: z.object({ text: z.string().max(200_000) }) },
  /** The settings in force, where each came from (a 'policy' one is locked), and what is wrong in IT's files. */
  getSettings: { input: z.object({}).strict(), output: EffectiveSettings },
  /** Only the fields that changed; refused ('conflict') when one is locked by policy or is the close PIN. */
  saveSettings: { input: SettingsLayer, output: EffectiveSettings },
  /**
   * Empties the desk: store, connections, the desk's settings and the stored keys; the desk starts
   * again as on its first day. Refused ('conflict') while desk actions wait to be sent, unless
   * `discardWaiting` says to lose them.
   */
  wipeLocalData: { input: z.object({ discardWaiting: z.boolean().optional() }).strict(), output: z.object({ wiped: z.literal(true) }) },
  /** Writes the outage kit of today now (one location's, or every location's), from what the store holds, and says where each is. */
  writeOutageKit: { input: z.object({ locationId: z.string().min(1).max(200).optional() }).strict(), output: z.object({ kits: z.array(OutageKitFile) }) },
} as const satisfies Record<CommandName, CommandSpec>;

export type CommandInput<K extends CommandName> = z.input<(typeof commands)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<(typeof commands)[K]['output']>;

/**
 * The shell's word about updates, for the status strip: an update is downloaded and waits for the
 * gym to close (`installAt`, null when the opening hours leave no closed time), or nothing waits.
 * Only the Electron shell sends it; browser mode has no installer.
 */
export const UpdateNotice = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }).strict(),
  z
    .object({
      state: z.literal('ready'),
      version: z.string().min(1).max(100),
      installAt: utcInstant.nullable(),
    })
    .strict(),
]);
export type UpdateNotice = z.infer<typeof UpdateNotice>;

export const DeskEvent = z.discriminatedUnion('name', [
  z.object({ name: z.literal('changes'), payload: ChangeSet }),
  z.object({ name: z.literal('status'), payload: DeskStatus }),
  // Sent whenever a connection is added, changed, removed or its health moves.
  z.object({ name: z.literal('connections'), payload: z.array(Connection) }),
  // Sent by the shell when an update is found, downloaded or installs tonight.
  z.object({ name: z.literal('update'), payload: UpdateNotice }),
  // Sent whenever a setting in force changes (saved at a desk, or the desk was wiped).
  z.object({ name: z.literal('settings'), payload: EffectiveSettings }),
]);
export type DeskEvent = z.infer<typeof DeskEvent>;

export const CommandErrorCode = z.enum(['invalid_input', 'not_found', 'conflict', 'unavailable', 'internal']);
export type CommandErrorCode = z.infer<typeof CommandErrorCode>;
/** A refusal or failure: its kind (`code`) and what to say (`message`, a code the desk words). */
export const CommandError = z.object({ code: CommandErrorCode, message: DeskMessage });
export type CommandError = z.infer<typeof CommandError>;

/** What crosses a transport for one command: never a thrown error, always this envelope. */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/** The renderer's view of the desk: one function per command, plus push events. */
export type DeskApi = {
  [K in CommandName]: (input: CommandInput<K>) => Promise<CommandOutput<K>>;
} & {
  subscribe(listener: (event: DeskEvent) => void): () => void;
};

/**
 * What the Electron preload hands the page as `window.classdesk`: one function per command that
 * resolves with the envelope as main sent it, and the events as they come. The page's one client
 * (renderer desk-client.ts) checks both against the contract, as it does for browser mode's socket.
 */
export type PreloadDesk = {
  [K in CommandName]: (input: unknown) => Promise<CommandResult<unknown>>;
} & {
  subscribe(listener: (event: unknown) => void): () => void;
};

export { commandNames, type CommandName };
