import { DateTime } from 'luxon';
import type { Session } from '../../../../src-shared/domain';
import { SeededRandom } from './seeded-random';
import {
  classTypeIdFor,
  instructorIdFor,
  locationIdFor,
  locationPlan,
  locationPlans,
  slotsOn,
  type LocationPlan,
  type TimetableSlot,
} from './studio-plan';

/**
 * Turns the weekly timetable into dated classes. Everything about a class is
 * derived from its local calendar date, location and slot alone, never from
 * "today", so the class of 21 November looks the same whether the desk opens
 * on the 21st or a week later, and its id never changes.
 */

/** A session before its roster is counted: `booked` and `waitlisted` come from the bookings. */
export type PlannedSession = Omit<Session, 'booked' | 'waitlisted'>;

export interface ScheduledClass {
  session: PlannedSession;
  location: LocationPlan;
}

const BOOKING_OPENS_DAYS_BEFORE = 7;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SESSION_ID = /^demo:([a-z]+):(\d{4}-\d{2}-\d{2}):(\d{4}:[a-z]+)$/;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Always `YYYY-MM-DDTHH:mm:ss.sssZ`, so stored instants sort as text and match the domain schema. */
export function utcInstantOf(time: DateTime): string {
  const text = time.toUTC().toISO();
  if (text === null || !UTC_INSTANT.test(text)) throw new Error(`Cannot express ${time.toString()} as a UTC instant`);
  return text;
}

/** The classes of one location on one of its local calendar dates ("YYYY-MM-DD"), earliest first. */
export function classesOn(location: LocationPlan, localDate: string, connectionId: string): ScheduledClass[] {
  const day = parseLocalDate(localDate, location.timeZone);
  if (!day) return [];
  const cancelled = cancelledSlotOn(localDate);
  return slotsOn(location, day.weekday).map((slot) => {
    const start = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: slot.hour, minute: slot.minute },
      { zone: location.timeZone },
    );
    const session: PlannedSession = {
      id: `demo:${location.key}:${localDate}:${slot.key}`,
      connectionId,
      locationId: locationIdFor(location),
      classTypeId: classTypeIdFor(slot.classPlan),
      instructorId: instructorIdFor(location, slot.instructor),
      title: slot.classPlan.name,
      room: slot.room.name,
      startsAt: utcInstantOf(start),
      endsAt: utcInstantOf(start.plus({ minutes: slot.classPlan.minutes })),
      capacity: slot.room.capacity,
      status: cancelled.location === location.key && cancelled.slotKey === slot.key ? 'cancelled' : 'scheduled',
      // Wall-clock arithmetic in the zone: bookings open at the same local time a week earlier.
      bookingOpensAt: utcInstantOf(start.minus({ days: BOOKING_OPENS_DAYS_BEFORE })),
      bookingClosesAt: utcInstantOf(start),
      cancellationDeadline: utcInstantOf(start.minus({ hours: slot.classPlan.lateCancelHours })),
    };
    return { session, location };
  });
}

/** Classes of both locations starting in [from, to) (epoch milliseconds), ordered by start. */
export function classesInWindow(fromMs: number, toMs: number, connectionId: string): ScheduledClass[] {
  const found: ScheduledClass[] = [];
  for (const location of locationPlans) {
    let day = DateTime.fromMillis(fromMs, { zone: location.timeZone }).startOf('day');
    const lastDay = DateTime.fromMillis(toMs, { zone: location.timeZone }).startOf('day');
    for (; day <= lastDay; day = day.plus({ days: 1 })) {
      for (const scheduled of classesOn(location, day.toISODate() ?? '', connectionId)) {
        const startMs = Date.parse(scheduled.session.startsAt);
        if (startMs >= fromMs && startMs < toMs) found.push(scheduled);
      }
    }
  }
  return found.sort(
    (a, b) => a.session.startsAt.localeCompare(b.session.startsAt) || a.session.id.localeCompare(b.session.id),
  );
}

/** The class behind a session id, or undefined when no such class is on the timetable. */
export function classById(sessionId: string, connectionId: string): ScheduledClass | undefined {
  const match = SESSION_ID.exec(sessionId);
  if (!match) return undefined;
  const location = locationPlan(match[1] as string);
  if (!location) return undefined;
  return classesOn(location, match[2] as string, connectionId).find((scheduled) => scheduled.session.id === sessionId);
}

/**
 * Each calendar date, exactly one class somewhere in the studio is called off
 * (the coach is ill), so the desk always has a cancelled class to show.
 */
function cancelledSlotOn(localDate: string): { location: string; slotKey: string } {
  const random = SeededRandom.seededBy('cancelled', localDate);
  const location = random.pick(locationPlans);
  // The weekday of a calendar date is the same in every zone.
  const weekday = DateTime.fromISO(localDate, { zone: 'utc' }).weekday;
  const slot: TimetableSlot = random.pick(slotsOn(location, weekday));
  return { location: location.key, slotKey: slot.key };
}

function parseLocalDate(localDate: string, zone: string): DateTime | undefined {
  if (!LOCAL_DATE.test(localDate)) return undefined;
  const day = DateTime.fromISO(localDate, { zone });
  // Rejects dates such as 2026-02-30, which luxon marks invalid.
  return day.isValid && day.toISODate() === localDate ? day : undefined;
}
