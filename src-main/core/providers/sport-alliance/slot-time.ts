import { DateTime, IANAZone, type DurationLikeObject } from 'luxon';

/**
 * Sport Alliance (Magicline, PerfectGym Next) writes times the way Java's
 * ZonedDateTime prints them: `2022-06-22T08:00:00.000+02:00[Europe/Berlin]`.
 * `new Date()` cannot read the bracketed zone, so this file reads it: the
 * offset fixes the instant, the zone name says which clock the studio runs on.
 */

export interface SlotTime {
  /** UTC ISO with milliseconds, e.g. 2022-06-22T06:00:00.000Z. */
  instant: string;
  /** The IANA zone from the brackets, when there was a valid one. */
  zone?: string;
}

const zonedPattern = /^(?<local>[^[\]]+?)(?:\[(?<zone>[^[\]]+)\])?$/;
const offsetPattern = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
/** The common shape, read without luxon: a sync reads hundreds of these. */
const isoWithOffset = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/i;
const knownZones = new Map<string, boolean>();

/** Whether luxon knows the IANA zone; remembered, as the same few zones come back all the time. */
export function isZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    known = IANAZone.isValidZone(name);
    if (knownZones.size < 1000) knownZones.set(name, known);
  }
  return known;
}

/**
 * Reads one Sport Alliance time. With an offset, the offset decides the instant
 * (even if the bracketed zone disagrees); without one, the time is read as wall
 * time in the bracketed zone, else in `fallbackZone`. Undefined when unreadable.
 */
export function parseSlotTime(text: string, fallbackZone?: string): SlotTime | undefined {
  const match = zonedPattern.exec(text.trim());
  const local = match?.groups?.local;
  if (!local) return undefined;
  const named = match.groups?.zone;
  const zone = named && isZone(named) ? named : undefined;
  const fastMs = offsetInstant(local);
  if (fastMs !== undefined) return zone ? { instant: utcIso(fastMs), zone } : { instant: utcIso(fastMs) };
  let parsed: DateTime;
  if (offsetPattern.test(local)) {
    parsed = DateTime.fromISO(local, { setZone: true });
  } else {
    const wallZone = zone ?? (fallbackZone && isZone(fallbackZone) ? fallbackZone : undefined);
    if (!wallZone) return undefined;
    parsed = DateTime.fromISO(local, { zone: wallZone });
  }
  if (!parsed.isValid) return undefined;
  return zone ? { instant: utcIso(parsed.toMillis()), zone } : { instant: utcIso(parsed.toMillis()) };
}

/** `yyyy-MM-ddTHH:mm[:ss[.fff]]` with `Z` or `±hh:mm`, checked field by field (no 30 February). */
function offsetInstant(local: string): number | undefined {
  const m = isoWithOffset.exec(local);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) => Number(m[group] ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) : 0;
  if (hour > 23 || minute > 59 || second > 59 || Number(m[10] ?? 0) > 59 || Math.abs(offsetMinutes) > 18 * 60) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return wall - offsetMinutes * 60_000;
}

/** The units Sport Alliance uses for a class's latest cancellation term. */
const termUnits: Record<string, keyof DurationLikeObject> = {
  MINUTES: 'minutes',
  HOURS: 'hours',
  DAY: 'days',
  WEEK: 'weeks',
  MONTH: 'months',
  YEAR: 'years',
};

/**
 * The instant `value unit` before `instant`, counted on the studio's clock:
 * "1 day before a 08:00 class" is 08:00 the day before, even across a DST change.
 */
export function termBefore(instant: string, term: { value: number; unit: string }, zone: string): string | undefined {
  const unit = termUnits[term.unit];
  if (!unit || !Number.isFinite(term.value) || term.value < 0) return undefined;
  const start = DateTime.fromISO(instant, { zone: isZone(zone) ? zone : 'UTC' });
  if (!start.isValid) return undefined;
  return utcIso(start.minus({ [unit]: term.value }).toMillis());
}

function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}
