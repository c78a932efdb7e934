import { DateTime } from 'luxon';
import {
  endOf,
  instantOf,
  localTime,
  makeGuests,
  seededRandom,
  simClasses,
  simInstructors,
  simRooms,
  type SeededCenter,
  type SimGuest,
  type SimRegistration,
  type SimSession,
} from './zenoti-simulator-data';

/**
 * Chain-sized Zenoti centers (benchmarks): a dense timetable, a fixed roster
 * size, tens of thousands of guests made on demand from their index (never all
 * held in memory), and one rate budget per API key shared by several centers'
 * simulators, because Zenoti counts calls per key, not per center.
 */

/** Zenoti's token bucket for one key, shared by every simulator given it: starts full, refills continuously. */
export class ZenotiKeyBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly perMinute = 60) {}

  /** 0 when a token was taken, else ms until one is free (the simulators' own bucket does the same). */
  take(key: string): number {
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute);
  }
}

const ID_PREFIX = 'b9e61937-0000-4000-8000-';
const FIRST = ['Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jonas', 'Kira', 'Leo', 'Mila', 'Noah', 'Olga', 'Pia', 'Quinn'];
const LAST = ['Adams', 'Brooks', 'Carter', 'Diaz', 'Evans', 'Foster', 'Garcia', 'Hayes', 'Ito', 'Jensen', 'Khan', 'Lopez', 'Moreau', 'Nowak', 'Ortiz'];
const firstGuests = makeGuests();

/** Guest number `index` (from 0): the first 48 are the default center's guests, the rest follow the same id and code scheme. */
export function guestAt(index: number): SimGuest {
  const known = firstGuests[index];
  if (known) return known;
  const firstName = FIRST[index % FIRST.length]!;
  const lastName = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  return {
    id: `${ID_PREFIX}${String(index + 1).padStart(12, '0')}`,
    code: `ZN${1001 + index}`,
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${index + 1}@example.com`.toLowerCase(),
    phone: `555${String(index).padStart(7, '0')}`,
  };
}

/** The index of a guest id made by `guestAt`, or undefined. */
export function guestIndexOf(id: string): number | undefined {
  if (!id.startsWith(ID_PREFIX)) return undefined;
  const n = Number(id.slice(ID_PREFIX.length));
  return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
}

export interface ChainSeedOptions {
  now: Date;
  zone: string;
  daysBack: number;
  daysAhead: number;
  /** Center-local `HH:mm` start times of each day. */
  timetable: readonly string[];
  /** Registrations per session; the session's capacity is this (2 less for classes with a waitlist, whose last two wait). */
  rosterSize: number;
  guestCount: number;
  seed: number;
}

/** A dense timetable with full rosters; every registration state a desk meets, as the default seeding has. */
export function seedChainCenter(options: ChainSeedOptions): SeededCenter {
  const random = seededRandom(options.seed);
  const today = DateTime.fromJSDate(options.now, { zone: options.zone }).startOf('day');
  const nowMs = options.now.getTime();
  const sessions: SimSession[] = [];
  const registrations: SimRegistration[] = [];
  let sessionId = 70001;
  let registrationId = 900001;
  for (let day = -options.daysBack; day <= options.daysAhead; day += 1) {
    const date = today.plus({ days: day });
    options.timetable.forEach((time, slot) => {
      const simClass = simClasses[(slot + date.weekday) % simClasses.length]!;
      const localStart = `${date.toFormat('yyyy-MM-dd')}T${time}:00`;
      const roster = Math.max(0, options.rosterSize);
      const session: SimSession = {
        id: sessionId,
        classId: simClass.id,
        name: simClass.name,
        localStart,
        localEnd: endOf(localStart, simClass.minutes, options.zone),
        instructorId: simInstructors[(slot + day + 50) % simInstructors.length]!.id,
        roomId: simRooms[slot % simRooms.length]!.id,
        capacity: simClass.allowWaitList ? Math.max(1, roster - 2) : roster,
        cancelled: sessionId % 29 === 0,
      };
      sessionId += 1;
      sessions.push(session);
      const startMs = instantOf(session.localStart, options.zone);
      const endMs = instantOf(session.localEnd, options.zone);
      for (const [index, guestIndex] of distinctIndexes(roster, options.guestCount, random).entries()) {
        let status = index >= session.capacity ? 4 : random() < 0.1 ? 1 : 0;
        let signedInTime: string | undefined;
        if (session.cancelled) status = 6;
        else if (endMs < nowMs) status = status === 4 ? 7 : status === 1 ? 1 : random() < 0.8 ? 3 : 2;
        else if (startMs - 60 * 60_000 <= nowMs && status === 0 && random() < 0.5) status = 3;
        if (status === 3) signedInTime = localTime(Math.min(nowMs, startMs - 5 * 60_000), options.zone);
        if (status === 0 && registrationId % 97 === 0) status = 8;
        registrations.push({
          id: registrationId,
          sessionId: session.id,
          classId: simClass.id,
          guestId: guestAt(guestIndex).id,
          status,
          ...(signedInTime ? { signedInTime } : {}),
          bookedFrom: registrationId % 3 === 0 ? 'Webstore' : 'Front desk',
        });
        registrationId += 1;
      }
    });
  }
  return { sessions, registrations };
}

/** `count` different numbers below `below`, drawn from `random`. */
function distinctIndexes(count: number, below: number, random: () => number): number[] {
  const picked = new Set<number>();
  const wanted = Math.min(count, below);
  while (picked.size < wanted) picked.add(Math.floor(random() * below));
  return [...picked];
}

/** Start times every `minutes` from `first` (HH:mm), `count` of them: 60 from 06:00 every 15 minutes end at 20:45. */
export function evenTimetable(count: number, first = '06:00', minutes = 15): string[] {
  const [h, m] = first.split(':').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = h * 60 + m + i * minutes;
    return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  });
}
