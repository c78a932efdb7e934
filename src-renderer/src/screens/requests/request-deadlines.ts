import type { Booking } from '../../../../src-shared/domain';

/** Where a booking request stands against its deadlines at one instant. */
export type RequestClock =
  /** Still open: Wellhub declines it in `declinesInMs`; the relay answers it by itself in `autoAnswerInMs`, if that comes first. */
  | { state: 'open'; declinesInMs: number; autoAnswerInMs: number | undefined }
  /** Wellhub's deadline has passed: it declined the request by itself. */
  | { state: 'expired' };

/** The request's clock at `nowMs`, or undefined when it states no deadline (a system that sets none). */
export function requestClock(booking: Pick<Booking, 'decideBy' | 'fallbackAt'>, nowMs: number): RequestClock | undefined {
  if (!booking.decideBy) return undefined;
  const declinesInMs = Date.parse(booking.decideBy) - nowMs;
  if (!(declinesInMs > 0)) return { state: 'expired' };
  const fallbackInMs = booking.fallbackAt ? Date.parse(booking.fallbackAt) - nowMs : Number.NaN;
  // After its fallback time the relay has answered (or is down): only Wellhub's deadline is left to count.
  const autoAnswerInMs = fallbackInMs > 0 && fallbackInMs < declinesInMs ? fallbackInMs : undefined;
  return { state: 'open', declinesInMs, autoAnswerInMs };
}

/**
 * Time left as a clock face, "12:34" (or "1:02:03" past an hour), rounded up so "0:00" is never
 * shown while there is still a moment left. Digits and colons read the same in English and German.
 */
export function formatCountdown(leftMs: number): string {
  const total = Math.max(0, Math.ceil(leftMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
