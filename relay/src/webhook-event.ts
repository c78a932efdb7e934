import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What the relay needs to know of a verified Wellhub webhook: its type, its
 * identity (so a retried delivery is stored once) and, for booking events, the
 * booking. The body itself is stored untouched for the desk, which reads it in
 * full with the adapter's own schemas.
 *
 * Identity: Wellhub's `event_id` when the event has one (the Booking API's
 * events do); otherwise type + booking number (or member token) + Wellhub's
 * timestamp; with no timestamp either, the SHA-256 of the raw body (a retry
 * sends the same bytes).
 */

export const relayedEventTypes = ['booking-requested', 'booking-canceled', 'booking-late-canceled', 'checkin-booking-occurred', 'checkin'] as const;
export type RelayedEventType = (typeof relayedEventTypes)[number];

const epochMs = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const Envelope = z.object({ event_type: z.string().min(1), event_data: z.unknown().optional() });
const BookingData = z.looseObject({
  slot: z.looseObject({
    id: z.number().int().nonnegative(),
    class_id: z.number().int().nonnegative().nullish(),
    booking_number: z.string().trim().min(1).max(200),
  }),
  timestamp: epochMs.nullish(),
  event_id: z.string().min(1).max(200).nullish(),
});
const CheckinData = z.looseObject({
  user: z.looseObject({ unique_token: z.union([z.string().min(1), z.number()]) }),
  timestamp: epochMs.nullish(),
  event_id: z.string().min(1).max(200).nullish(),
});

export type WebhookEvent =
  | { kind: 'invalid'; why: string }
  | { kind: 'unrelayed'; eventType: string }
  | {
      kind: 'event';
      type: RelayedEventType;
      key: string;
      timestampMs?: number;
      booking?: { number: string; slotId: number; classId?: number };
    };

export function readWebhookEvent(rawBody: Buffer): WebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'invalid', why: 'the body is not JSON' };
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return { kind: 'invalid', why: 'the body has no event_type' };
  const type = relayedEventTypes.find((known) => known === envelope.data.event_type.trim().toLowerCase());
  if (!type) return { kind: 'unrelayed', eventType: envelope.data.event_type.slice(0, 100) };

  if (type === 'checkin') {
    const data = CheckinData.safeParse(envelope.data.event_data);
    if (!data.success) return { kind: 'invalid', why: `the checkin event_data does not fit: ${data.error.issues[0]?.message ?? ''}` };
    const timestampMs = validTimestamp(data.data.timestamp);
    return {
      kind: 'event',
      type,
      key: identity(type, data.data.event_id, String(data.data.user.unique_token), timestampMs, rawBody),
      ...(timestampMs !== undefined ? { timestampMs } : {}),
    };
  }
  const data = BookingData.safeParse(envelope.data.event_data);
  if (!data.success) return { kind: 'invalid', why: `the ${type} event_data does not fit: ${data.error.issues[0]?.message ?? ''}` };
  const slot = data.data.slot;
  const timestampMs = validTimestamp(data.data.timestamp);
  return {
    kind: 'event',
    type,
    key: identity(type, data.data.event_id, slot.booking_number, timestampMs, rawBody),
    ...(timestampMs !== undefined ? { timestampMs } : {}),
    booking: { number: slot.booking_number, slotId: slot.id, ...(typeof slot.class_id === 'number' ? { classId: slot.class_id } : {}) },
  };
}

function validTimestamp(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function identity(type: string, eventId: string | null | undefined, subject: string, timestampMs: number | undefined, rawBody: Buffer): string {
  if (eventId) return `id:${eventId}`;
  if (timestampMs !== undefined) return `derived:${type}:${subject}:${timestampMs}`;
  return `body:${createHash('sha256').update(rawBody).digest('hex')}`;
}
