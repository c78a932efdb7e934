import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProviderError } from '../../provider-error';
import { instantFromEpochMs } from './wellhub-time';
import { BookingEventData, CheckinEventData, WebhookEnvelope } from './wellhub-wire';

/**
 * Wellhub's webhooks: an HTTP POST per event, signed in `X-Gympass-Signature`
 * with HMAC-SHA1 of the raw body under the secret registered with Wellhub,
 * written as upper-case hex (one documented example puts `0X` in front).
 * Wellhub waits 1 s for an answer and retries 3 times at once, so the same
 * event can arrive more than once.
 */

export const bookingEventTypes = ['booking-requested', 'booking-canceled', 'booking-late-canceled', 'checkin-booking-occurred'] as const;
export type BookingEventType = (typeof bookingEventTypes)[number];

/** `timeFromWellhub`: `at` is Wellhub's timestamp, not the moment the desk received the event. */
export type WellhubEvent =
  | { type: BookingEventType; eventId?: string; at: string; timeFromWellhub: boolean; data: BookingEventData }
  | { type: 'checkin'; eventId?: string; at: string; timeFromWellhub: boolean; data: CheckinEventData }
  /** An event the desk has no use for (e.g. SYSTEM_INTEGRATION_REQUESTED). */
  | { type: 'ignored'; eventType: string };

/** HMAC-SHA1 of the body under the secret, upper-case hex, as Wellhub signs it. */
export function wellhubSignature(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha1', secret).update(rawBody).digest('hex').toUpperCase();
}

/** Whether the header carries the body's signature; compared in constant time. */
export function hasValidSignature(rawBody: string | Buffer, signatureHeader: string | undefined, secret: string): boolean {
  if (!signatureHeader || secret === '') return false;
  const given = signatureHeader.trim().replace(/^0x/i, '').toUpperCase();
  const expected = wellhubSignature(rawBody, secret);
  const givenBytes = Buffer.from(given, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  // Lengths are public (always 40 hex digits); only the content needs a constant-time compare.
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}

/** The event in a verified body; `receivedAt` stands in when Wellhub sends no timestamp. */
export function readWellhubEvent(rawBody: string | Buffer, receivedAt: string): WellhubEvent {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    throw unreadable('the body is not JSON');
  }
  const envelope = WebhookEnvelope.safeParse(json);
  if (!envelope.success) throw unreadable('it has no event_type and event_data');
  const eventType = envelope.data.event_type.trim().toLowerCase();
  if (eventType === 'checkin') {
    const data = CheckinEventData.safeParse(envelope.data.event_data);
    if (!data.success) throw unreadable(`its check-in data does not fit: ${data.error.issues[0]?.message ?? ''}`);
    return { type: 'checkin', ...eventInstant(data.data.timestamp, receivedAt), data: data.data, ...eventIdOf(data.data.event_id) };
  }
  const bookingType = bookingEventTypes.find((type) => type === eventType);
  if (!bookingType) return { type: 'ignored', eventType: envelope.data.event_type };
  const data = BookingEventData.safeParse(envelope.data.event_data);
  if (!data.success) throw unreadable(`its booking data does not fit: ${data.error.issues[0]?.message ?? ''}`);
  return { type: bookingType, ...eventInstant(data.data.timestamp, receivedAt), data: data.data, ...eventIdOf(data.data.event_id) };
}

function eventInstant(timestamp: number | null | undefined, receivedAt: string): { at: string; timeFromWellhub: boolean } {
  const stated = typeof timestamp === 'number' && Number.isFinite(timestamp) && timestamp > 0;
  return stated ? { at: instantFromEpochMs(timestamp), timeFromWellhub: true } : { at: receivedAt, timeFromWellhub: false };
}

function eventIdOf(eventId: string | null | undefined): { eventId?: string } {
  return eventId ? { eventId } : {};
}

function unreadable(why: string): ProviderError {
  return new ProviderError({ code: 'wellhub_message_unreadable' }, false, 'invalid_webhook', { providerMessage: why });
}
