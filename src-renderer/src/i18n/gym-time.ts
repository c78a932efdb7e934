import i18next from 'i18next';
import type { Location } from '../../../src-shared/domain';

/** What formatting needs from a location: its language and its clock. */
export type GymPlace = Pick<Location, 'locale' | 'timeZone'>;

let thisPc: GymPlace | undefined;

/**
 * Without any gym yet there is no gym clock; the PC's own is the least surprising. Read once: asking
 * Intl for the PC's zone builds a formatter, milliseconds each on every render of a desk still loading.
 */
export function placeOrThisPc(place: GymPlace | undefined): GymPlace {
  thisPc ??= { locale: navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  return place ?? thisPc;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The desk's language with the gym's region: an English desk in Berlin reads
 * "Sunday 22 November, 18:00", not "Sonntag … Uhr" beside English words, and
 * Brooklyn still gets its 12-hour clock.
 */
export function formattingLocale(locationLocale: string, deskLanguage: string): string {
  try {
    const region = new Intl.Locale(locationLocale).region;
    return new Intl.Locale(deskLanguage, region ? { region } : {}).toString();
  } catch {
    return deskLanguage;
  }
}

/**
 * Always formats in the gym's zone, never the PC's: a desk PC set to the wrong
 * zone must still show classes at the times printed on the studio's wall.
 */
function formatterFor(place: GymPlace, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = formattingLocale(place.locale, i18next.language || 'en');
  const key = `${locale}|${place.timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = buildFormatter({ locale, timeZone: place.timeZone }, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

// A typo in a provider's locale or zone must not blank the whole screen.
function buildFormatter(place: GymPlace, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(place.locale, { ...options, timeZone: place.timeZone });
  } catch {
    try {
      return new Intl.DateTimeFormat(place.locale, { ...options, timeZone: 'UTC' });
    } catch {
      return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' });
    }
  }
}

const clockTime: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

export function formatClockTime(instant: string, place: GymPlace): string {
  return formatterFor(place, clockTime).format(new Date(instant));
}

export function formatTimeRange(startsAt: string, endsAt: string, place: GymPlace): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  // formatRange throws when the end is before the start; bad data still deserves a display.
  if (end.getTime() < start.getTime()) return formatClockTime(startsAt, place);
  // German adds " Uhr" to a range ("18:00–19:00 Uhr"); a timetable leaves it off, and so does the
  // class list, where those letters would cut the class's name short. AM/PM is a dayPeriod, kept.
  return formatterFor(place, clockTime)
    .formatRangeToParts(start, end)
    .filter((part) => !(part.type === 'literal' && /\p{L}/u.test(part.value)))
    .map((part) => part.value)
    .join('')
    .trim();
}

/** A local calendar date (yyyy-MM-dd) written out, e.g. "Saturday 21 March 2026". */
export function formatLocalDay(day: string, place: GymPlace): string {
  // The date is already the gym's local date; writing it out in UTC keeps it from shifting a day.
  const noon = new Date(`${day}T12:00:00Z`);
  return formatterFor({ locale: place.locale, timeZone: 'UTC' }, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(noon);
}

/** A local calendar date (yyyy-MM-dd) in few letters, for a line that also carries a time, e.g. "Sun, 6 Dec". */
export function formatShortDay(day: string, place: GymPlace): string {
  const noon = new Date(`${day}T12:00:00Z`);
  return formatterFor({ locale: place.locale, timeZone: 'UTC' }, { weekday: 'short', day: 'numeric', month: 'short' }).format(noon);
}

/** Time of a sync: the clock time if it was on the desk's current local day, else date and time. */
export function formatSyncTime(instant: string, place: GymPlace, nowMs: number): string {
  const day = formatterFor(place, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day.format(new Date(instant)) === day.format(new Date(nowMs))) return formatClockTime(instant, place);
  return formatDateTime(instant, place);
}

/** Date and clock time in the gym's zone, e.g. "20 Mar 2026, 17:55". */
export function formatDateTime(instant: string, place: GymPlace): string {
  return formatterFor(place, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}
