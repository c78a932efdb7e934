import { DateTime } from 'luxon';

/**
 * The desk's language with the gym's region, as the renderer formats (gym-time.ts): a German desk
 * in Brooklyn still reads its 12-hour clock. A locale Intl does not know falls back to the language.
 */
export function paperLocale(language: string, locationLocale: string): string {
  try {
    const region = new Intl.Locale(locationLocale).region;
    return new Intl.Locale(language, region ? { region } : {}).toString();
  } catch {
    return language;
  }
}

/** Always in the gym's zone, never the PC's: the paper must match the times on the studio's wall. */
function inZone(iso: string, timeZone: string, locale: string): DateTime {
  const local = DateTime.fromISO(iso, { zone: timeZone, locale });
  return local.isValid ? local : DateTime.fromISO(iso, { zone: 'UTC', locale });
}

export function paperTime(iso: string, timeZone: string, locale: string): string {
  return inZone(iso, timeZone, locale).toLocaleString(DateTime.TIME_SIMPLE);
}

export function paperTimeRange(startsAt: string, endsAt: string, timeZone: string, locale: string): string {
  return `${paperTime(startsAt, timeZone, locale)}–${paperTime(endsAt, timeZone, locale)}`;
}

/** "Monday, 23 November 2026" in the location's zone. */
export function paperDate(iso: string, timeZone: string, locale: string): string {
  return inZone(iso, timeZone, locale).toLocaleString(DateTime.DATE_HUGE);
}
