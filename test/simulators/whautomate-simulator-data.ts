import { DateTime } from 'luxon';

/**
 * The seeded studio behind the Whautomate simulator: two locations in zones
 * with and without daylight saving, a weekly timetable, clients and rosters,
 * all derived from the seed and the given "now", and the state the API
 * changes (participants added and cancelled, classes created and deleted).
 * It also renders records the way Whautomate sends them, including the
 * unreliable UTC fields: they carry the local wall time labelled as UTC.
 */

export interface SimLocation {
  id: string;
  title: string;
  timezone: string;
  /** How this location's classes write `time`: "07:00" or "7:00 AM". */
  timeFormat: '24h' | '12h';
}

export interface SimService {
  id: string;
  name: string;
  durationMinutes: number;
  sellingPrice: number;
}

export interface SimStaff {
  id: string;
  name: string;
}

export interface SimClient {
  id: string;
  clientId: string;
  fullName: string;
  countryCode: string;
  phone: string;
  email: string;
  locationId: string;
}

export interface SimClass {
  id: string;
  locationId: string;
  staffId: string;
  serviceId: string;
  date: string;
  time: string;
  /** Sent as `timezone`; left out when undefined. */
  timezone?: string;
  capacity: number;
  status: string;
  cancelClassThresholdMinutes?: number;
  /** Explicit UTC fields for a test; otherwise the local wall time labelled as UTC. */
  utcFields?: { startTimeUTC: string; endTimeUTC: string };
  createdAt: string;
}

export interface SimParticipant {
  id: string;
  classId: string;
  clientId: string;
  status: string;
  paymentStatus: string;
  cancellationReason?: string;
  createdAt: string;
  updatedAt: string;
}

export const simLocations: SimLocation[] = [
  { id: 'loc-london', title: 'Riverside Studio London', timezone: 'Europe/London', timeFormat: '24h' },
  { id: 'loc-dubai', title: 'Marina Studio Dubai', timezone: 'Asia/Dubai', timeFormat: '12h' },
];

export const simServices: SimService[] = [
  { id: 'svc-yoga', name: 'Yoga Flow', durationMinutes: 60, sellingPrice: 18 },
  { id: 'svc-hiit', name: 'HIIT Express', durationMinutes: 45, sellingPrice: 15 },
  { id: 'svc-pilates', name: 'Mat Pilates', durationMinutes: 50, sellingPrice: 20 },
  { id: 'svc-spin', name: 'Spin', durationMinutes: 45, sellingPrice: 16 },
];

export const simStaff: SimStaff[] = [
  { id: 'stf-amara', name: 'Amara Okafor' },
  { id: 'stf-tom', name: 'Tom Bradley' },
  { id: 'stf-layla', name: 'Layla Haddad' },
  { id: 'stf-ravi', name: 'Ravi Menon' },
];

interface Slot {
  hour: number;
  minute: number;
  serviceId: string;
  staffId: string;
  capacity: number;
}

const timetable: Record<string, Slot[]> = {
  'loc-london': [
    { hour: 7, minute: 0, serviceId: 'svc-hiit', staffId: 'stf-tom', capacity: 12 },
    { hour: 12, minute: 30, serviceId: 'svc-yoga', staffId: 'stf-amara', capacity: 16 },
    { hour: 18, minute: 0, serviceId: 'svc-spin', staffId: 'stf-tom', capacity: 10 },
    { hour: 19, minute: 15, serviceId: 'svc-pilates', staffId: 'stf-amara', capacity: 8 },
  ],
  'loc-dubai': [
    { hour: 6, minute: 30, serviceId: 'svc-yoga', staffId: 'stf-layla', capacity: 14 },
    { hour: 19, minute: 0, serviceId: 'svc-hiit', staffId: 'stf-ravi', capacity: 12 },
    { hour: 20, minute: 15, serviceId: 'svc-spin', staffId: 'stf-ravi', capacity: 10 },
  ],
};

const firstNames = ['Olivia', 'Noah', 'Amelia', 'Omar', 'Isla', 'Priya', 'George', 'Fatima', 'Leo', 'Hana', 'Jack', 'Mei', 'Arjun', 'Sofia', 'Ali', 'Grace', 'Yusuf', 'Chloe', 'Zain', 'Ruby'];
const lastNames = ['Smith', 'Khan', 'Jones', 'Al Mansoori', 'Patel', 'Brown', 'Nair', 'Taylor', 'Haddad', 'Wilson'];

/** A small deterministic generator (mulberry32), seeded per class so a roster never depends on seeding order. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function seedClients(): SimClient[] {
  const clients: SimClient[] = [];
  for (let n = 0; n < 40; n += 1) {
    const location = simLocations[n % 2] as SimLocation;
    const fullName = n === 7 ? 'Yara' : `${firstNames[n % firstNames.length]} ${lastNames[(n * 3) % lastNames.length]}`;
    clients.push({
      id: `cli_${(1000 + n).toString(36)}`,
      clientId: `WA-${1001 + n}`,
      fullName,
      countryCode: location.id === 'loc-london' ? '+44' : '+971',
      phone: location.id === 'loc-london' ? `7700900${String(100 + n)}` : `50123${String(4000 + n)}`,
      email: `${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
      locationId: location.id,
    });
  }
  return clients;
}

export function formatTime(hour: number, minute: number, format: SimLocation['timeFormat']): string {
  const mm = String(minute).padStart(2, '0');
  if (format === '24h') return `${String(hour).padStart(2, '0')}:${mm}`;
  return `${hour % 12 === 0 ? 12 : hour % 12}:${mm} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** The classes from `daysBack` local days before now to `daysAhead` after, each location in its own zone. */
export function seedClasses(now: Date, daysBack: number, daysAhead: number): SimClass[] {
  const classes: SimClass[] = [];
  for (const location of simLocations) {
    const today = DateTime.fromJSDate(now, { zone: location.timezone }).startOf('day');
    for (let offset = -daysBack; offset <= daysAhead; offset += 1) {
      const day = today.plus({ days: offset });
      const date = day.toISODate() ?? '';
      for (const slot of timetable[location.id] ?? []) {
        const hhmm = `${String(slot.hour).padStart(2, '0')}${String(slot.minute).padStart(2, '0')}`;
        const id = `cls-${location.id.slice(4, 7)}-${date.replaceAll('-', '')}-${hhmm}`;
        const cancelled = slot.hour === 12 && day.ordinal % 5 === 0;
        classes.push({
          id,
          locationId: location.id,
          staffId: slot.staffId,
          serviceId: slot.serviceId,
          date,
          time: formatTime(slot.hour, slot.minute, location.timeFormat),
          timezone: location.timezone,
          capacity: slot.capacity,
          status: cancelled ? 'CANCELLED' : 'ACTIVE',
          ...(slot.serviceId === 'svc-pilates' ? { cancelClassThresholdMinutes: 720 } : {}),
          createdAt: day.minus({ days: 21 }).toUTC().toISO() ?? '',
        });
      }
    }
  }
  return classes;
}

/** Who booked a class: some booked, the overflow on the waitlist, a few cancelled; past classes visited or missed. */
export function seedRoster(simClass: SimClass, startsAtMs: number, clients: SimClient[], nowMs: number, seed: number): SimParticipant[] {
  const random = randomFrom(seed ^ hash(simClass.id));
  const pool = clients.filter((client) => client.locationId === simClass.locationId);
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as SimClient, pool[i] as SimClient];
  }
  const takers = Math.min(pool.length, Math.floor(simClass.capacity * 0.4 + random() * (simClass.capacity * 0.6 + 4)));
  const past = startsAtMs < nowMs;
  const participants: SimParticipant[] = [];
  let placed = 0;
  pool.slice(0, takers).forEach((client, index) => {
    const createdMs = startsAtMs - (7 * 86_400_000 - index * 3_600_000);
    let status: string;
    if (simClass.status === 'CANCELLED') status = 'CANCELLED';
    else if (random() < 0.1) status = 'CANCELLED';
    else if (placed < simClass.capacity) {
      placed += 1;
      status = past ? (random() < 0.8 ? 'VISITED' : 'NO_SHOW') : 'BOOKED';
    } else status = past ? 'CANCELLED' : 'WAITLISTED';
    const updatedMs = past && status !== 'CANCELLED' ? startsAtMs + 60_000 : Math.min(nowMs, createdMs + 3_600_000);
    participants.push({
      id: `par-${simClass.id.slice(4)}-${String(index + 1).padStart(2, '0')}`,
      classId: simClass.id,
      clientId: client.id,
      status,
      paymentStatus: random() < 0.7 ? 'PAID' : 'UNPAID',
      createdAt: new Date(createdMs).toISOString(),
      updatedAt: new Date(Math.max(createdMs, updatedMs)).toISOString(),
    });
  });
  return participants;
}

/** The true start of a class, from its local date and time in its zone (what the adapter must compute). */
export function trueStart(simClass: Pick<SimClass, 'date' | 'time' | 'timezone'>, fallbackZone = 'UTC'): DateTime {
  const match = /^(\d{1,2}):(\d{2})\s*([AP]M)?$/i.exec(simClass.time.trim());
  let hour = Number(match?.[1] ?? 0);
  const minute = Number(match?.[2] ?? 0);
  const meridiem = match?.[3]?.toUpperCase();
  if (meridiem) hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  return DateTime.fromISO(simClass.date, { zone: simClass.timezone ?? fallbackZone }).set({ hour, minute });
}

/** The local wall time written as if it were UTC: the kind of value Whautomate's UTC fields are not to be trusted for. */
export function wallTimeAsUtc(simClass: Pick<SimClass, 'date' | 'time' | 'timezone'>, plusMinutes = 0): string {
  const local = trueStart(simClass, 'UTC').plus({ minutes: plusMinutes });
  return `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}Z`;
}
