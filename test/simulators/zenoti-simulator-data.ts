import { DateTime } from 'luxon';
import type { SimResponse } from './simulator-server';

type Answer = SimResponse;

/**
 * The simulated Zenoti center: classes, instructors, rooms, guests, a timetable
 * of sessions from a few days before "now" to a few weeks after, and their
 * registrations. Seeded and deterministic: the same options give the same
 * center. Times are kept as Zenoti keeps them, center-local without an offset.
 */

export interface SimClass {
  id: number;
  name: string;
  description: string;
  capacity: number;
  minutes: number;
  allowWaitList: boolean;
  /** Hours before the start when registration closes. */
  lockHours: number;
  categoryId: number;
  levelId: number;
}

export interface SimSession {
  id: number;
  classId: number;
  name: string;
  /** Center-local `yyyy-MM-ddTHH:mm:ss`. */
  localStart: string;
  localEnd: string;
  instructorId: string;
  roomId: string;
  capacity: number;
  cancelled: boolean;
}

export interface SimGuest {
  id: string;
  code: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export interface SimRegistration {
  id: number;
  sessionId: number;
  classId: number;
  guestId: string;
  /** Zenoti's registration status 0–9. */
  status: number;
  /** Center-local, when signed in. */
  signedInTime?: string;
  bookedFrom: string;
}

export const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

export const simClasses: readonly SimClass[] = [
  { id: 101, name: 'Vinyasa Yoga', description: 'Flowing yoga.', capacity: 20, minutes: 60, allowWaitList: true, lockHours: 1, categoryId: 1, levelId: 1 },
  { id: 102, name: 'Spin', description: 'Indoor cycling.', capacity: 16, minutes: 45, allowWaitList: true, lockHours: 0, categoryId: 2, levelId: 2 },
  { id: 103, name: 'HIIT', description: 'Intervals.', capacity: 14, minutes: 45, allowWaitList: false, lockHours: 0, categoryId: 2, levelId: 3 },
  { id: 104, name: 'Reformer Pilates', description: 'Few places.', capacity: 6, minutes: 50, allowWaitList: true, lockHours: 2, categoryId: 1, levelId: 2 },
  { id: 105, name: 'Boxing', description: 'Pads and bags.', capacity: 12, minutes: 60, allowWaitList: false, lockHours: 0, categoryId: 3, levelId: 2 },
  { id: 106, name: 'Mobility', description: 'Stretching.', capacity: 18, minutes: 30, allowWaitList: true, lockHours: 0, categoryId: 1, levelId: 1 },
];

export const simInstructors = [
  { id: '6f1c2a10-0000-4000-8000-000000000001', name: 'Maya Chen' },
  { id: '6f1c2a10-0000-4000-8000-000000000002', name: 'Luis Ortega' },
  { id: '6f1c2a10-0000-4000-8000-000000000003', name: 'Priya Nair' },
  { id: '6f1c2a10-0000-4000-8000-000000000004', name: 'Tom Becker' },
  { id: '6f1c2a10-0000-4000-8000-000000000005', name: 'Ada Okafor' },
] as const;

export const simRooms = [
  { id: '7a2d3b20-0000-4000-8000-000000000001', name: 'Studio A' },
  { id: '7a2d3b20-0000-4000-8000-000000000002', name: 'Cycle Room' },
  { id: '7a2d3b20-0000-4000-8000-000000000003', name: 'Box Hall' },
  { id: '7a2d3b20-0000-4000-8000-000000000004', name: 'Reformer Room' },
] as const;

export const simCategories = [
  { id: 1, name: 'Mind & Body', parent_id: 0 },
  { id: 2, name: 'Cardio', parent_id: 0 },
  { id: 3, name: 'Combat', parent_id: 0 },
];

export const simLevels = [
  { id: 1, code: 'ALL', name: 'All levels', description: null, html_description: null },
  { id: 2, code: 'INT', name: 'Intermediate', description: null, html_description: null },
  { id: 3, code: 'ADV', name: 'Advanced', description: null, html_description: null },
];

/** Sixteen start times a day, center-local. */
export const TIMETABLE = ['06:00', '07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '12:30', '16:00', '17:00', '17:30', '18:00', '18:30', '19:00', '19:30', '20:00'];
const FIRST_NAMES = ['Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jonas', 'Kira', 'Leo'];
const LAST_NAMES = ['Adams', 'Brooks', 'Carter', 'Diaz'];

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeGuests(): SimGuest[] {
  const guests: SimGuest[] = [];
  for (let i = 0; i < FIRST_NAMES.length * LAST_NAMES.length; i += 1) {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const lastName = LAST_NAMES[Math.floor(i / FIRST_NAMES.length)]!;
    const n = String(i + 1).padStart(12, '0');
    guests.push({
      id: `b9e61937-0000-4000-8000-${n}`,
      code: `ZN${1001 + i}`,
      firstName,
      lastName,
      email: `${firstName}.${lastName}@example.com`.toLowerCase(),
      phone: `555010${String(i).padStart(2, '0')}`,
    });
  }
  return guests;
}

export interface SeedOptions {
  now: Date;
  zone: string;
  daysBack: number;
  daysAhead: number;
  sessionsPerDay: number;
  seed: number;
  /** Center-local `HH:mm` start times; default the sixteen from 06:00 to 20:00. */
  timetable?: readonly string[];
}

export interface SeededCenter {
  sessions: SimSession[];
  registrations: SimRegistration[];
}

export function localTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat(LOCAL_FORMAT);
}

export function instantOf(local: string, zone: string): number {
  return DateTime.fromFormat(local, LOCAL_FORMAT, { zone }).toMillis();
}

export function endOf(localStart: string, minutes: number, zone: string): string {
  return DateTime.fromFormat(localStart, LOCAL_FORMAT, { zone }).plus({ minutes }).toFormat(LOCAL_FORMAT);
}

/** The timetable over the days around now, with registrations in every state a desk meets. */
export function seedCenter(options: SeedOptions, guests: readonly SimGuest[]): SeededCenter {
  const random = seededRandom(options.seed);
  const today = DateTime.fromJSDate(options.now, { zone: options.zone }).startOf('day');
  const nowMs = options.now.getTime();
  const sessions: SimSession[] = [];
  const registrations: SimRegistration[] = [];
  let sessionId = 70001;
  let registrationId = 900001;
  for (let day = -options.daysBack; day <= options.daysAhead; day += 1) {
    const date = today.plus({ days: day });
    (options.timetable ?? TIMETABLE).slice(0, options.sessionsPerDay).forEach((time, slot) => {
      const simClass = simClasses[(slot + date.weekday) % simClasses.length]!;
      const localStart = `${date.toFormat('yyyy-MM-dd')}T${time}:00`;
      const session: SimSession = {
        id: sessionId,
        classId: simClass.id,
        name: simClass.name,
        localStart,
        localEnd: endOf(localStart, simClass.minutes, options.zone),
        instructorId: simInstructors[(slot + day + 50) % simInstructors.length]!.id,
        roomId: simRooms[slot % simRooms.length]!.id,
        capacity: simClass.capacity,
        cancelled: sessionId % 29 === 0,
      };
      sessionId += 1;
      sessions.push(session);
      if (random() < 0.3) return;
      const startMs = instantOf(session.localStart, options.zone);
      const endMs = instantOf(session.localEnd, options.zone);
      const wanted = Math.floor(random() * (simClass.capacity + 4));
      const picked = shuffled(guests, random).slice(0, wanted);
      picked.forEach((guest, index) => {
        const waitlisted = index >= simClass.capacity;
        if (waitlisted && !simClass.allowWaitList) return;
        let status = waitlisted ? 4 : random() < 0.1 ? 1 : 0;
        let signedInTime: string | undefined;
        if (session.cancelled) status = 6;
        else if (endMs < nowMs) status = status === 4 ? 7 : status === 1 ? 1 : random() < 0.8 ? 3 : 2;
        else if (startMs - 60 * 60_000 <= nowMs && status === 0 && random() < 0.5) status = 3;
        if (status === 3) signedInTime = localTime(Math.min(nowMs, startMs - 5 * 60_000), options.zone);
        // A few of Zenoti's rarer states, so the desk meets them too.
        if (status === 0 && registrationId % 97 === 0) status = 8;
        if (status === 1 && registrationId % 5 === 0) status = 5;
        if (status === 0 && registrationId % 89 === 0) status = 9;
        registrations.push({
          id: registrationId,
          sessionId: session.id,
          classId: simClass.id,
          guestId: guest.id,
          status,
          ...(signedInTime ? { signedInTime } : {}),
          bookedFrom: registrationId % 3 === 0 ? 'Webstore' : 'Front desk',
        });
        registrationId += 1;
      });
    });
  }
  return { sessions, registrations };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

// ----- Zenoti's answers -----

export function refusalFor(verb: 'cancel' | 'sign_in' | 'undo_sign_in', status: number): string | undefined {
  if ([1, 5, 6].includes(status)) return 'The registration is canceled';
  if (status === 7) return 'The user status is closed';
  if (status === 9) return 'The registration is invalid';
  if (verb === 'cancel') return status === 3 ? 'The guest is already signed in and cannot be canceled' : status === 2 ? 'The user status is closed' : undefined;
  if (status === 4) return `User is waitlisted in the class and cannot ${verb === 'sign_in' ? 'sign in' : 'undo sign in'}`;
  if (status === 8) return `The user is enrolled, can't ${verb === 'sign_in' ? 'sign in' : 'undo sign in'}`;
  if (verb === 'sign_in') return status === 3 ? 'The guest is already signed in' : undefined;
  return status === 3 ? undefined : 'The guest is not signed in';
}

export function pagingOf(query: URLSearchParams): { page: number; size: number } | Answer {
  const page = Number(query.get('page') ?? '1');
  const size = Number(query.get('size') ?? '10');
  if (!Number.isInteger(page) || page < 1) return fail(400, 502, 'page must be 1 or more.');
  if (!Number.isInteger(size) || size < 1 || size > 100) return fail(400, 502, 'size cannot be more than 100.');
  return { page, size };
}

export function pageDetails({ page, size }: { page: number; size: number }, total: number) {
  return { page, size, total_records: total, total_pages: Math.ceil(total / size) };
}

export function phone(guest: SimGuest) {
  return { country_code: 225, number: guest.phone, display_number: `+1 ${guest.phone}` };
}

export function ok(body: unknown): Answer {
  return { status: 200, body };
}

export function fail(status: number, code: number, message: string): Answer {
  return { status, body: { error: { code, message } } };
}

/** What Zenoti's web server says to a missing or unknown key (ASP.NET style, not the error object). */
export function denied(): Answer {
  return { status: 401, body: { Message: 'Authorization has been denied for this request.' } };
}

export function forbidden(): Answer {
  return fail(403, 403, 'The API key does not have permission to perform this action.');
}

export function tooMany(retryAfterSeconds: number): Answer {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { error: { code: 429, message: `API calls quota exceeded. Retry after ${retryAfterSeconds} seconds.` } },
  };
}

export function wireClass(c: SimClass) {
  return {
    id: c.id,
    name: c.name,
    category_id: c.categoryId,
    description: c.description,
    capacity: c.capacity,
    allow_web_booking: true,
    allow_direct_booking: true,
    display_name: c.name,
    show_in_catalog: 1,
    allow_wait_list: c.allowWaitList,
    level_id: c.levelId,
    registration_lock_window: c.lockHours,
    type: 1,
  };
}

export interface SessionContext {
  nowMs: number;
  zone: string;
  centerId: string;
  centerName: string;
  utcTimes: boolean;
}

/** A session as Zenoti lists it: local times without an offset, UTC times (also offset-less) when `utcTimes`. */
export function wireSession(session: SimSession, counts: { occupancy: number; waitlisted: number }, context: SessionContext) {
  const startMs = instantOf(session.localStart, context.zone);
  const endMs = instantOf(session.localEnd, context.zone);
  const status = session.cancelled ? 1 : endMs <= context.nowMs ? 4 : startMs <= context.nowMs ? 3 : 2;
  return {
    id: session.id,
    name: session.name,
    class_id: session.classId,
    start_time: session.localStart,
    end_time: session.localEnd,
    ...(context.utcTimes ? { strat_time_utc: localTime(startMs, 'utc'), end_time_utc: localTime(endMs, 'utc') } : {}),
    price: 0,
    instructor_id: session.instructorId,
    assistant_id: null,
    room_id: session.roomId,
    status,
    recurrence_id: null,
    center_id: context.centerId,
    center_name: context.centerName,
    is_free_session: false,
    can_book: status === 2,
    can_cancel: status === 2,
    booking_stage: 0,
    capacity: session.capacity,
    web_capacity: session.capacity,
    wait_listed_count: counts.waitlisted,
    occupancy: counts.occupancy,
    web_occupancy: counts.occupancy,
    cancel_stage: 0,
    description: null,
    available_slots: Math.max(0, session.capacity - counts.occupancy),
    is_instructor_substituted: false,
  };
}

export function wireRegistration(r: SimRegistration, guest: SimGuest | undefined, waitlistPosition: number) {
  return {
    id: r.id,
    session_id: r.sessionId,
    class_id: r.classId,
    status: r.status,
    guest: guest && {
      id: guest.id,
      code: guest.code,
      first_name: guest.firstName,
      last_name: guest.lastName,
      email: guest.email,
      mobile_phone: phone(guest),
    },
    current_waitlist_position: r.status === 4 ? waitlistPosition : null,
    signed_in_time: r.signedInTime ?? null,
    booked_from: r.bookedFrom,
    is_from_waitlist: false,
  };
}

export function wireSearchGuest(g: SimGuest, centerId: string) {
  return {
    id: g.id,
    code: g.code,
    center_id: centerId,
    personal_info: {
      user_name: '',
      first_name: g.firstName,
      last_name: g.lastName,
      middle_name: '',
      email: g.email,
      mobile_phone: phone(g),
      gender: 0,
    },
  };
}
