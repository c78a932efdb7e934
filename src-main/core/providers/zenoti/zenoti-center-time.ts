import { DateTime, IANAZone } from 'luxon';
import type { SyncWindow } from '../provider';

/**
 * Zenoti gives many times as center-local wall-clock time without an offset
 * (`2026-03-09T09:00:00`). Such a time means nothing without the center's zone,
 * and must never be read in the zone of the PC the desk runs on, so every
 * reading here names the zone explicitly.
 */

/** Zenoti's reference gives no limit on the date range of one sessions request; Classdesk asks for at most this many days at once. */
export const MAX_RANGE_DAYS = 31;

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** A center-local time (no offset) as a UTC instant; a time that carries an offset keeps it. */
export function instantFromCenterTime(time: string, zone: string): string | undefined {
  const parsed = HAS_OFFSET.test(time) ? DateTime.fromISO(time, { setZone: true }) : DateTime.fromISO(time, { zone });
  return utcInstant(parsed);
}

/** A `*_utc` field: UTC whether or not it says so. */
export function instantFromUtcTime(time: string): string | undefined {
  const parsed = HAS_OFFSET.test(time) ? DateTime.fromISO(time, { setZone: true }) : DateTime.fromISO(time, { zone: 'utc' });
  return utcInstant(parsed);
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, like `Date#toISOString()`. */
function utcInstant(time: DateTime): string | undefined {
  return time.isValid ? new Date(time.toMillis()).toISOString() : undefined;
}

/** The center's calendar date (`YYYY-MM-DD`) at an instant. */
export function centerDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd');
}

export interface CenterDateRange {
  /** Inclusive center-local dates, as Zenoti's start_date and end_date take them. */
  startDate: string;
  endDate: string;
}

/**
 * The center-local dates that cover a window of instants, in ranges of at most
 * MAX_RANGE_DAYS days. Whole days are asked for; sessions outside the window
 * are dropped after reading.
 */
export function centerDateRanges(window: SyncWindow, zone: string): CenterDateRange[] {
  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) return [];
  const first = DateTime.fromMillis(fromMs, { zone }).startOf('day');
  // `to` is exclusive: the last instant that counts is one millisecond earlier.
  const last = DateTime.fromMillis(toMs - 1, { zone }).startOf('day');
  const ranges: CenterDateRange[] = [];
  for (let start = first; start <= last; start = start.plus({ days: MAX_RANGE_DAYS })) {
    const end = DateTime.min(start.plus({ days: MAX_RANGE_DAYS - 1 }), last);
    ranges.push({ startDate: start.toFormat('yyyy-MM-dd'), endDate: end.toFormat('yyyy-MM-dd') });
  }
  return ranges;
}
