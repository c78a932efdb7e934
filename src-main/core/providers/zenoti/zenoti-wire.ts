import { z } from 'zod';

/**
 * What Zenoti sends, as far as Classdesk reads it. Envelopes are checked as a
 * whole (a broken envelope is an unreadable answer); the records inside are
 * kept as `unknown` and checked one by one, so one bad record never costs the rest.
 * Field names follow Zenoti's public API reference, including its spelling
 * (`strat_time_utc`); where the reference is silent the choice is noted here
 * and in docs/providers/zenoti.md.
 */

/** Class, session and registration ids are numbers; centers, instructors, rooms and guests GUIDs. Both become text. */
export const WireId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^[0-9A-Za-z-]{1,64}$/)])
  .transform((value) => String(value));

/** `2026-03-09T09:00:00` (center-local, no offset) or with `Z`/an offset; fractions allowed. */
export const WireTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$/, 'not a date-time');

const count = z.number().int().nonnegative();
const text = z.string().nullish();

/** Session status: Active 0, Cancelled 1, Upcoming 2, In progress 3, Completed 4. */
export const SESSION_CANCELLED = 1;

export const WireSession = z.object({
  id: WireId,
  name: text,
  class_id: WireId,
  /** Center-local, without an offset. */
  start_time: WireTime,
  end_time: WireTime,
  /** UTC; the reference spells the start field `strat_time_utc`, so both spellings are read. */
  strat_time_utc: WireTime.nullish(),
  start_time_utc: WireTime.nullish(),
  end_time_utc: WireTime.nullish(),
  instructor_id: WireId.nullish(),
  room_id: WireId.nullish(),
  /** Only Cancelled (1) matters to the desk; a status Zenoti adds later is read as scheduled. */
  status: z.number().int(),
  center_id: WireId.nullish(),
  center_name: text,
  capacity: count,
  wait_listed_count: count.nullish(),
  occupancy: count,
});
export type WireSession = z.infer<typeof WireSession>;

export const WireClass = z.object({
  id: WireId,
  name: text,
  display_name: text,
  description: text,
  allow_wait_list: z.boolean().nullish(),
  /** Hours before the start when registration closes. */
  registration_lock_window: z.number().nonnegative().nullish(),
});
export type WireClass = z.infer<typeof WireClass>;

export const WireNamed = z.object({ id: WireId, name: z.string().trim().min(1) });
export type WireNamed = z.infer<typeof WireNamed>;

/**
 * The reference only says page_details holds the number of results, of pages and
 * the page size, not the field names; these are the names Zenoti uses in its
 * other list answers. Unknown fields are ignored.
 */
export const WirePageDetails = z.object({
  page: count.nullish(),
  size: count.nullish(),
  page_size: count.nullish(),
  total: count.nullish(),
  total_records: count.nullish(),
  total_count: count.nullish(),
  total_pages: count.nullish(),
  pages: count.nullish(),
});
export type WirePageDetails = z.infer<typeof WirePageDetails>;

const records = z.array(z.unknown());

/** GET /v1/classes/sessions */
export const WireSessionsPage = z.object({
  sessions: records.nullish().transform((list) => list ?? []),
  classes: records.nullish().transform((list) => list ?? []),
  instructors: records.nullish().transform((list) => list ?? []),
  rooms: records.nullish().transform((list) => list ?? []),
  page_details: WirePageDetails.nullish(),
});
export type WireSessionsPage = z.infer<typeof WireSessionsPage>;

/** Zenoti's phone object (`country_code`, `number`, `display_number`); older answers send plain text. */
const WirePhone = z.union([
  z.string(),
  z.object({ country_code: z.union([z.number(), z.string()]).nullish(), number: text, display_number: text }),
]);
export type WirePhone = z.infer<typeof WirePhone>;

const guestDetails = {
  first_name: text,
  last_name: text,
  email: text,
  mobile_phone: WirePhone.nullish(),
};

/** A guest as a class registration carries it (flat), assumed from Zenoti's registration lists. */
export const WireRegistrationGuest = z.object({ id: WireId, code: text, ...guestDetails });

/** A guest as /v1/guests/search returns it: names and contacts under personal_info. */
export const WireSearchGuest = z.object({ id: WireId, code: text, personal_info: z.object(guestDetails) });
export type WireGuest = z.infer<typeof WireRegistrationGuest>;

/** Registration status: see `bookingStatusOf`. */
export const WireRegistrationStatus = z.number().int().min(0).max(9);

export const WireRegistration = z.object({
  id: WireId,
  session_id: WireId.nullish(),
  status: WireRegistrationStatus,
  guest: WireRegistrationGuest,
  current_waitlist_position: z.number().int().positive().nullish(),
  /** Center-local, like the session times. */
  signed_in_time: WireTime.nullish(),
});
export type WireRegistration = z.infer<typeof WireRegistration>;

/** GET /v1/classes/{class_id}/registrations */
export const WireRegistrationsPage = z.object({
  registrations: records.nullish().transform((list) => list ?? []),
  page_details: WirePageDetails.nullish(),
});

/** GET /v1/guests/search */
export const WireGuestSearch = z.object({
  guests: records.nullish().transform((list) => list ?? []),
  page_info: WirePageDetails.nullish(),
});

const WireNewRegistration = z.object({ id: WireId, status: WireRegistrationStatus });

/** POST /v1/classes/{class_id}/registrations: `registrations` is one object (the reference), or a list of one. */
export const WireRegisterAnswer = z.object({
  registrations: z.union([WireNewRegistration, z.array(WireNewRegistration).min(1)]),
});

/**
 * Error bodies: `{"error":{"code","message"}}` as documented; the web server in
 * front answers an unknown key ASP.NET-style with `{"Message": "..."}`.
 */
export const WireError = z.object({
  error: z
    .object({ code: z.union([z.string(), z.number()]).nullish(), message: text })
    .nullish(),
  Message: text,
  message: text,
});

/** The first thing wrong with a record, for the connection's health: `start_time: not a date-time`. */
export function whatIsWrong(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The record does not fit';
  const path = first.path.map(String).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}

/** The id of a record that failed its schema, when it has one worth showing. */
export function sourceIdOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined;
  const id = (raw as { id: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 100) : undefined;
}
