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
