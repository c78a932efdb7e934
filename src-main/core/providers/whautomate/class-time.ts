import { DateTime, IANAZone } from 'luxon';

/**
 * When a Whautomate class starts and ends. Whautomate's UTC fields
 * (startTimeUTC, startTime, endTimeUTC, endTime) are unreliable, so the start
 * is the class's local `date` + `time` read in its `timezone`, the way the
 * studio sees it on its wall clock, and the end is the start plus the
 * service's duration. Daylight saving is luxon's job: 09:00 in London is 09:00Z
 * in winter and 08:00Z in summer.
 */

export interface ClassTimes {
  startsAt: string;
  endsAt: string;
  /** The IANA zone the class was read in; the location's zone. */
  timeZone: string;
}

export type ClassTimesOrProblem = { ok: true; times: ClassTimes } | { ok: false; problem: string };

/** Assumed when a service carries no duration; the documents make it required, so this is rare. */
export const DEFAULT_DURATION_MINUTES = 60;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
/** "9:00", "09:00", "09:00:00", "9:00 AM", "9:00pm". */
const LOCAL_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;

export interface ClassClock {
  date: string;
  time: string;
  timezone?: string;
  durationMinutes?: number | null;
}

/**
 * `fallbackZone` is the connection's configured zone, used only when a class
 * comes without a timezone (the documents make it optional when creating one).
 */
export function classTimes(clock: ClassClock, fallbackZone?: string): ClassTimesOrProblem {
  const zone = clock.timezone?.trim() || fallbackZone?.trim();
  if (!zone) return { ok: false, problem: 'the class has no timezone, and none is set for this connection' };
  if (!IANAZone.isValidZone(zone)) return { ok: false, problem: `unknown time zone "${zone}"` };
  const date = LOCAL_DATE.exec(clock.date.trim());
  if (!date) return { ok: false, problem: `date "${clock.date}" is not YYYY-MM-DD` };
  const time = localTime(clock.time);
  if (!time) return { ok: false, problem: `time "${clock.time}" is not a time of day` };
  const start = DateTime.fromObject(
    { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]), ...time },
    { zone },
  );
  if (!start.isValid) return { ok: false, problem: `${clock.date} ${clock.time} is not a valid date and time` };
  const minutes = clock.durationMinutes && clock.durationMinutes > 0 ? clock.durationMinutes : DEFAULT_DURATION_MINUTES;
  return {
    ok: true,
    times: { startsAt: utcInstant(start), endsAt: utcInstant(start.plus({ minutes })), timeZone: zone },
  };
}

function localTime(text: string): { hour: number; minute: number; second: number } | undefined {
  const match = LOCAL_TIME.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3] ?? 0);
  const meridiem = match[4]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second };
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, exactly as `Date#toISOString()` writes it. */
export function utcInstant(time: DateTime): string {
  return new Date(time.toMillis()).toISOString();
}

/** A provider timestamp ("…Z" or with an offset) as a UTC instant; undefined when it is not one. */
export function instantOrUndefined(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? utcInstant(parsed) : undefined;
}
