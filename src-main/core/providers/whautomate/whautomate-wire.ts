import { z } from 'zod';
import { ProviderError } from '../../provider-error';

/**
 * What Whautomate sends, as its REST documentation shows it ("Classes":
 * GET /v1/classes, /v1/classes/{classId}/participants,
 * /v1/classes/clients/{clientId}/bookings; "Clients": GET /v1/clients).
 * The documents give most fields as "text", so the schemas are lenient about
 * ids and counts (string or number) and strict only about what the desk needs.
 * The UTC time fields (startTimeUTC, startTime, endTimeUTC, endTime) are
 * unreliable and deliberately not read: times come from date + time + timezone.
 */

const wireId = z.union([z.string().min(1), z.number()]).transform(String);
const count = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number).pipe(z.number().int().nonnegative());
const optionalText = z.string().optional().nullable().transform((value) => value ?? undefined);

export const WireLocationRef = z.object({ id: wireId, title: z.string().min(1) });
export const WireStaffRef = z.object({ id: wireId, name: z.string().min(1) });

export const WireService = z.object({
  id: wireId,
  name: z.string().min(1),
  durationMinutes: count.optional().nullable(),
});

export const WireClass = z.object({
  id: wireId,
  location: WireLocationRef,
  staff: WireStaffRef.optional().nullable(),
  timezone: optionalText,
  /** The class's local calendar date, "YYYY-MM-DD". */
  date: z.string().min(10),
  /** The class's local start time: "09:00", "09:00:00" or "9:00 AM" are all seen as "text". */
  time: z.string().min(1),
  service: WireService,
  bookedParticipants: count.optional().nullable(),
  numberOfParticipants: count.optional().nullable(),
  status: optionalText,
  /** Only in the webhook payloads so far; read when the REST API sends it too. */
  advanceSettings: z.object({ cancelClassThresholdMinutes: count.optional().nullable() }).optional().nullable(),
});
export type WireClass = z.infer<typeof WireClass>;

export const WireClientRef = z.object({
  id: wireId,
  fullName: optionalText,
  /** Whautomate's own client number, when sent (the clients API and webhooks carry it). */
  clientId: optionalText,
  countryCode: optionalText,
  phone: optionalText,
  email: optionalText,
});

export const WireParticipant = z.object({
  id: wireId,
  client: WireClientRef,
  paymentStatus: optionalText,
  status: z.string().min(1),
  createdAt: optionalText,
  updatedAt: optionalText,
});
export type WireParticipant = z.infer<typeof WireParticipant>;

/** One entry of a client's class bookings: the participant with its class. */
export const WireClientBooking = WireParticipant.extend({ class: z.object({ id: wireId }).loose() });
export type WireClientBooking = z.infer<typeof WireClientBooking>;

export const WireClient = WireClientRef.extend({ fullName: z.string().min(1) });
export type WireClient = z.infer<typeof WireClient>;

const dataEnvelope = z.object({ data: z.array(z.unknown()) });
const dataObjectEnvelope = z.object({ data: z.record(z.string(), z.unknown()) });

/**
 * The items of a list answer. Whautomate sends a bare array or `{ data: [...] }`
 * (both are seen); anything else means the answer is broken as a whole.
 */
export function listItems(body: unknown, what: string): unknown[] {
  if (Array.isArray(body)) return body;
  const enveloped = dataEnvelope.safeParse(body);
  if (enveloped.success) return enveloped.data.data;
  throw brokenAnswer(what);
}

/** A single record, bare or wrapped in `{ data: {...} }`. */
export function singleItem<T>(body: unknown, schema: z.ZodType<T>, what: string): T {
  const bare = schema.safeParse(body);
  if (bare.success) return bare.data;
  const enveloped = dataObjectEnvelope.safeParse(body);
  const inner = enveloped.success ? schema.safeParse(enveloped.data.data) : undefined;
  if (inner?.success) return inner.data;
  throw brokenAnswer(what);
}

export function brokenAnswer(what: string): ProviderError {
  return new ProviderError({ code: 'provider_unreadable', params: { provider: 'Whautomate' } }, true, 'invalid_response', { providerMessage: `unreadable: ${what}` });
}

/** The first problem zod found, in a line for the connection's health panel. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match what Whautomate documents';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'record';
  return `${path}: ${issue.message}`;
}
