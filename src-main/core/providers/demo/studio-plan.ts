import type { ClassType, Instructor, Location } from '../../../../src-shared/domain';
import { SeededRandom } from './seeded-random';

/**
 * The demo studio as a gym owner would describe it: two locations in different
 * time zones, their rooms, their coaches and a weekly timetable. Times here are
 * wall-clock times in the location's own zone; turning them into instants is
 * the schedule's job, so daylight saving never shifts a class on the board.
 */

export type ClassKey = 'yoga' | 'yin' | 'mobility' | 'spin' | 'hiit' | 'pilates' | 'boxing' | 'strength';

export interface ClassPlan {
  key: ClassKey;
  name: string;
  description: string;
  minutes: number;
  /** Cancelling later than this before the start counts as a late cancellation. */
  lateCancelHours: number;
}

export interface RoomPlan {
  name: string;
  capacity: number;
  hosts: readonly ClassKey[];
}

export interface InstructorPlan {
  key: string;
  name: string;
  teaches: readonly ClassKey[];
}

export type LocationKey = 'berlin' | 'brooklyn';

export interface LocationPlan {
  key: LocationKey;
  name: string;
  timeZone: string;
  locale: string;
  rooms: readonly RoomPlan[];
  instructors: readonly InstructorPlan[];
  /** Luxon weekday (1 = Monday … 7 = Sunday) → "HH:MM class, HH:MM class, …". */
  timetable: Readonly<Record<number, string>>;
}

export interface TimetableSlot {
  /** Stable within a weekday, e.g. "0700:yoga"; part of every session id. */
  key: string;
  hour: number;
  minute: number;
  classPlan: ClassPlan;
  room: RoomPlan;
  instructor: InstructorPlan;
}

export const classPlans: readonly ClassPlan[] = [
  { key: 'yoga', name: 'Vinyasa Yoga', description: 'Flowing yoga linking breath and movement.', minutes: 60, lateCancelHours: 12 },
  { key: 'yin', name: 'Yin Yoga', description: 'Slow, long-held floor poses.', minutes: 60, lateCancelHours: 12 },
  { key: 'mobility', name: 'Mobility', description: 'Short joint and stretching session.', minutes: 30, lateCancelHours: 2 },
  { key: 'spin', name: 'Spin', description: 'Indoor cycling to music.', minutes: 45, lateCancelHours: 12 },
  { key: 'hiit', name: 'HIIT', description: 'High-intensity intervals, bodyweight and kettlebells.', minutes: 45, lateCancelHours: 2 },
  { key: 'pilates', name: 'Reformer Pilates', description: 'Pilates on the reformer; few places.', minutes: 50, lateCancelHours: 12 },
  { key: 'boxing', name: 'Boxing', description: 'Pads, bags and footwork. Bring wraps.', minutes: 60, lateCancelHours: 2 },
  { key: 'strength', name: 'Strength', description: 'Coached barbell and dumbbell training.', minutes: 50, lateCancelHours: 2 },
];

export const locationPlans: readonly LocationPlan[] = [
  {
    key: 'berlin',
    name: 'Demo Studio Berlin Mitte',
    timeZone: 'Europe/Berlin',
    locale: 'de-DE',
    rooms: [
      { name: 'Studio Spree', capacity: 22, hosts: ['yoga', 'yin', 'mobility'] },
      { name: 'Cycling-Raum', capacity: 20, hosts: ['spin'] },
      { name: 'Boxhalle', capacity: 16, hosts: ['boxing', 'hiit'] },
      { name: 'Reformer-Raum', capacity: 8, hosts: ['pilates'] },
      { name: 'Kraftraum', capacity: 12, hosts: ['strength'] },
    ],
    instructors: [
      { key: 'lena', name: 'Lena Vogel', teaches: ['yoga', 'yin', 'mobility'] },
      { key: 'jonas', name: 'Jonas Richter', teaches: ['spin', 'hiit', 'strength'] },
      { key: 'aylin', name: 'Aylin Demir', teaches: ['pilates', 'yoga', 'mobility'] },
      { key: 'kofi', name: 'Kofi Mensah', teaches: ['boxing', 'hiit', 'strength'] },
      { key: 'sophie', name: 'Sophie Brandt', teaches: ['spin', 'pilates', 'yin'] },
      { key: 'matteo', name: 'Matteo Ricci', teaches: ['strength', 'boxing', 'spin'] },
    ],
    timetable: {
      1: '06:30 spin, 07:00 yoga, 08:15 mobility, 09:30 pilates, 12:15 hiit, 17:00 strength, 17:30 spin, 18:00 yoga, 18:30 boxing, 19:15 pilates, 20:00 yin',
      2: '06:30 hiit, 07:00 spin, 09:00 yoga, 10:00 pilates, 12:30 mobility, 17:30 boxing, 18:00 spin, 18:15 pilates, 19:00 yoga, 19:45 strength, 20:15 hiit',
      3: '06:30 spin, 07:00 yoga, 09:30 strength, 12:15 spin, 17:00 pilates, 17:30 hiit, 18:00 yoga, 18:30 spin, 19:15 boxing, 20:00 yin',
      4: '06:30 hiit, 07:00 yoga, 08:00 pilates, 12:30 mobility, 17:30 spin, 18:00 strength, 18:00 yoga, 18:45 boxing, 19:30 pilates, 20:00 spin',
      5: '06:30 spin, 07:00 yoga, 09:00 pilates, 12:15 hiit, 17:00 boxing, 17:30 yoga, 18:30 spin, 19:00 yin, 20:00 hiit',
      6: '08:30 spin, 09:00 yoga, 10:00 boxing, 10:15 pilates, 10:30 mobility, 11:30 hiit, 12:00 spin, 13:00 strength, 16:00 yoga',
      7: '09:00 yin, 10:00 spin, 10:30 pilates, 11:00 yoga, 12:00 boxing, 16:00 spin, 17:00 mobility, 18:00 yoga',
    },
  },
  {
    key: 'brooklyn',
    name: 'Demo Studio Brooklyn',
    timeZone: 'America/New_York',
    locale: 'en-US',
    rooms: [
      { name: 'Main Studio', capacity: 30, hosts: ['yoga', 'yin', 'mobility', 'hiit'] },
      { name: 'Ride Room', capacity: 28, hosts: ['spin'] },
      { name: 'The Ring', capacity: 12, hosts: ['boxing'] },
      { name: 'Reformer Loft', capacity: 10, hosts: ['pilates'] },
      { name: 'Iron Room', capacity: 14, hosts: ['strength'] },
    ],
    instructors: [
      { key: 'maya', name: 'Maya Johnson', teaches: ['yoga', 'yin', 'mobility'] },
      { key: 'andre', name: 'Andre Williams', teaches: ['boxing', 'hiit', 'strength'] },
      { key: 'priya', name: 'Priya Patel', teaches: ['yoga', 'pilates'] },
      { key: 'tyler', name: 'Tyler Brooks', teaches: ['spin', 'hiit'] },
      { key: 'rosa', name: 'Rosa Martinez', teaches: ['spin', 'pilates', 'yin', 'mobility'] },
      { key: 'sam', name: "Sam O'Connor", teaches: ['strength', 'boxing', 'spin'] },
    ],
    // Brooklyn runs until at least 19:00 every day so that, even in the weeks when
    // Europe and the US change clocks on different Sundays, some class is always
    // still ahead "today" in one of the two locations.
    timetable: {
      1: '06:00 spin, 06:30 hiit, 07:30 yoga, 09:30 pilates, 12:00 spin, 12:15 mobility, 17:30 boxing, 18:00 spin, 18:15 strength, 18:30 yoga, 19:00 pilates, 20:00 hiit',
      2: '06:30 spin, 07:00 strength, 08:00 yoga, 10:00 pilates, 12:15 hiit, 17:30 pilates, 18:00 boxing, 18:30 spin, 19:00 yoga, 20:15 yin',
      3: '06:00 hiit, 06:30 spin, 07:30 yoga, 09:30 pilates, 12:00 spin, 17:30 strength, 18:00 spin, 18:00 hiit, 19:00 boxing, 19:00 yoga, 20:00 pilates',
      4: '06:30 spin, 07:00 yoga, 09:00 boxing, 12:15 yoga, 17:30 hiit, 18:00 pilates, 18:15 spin, 18:30 strength, 19:00 boxing, 19:30 yin, 20:30 spin',
      5: '06:30 hiit, 07:00 spin, 08:00 yoga, 12:00 pilates, 17:00 spin, 17:30 boxing, 18:00 yoga, 19:00 strength, 19:30 hiit',
      6: '08:00 spin, 09:00 yoga, 09:30 boxing, 10:00 pilates, 10:30 hiit, 11:00 spin, 12:00 strength, 15:00 yoga, 17:00 spin, 19:00 yin',
      7: '09:00 yoga, 09:30 spin, 10:30 pilates, 11:00 boxing, 11:00 mobility, 13:00 hiit, 15:00 spin, 16:30 yin, 19:00 yoga',
    },
  },
];

const classPlanByKey = new Map(classPlans.map((plan) => [plan.key, plan]));
const locationPlanByKey = new Map(locationPlans.map((plan) => [plan.key, plan]));

export function locationPlan(key: string): LocationPlan | undefined {
  return locationPlanByKey.get(key as LocationKey);
}

export const locationIdFor = (location: LocationPlan): string => `demo:${location.key}`;
export const classTypeIdFor = (classPlan: ClassPlan): string => `demo:class:${classPlan.key}`;
export const instructorIdFor = (location: LocationPlan, instructor: InstructorPlan): string =>
  `demo:instructor:${location.key}:${instructor.key}`;

const slotCache = new Map<string, readonly TimetableSlot[]>();

/** The classes on one weekday, earliest first. The coach for a slot is fixed per weekday, like a real rota. */
export function slotsOn(location: LocationPlan, weekday: number): readonly TimetableSlot[] {
  const cacheKey = `${location.key}:${weekday}`;
  const cached = slotCache.get(cacheKey);
  if (cached) return cached;
  const line = location.timetable[weekday];
  if (line === undefined) throw new Error(`${location.name} has no timetable for weekday ${weekday}`);
  const slots = line.split(',').map((entry) => parseSlot(location, weekday, entry.trim()));
  slots.sort((a, b) => a.hour * 60 + a.minute - (b.hour * 60 + b.minute) || a.key.localeCompare(b.key));
  slotCache.set(cacheKey, slots);
  return slots;
}

function parseSlot(location: LocationPlan, weekday: number, entry: string): TimetableSlot {
  const match = /^(\d{2}):(\d{2}) (\w+)$/.exec(entry);
  const classPlan = match ? classPlanByKey.get(match[3] as ClassKey) : undefined;
  if (!match || !classPlan) throw new Error(`Timetable entry "${entry}" of ${location.name} is not "HH:MM class"`);
  const room = location.rooms.find((candidate) => candidate.hosts.includes(classPlan.key));
  const coaches = location.instructors.filter((candidate) => candidate.teaches.includes(classPlan.key));
  if (!room || coaches.length === 0) throw new Error(`${location.name} has no room or coach for ${classPlan.name}`);
  const [hh, mm] = [match[1] as string, match[2] as string];
  const instructor = SeededRandom.seededBy('rota', location.key, String(weekday), hh + mm, classPlan.key).pick(coaches);
  return { key: `${hh}${mm}:${classPlan.key}`, hour: Number(hh), minute: Number(mm), classPlan, room, instructor };
}

export function studioLocations(connectionId: string): Location[] {
  return locationPlans.map((plan) => ({
    id: locationIdFor(plan),
    connectionId,
    name: plan.name,
    timeZone: plan.timeZone,
    locale: plan.locale,
  }));
}

export function studioInstructors(connectionId: string): Instructor[] {
  return locationPlans.flatMap((location) =>
    location.instructors.map((instructor) => ({
      id: instructorIdFor(location, instructor),
      connectionId,
      name: instructor.name,
    })),
  );
}

export function studioClassTypes(connectionId: string): ClassType[] {
  return classPlans.map((plan) => ({
    id: classTypeIdFor(plan),
    connectionId,
    name: plan.name,
    description: plan.description,
  }));
}
