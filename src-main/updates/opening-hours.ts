import { DateTime, type WeekdayNumbers } from 'luxon';
import type { OpeningHours, OpeningSpan, Weekday } from '../../src-shared/settings';

/**
 * When the gym is open, read from its opening hours in the gym's time zone, and the next moment a
 * desk may restart to install an update: when the gym is closed and stays closed long enough for
 * the installer to finish. Wall-clock times are the gym's; instants are what timers need. Spans
 * never cross midnight in the settings (a late night is 18:00–24:00 plus 00:00–02:00 the next day),
 * so "open across midnight" is two spans that touch, and a close at 24:00 followed by an opening at
 * 00:00 is no close at all.
 */

/** Long enough for an installer to replace the app and start it again, with room to spare. */
export const defaultQuietMinutes = 30;

/** How far ahead to look for a closed moment: a week covers every weekday, the extra day a late Sunday. */
const searchDays = 8;
const minuteMs = 60_000;

function minutesOf(time: string): number {
  // '24:00' gives 1440: the end of the day, never reached by a wall clock's minutes.
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

// Luxon numbers weekdays 1 (Monday) to 7 (Sunday).
const weekdayNamed: Record<WeekdayNumbers, Weekday> = {
  1: 'monday',
  2: 'tuesday',
  3: 'wednesday',
  4: 'thursday',
  5: 'friday',
  6: 'saturday',
  7: 'sunday',
};

function spansOn(hours: OpeningHours, local: DateTime<true>): readonly OpeningSpan[] {
  return hours[weekdayNamed[local.weekday]];
}

/** The gym's wall clock at an instant; a zone Luxon does not know is an error, not a silent UTC. */
function wallClock(at: Date, zone: string): DateTime<true> {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new RangeError(`Unknown time zone for opening hours: ${zone}`);
  return local;
}

/** Whether the gym is open at this instant, by the wall clock in its zone. */
export function isGymOpen(hours: OpeningHours, at: Date, zone: string): boolean {
  const local = wallClock(at, zone);
  const minute = local.hour * 60 + local.minute;
  return spansOn(hours, local).some((span) => minutesOf(span.opens) <= minute && minute < minutesOf(span.closes));
}

/**
 * Whether the gym stays closed from `from` for `minutes`. Opening hours and DST changes fall on
 * whole minutes, so being closed at `from` and at every minute boundary after it is being closed
 * throughout (this also catches the hour a clock repeats in autumn, which can reopen a span).
 */
export function staysClosed(hours: OpeningHours, from: Date, zone: string, minutes: number): boolean {
  if (isGymOpen(hours, from, zone)) return false;
  const firstBoundary = Math.floor(from.getTime() / minuteMs) * minuteMs + minuteMs;
  for (let at = firstBoundary; at < from.getTime() + minutes * minuteMs; at += minuteMs) {
    if (isGymOpen(hours, new Date(at), zone)) return false;
  }
  return true;
}

/**
 * The instants at which a span of this local date closes. A time the clock skips in spring (02:30
 * on the night it jumps from 02:00 to 03:00) closes the gym at the jump; a time the clock shows
 * twice in autumn closes it twice, and both are candidates.
 */
function closingInstants(date: DateTime<true>, span: OpeningSpan): DateTime[] {
  const closes = minutesOf(span.closes);
  if (closes === 24 * 60) return [date.plus({ days: 1 }).startOf('day')];
  const wanted = date.set({ hour: Math.floor(closes / 60), minute: closes % 60, second: 0, millisecond: 0 });
  const wallMinute = (dt: DateTime) => dt.hour * 60 + dt.minute;
  if (wallMinute(wanted) === closes) return wanted.getPossibleOffsets();
  // Skipped by the clock: Luxon moved it forward past the jump; step back to the first minute past it.
  let at = wanted;
  while (at.minus({ minutes: 1 }).hasSame(date, 'day') && wallMinute(at.minus({ minutes: 1 })) >= closes) {
    at = at.minus({ minutes: 1 });
  }
  return [at];
}

/**
 * The first moment at or after `now` when the gym is closed and stays closed for `quietMinutes`:
 * `now` itself when it already is, otherwise the close of some span. Null when the hours leave no
 * such gap within a week (a gym open around the clock): the desk then never restarts by itself.
 */
export function nextInstallMoment(hours: OpeningHours, now: Date, zone: string, quietMinutes = defaultQuietMinutes): Date | null {
  const candidates: Date[] = [now];
  // From yesterday: a span of yesterday may close today (24:00), one of today may already be past.
  const today = wallClock(now, zone).startOf('day');
  for (let offset = -1; offset <= searchDays; offset += 1) {
    const date = today.plus({ days: offset });
    for (const span of spansOn(hours, date)) {
      for (const instant of closingInstants(date, span)) {
        if (instant.toMillis() > now.getTime()) candidates.push(instant.toJSDate());
      }
    }
  }
  candidates.sort((a, b) => a.getTime() - b.getTime());
  return candidates.find((candidate) => staysClosed(hours, candidate, zone, quietMinutes)) ?? null;
}
