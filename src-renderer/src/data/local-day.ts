import { DateTime } from 'luxon';

/**
 * A gym's calendar day is a date in the gym's zone (yyyy-MM-dd). Its length in
 * UTC is 23, 24 or 25 hours, so bounds are always computed, never added up.
 */
export type LocalDay = string;

function inZone(day: LocalDay, zone: string): DateTime<true> {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  if (start.isValid) return start;
  // An unknown zone must not empty the desk; UTC is wrong by hours, not by days.
  const fallback = DateTime.fromISO(day, { zone: 'utc' }).startOf('day');
  if (fallback.isValid) return fallback;
  throw new RangeError(`Not a calendar date: ${day}`);
}

/** The instant's date on the gym's wall calendar. */
export function localDayOf(instantMs: number, zone: string): LocalDay {
  const here = DateTime.fromMillis(instantMs, { zone });
  const when = here.isValid ? here : DateTime.fromMillis(instantMs, { zone: 'utc' });
  return when.toISODate() ?? new Date(instantMs).toISOString().slice(0, 10);
}

/**
 * UTC bounds [from, to) of the local day. Written with milliseconds (`.000Z`)
 * on purpose: stored instants may carry them or not, and `…00Z` sorts after
 * `…00.000Z`, so these bounds keep string order equal to time order at both ends.
 */
export function localDayBounds(day: LocalDay, zone: string): { fromUtc: string; toUtc: string } {
  const start = inZone(day, zone);
  const end = start.plus({ days: 1 });
  return { fromUtc: start.toUTC().toISO(), toUtc: end.toUTC().toISO() };
}

export function shiftLocalDay(day: LocalDay, days: number): LocalDay {
  const moved = DateTime.fromISO(day, { zone: 'utc' }).plus({ days });
  return moved.toISODate() ?? day;
}
