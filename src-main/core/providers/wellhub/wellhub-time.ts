import { DateTime } from 'luxon';

/**
 * Wellhub writes instants in several ways, and we read each one explicitly:
 * - slot lists and classes: `2021-03-09T07:00:00Z[UTC]` (a Java ZonedDateTime with its zone in brackets);
 * - slot create/update answers: `2019-07-30T10:00:00-05:00` (the gym's offset);
 * - products: `2022-05-10T14:33:48.819005Z` (microseconds);
 * - possibly `…+02:00[Europe/Berlin]`: the offset decides the instant, the bracket only names the zone.
 * A time without any offset (not seen in the documents) is read as the gym's local time,
 * or as the bracketed zone's when there is one.
 */

const bracketedZone = /\[([^\]]+)\]$/;
const hasOffset = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** The instant as UTC ISO with milliseconds (`2021-03-09T07:00:00.000Z`), or undefined when it cannot be read. */
export function wellhubInstant(text: string, gymZone: string): string | undefined {
  const trimmed = text.trim();
  const zoneMatch = bracketedZone.exec(trimmed);
  const stamp = zoneMatch ? trimmed.slice(0, zoneMatch.index) : trimmed;
  const zone = zoneMatch?.[1] ?? gymZone;
  const parsed = hasOffset.test(stamp)
    ? DateTime.fromISO(stamp, { setZone: true })
    : DateTime.fromISO(stamp, { zone: zone === 'UTC' ? 'utc' : zone });
  if (!parsed.isValid) return undefined;
  return parsed.toUTC().toISO() ?? undefined;
}

/** Epoch milliseconds (webhook `timestamp`) as UTC ISO. */
export function instantFromEpochMs(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A UTC instant written the way Wellhub asks for slot times and list ranges:
 * "based on the location of the gym", i.e. the gym's wall-clock time with its
 * offset on that day (`2026-03-30T18:00:00+02:00`).
 */
export function gymLocalTime(utcIso: string, gymZone: string): string {
  const local = DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(gymZone);
  const text = local.toISO({ suppressMilliseconds: true });
  if (!local.isValid || text === null) throw new Error(`Cannot write ${utcIso} in ${gymZone}`);
  return text;
}

/** Whether a zone name is an IANA zone luxon knows. */
export function isKnownZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

export function addMinutes(utcIso: string, minutes: number): string {
  return new Date(Date.parse(utcIso) + minutes * 60_000).toISOString();
}
