import { DateTime } from 'luxon';
import type { SyncWindow } from '../providers/provider';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
/** UTC offsets run from −12 h to +14 h: this much slack covers every zone's local day. */
const zoneSlackMs = 14 * hourMs;

/**
 * From yesterday to two weeks ahead: yesterday so late classes and no-shows stay
 * visible after midnight, two weeks because that is how far gyms open booking.
 */
export function syncWindowAround(now: Date, daysBack = 1, daysAhead = 14): SyncWindow {
  const startOfUtcDay = Math.floor(now.getTime() / dayMs) * dayMs;
  return {
    from: new Date(startOfUtcDay - daysBack * dayMs - zoneSlackMs).toISOString(),
    to: new Date(startOfUtcDay + (daysAhead + 1) * dayMs + zoneSlackMs).toISOString(),
  };
}

/** The gym's local calendar day around an instant, as UTC bounds: what "today" means at that desk. */
export function localDayAround(instant: Date, timeZone: string): SyncWindow {
  const start = DateTime.fromJSDate(instant, { zone: timeZone }).startOf('day');
  const from = start.toUTC().toISO();
  const to = start.plus({ days: 1 }).toUTC().toISO();
  // An unknown zone gives invalid dates: fall back to the UTC day rather than fetching nothing.
  if (!from || !to) return localDayAround(instant, 'UTC');
  return { from, to };
}
