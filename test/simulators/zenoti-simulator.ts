import { SimulatorServer, type SimRequest, type SimResponse } from './simulator-server';
import {
  denied,
  endOf,
  fail,
  makeGuests,
  seedCenter,
  simClasses,
  simInstructors,
  simRooms,
  TIMETABLE,
  tooMany,
  type SimGuest,
  type SimRegistration,
  type SimSession,
} from './zenoti-simulator-data';
import { guestAt, guestIndexOf, seedChainCenter, type ZenotiKeyBudget } from './zenoti-simulator-chain';
import { installZenotiRoutes, OCCUPYING, type ZenotiWorld } from './zenoti-simulator-routes';

/**
 * A local stand-in for Zenoti's API (https://api.zenoti.com): the class
 * sessions list, class registrations (list, register, cancel, sign in, undo),
 * guest search; `Authorization: apikey <key>`; page/size paging with
 * page_details; 60 calls a minute per key (429 + Retry-After); error bodies
 * `{"error":{"code","message"}}`; and state, so a registration made through it
 * shows in later reads and counts. Base URL: what `start()` returns, without /v1.
 */

export const ZENOTI_SIM_API_KEY = 'zenoti-sim-key';
export const ZENOTI_SIM_READ_ONLY_KEY = 'zenoti-sim-read-only-key';
export const ZENOTI_SIM_CENTER_ID = '34aac717-e7df-4231-afc8-14420213957c';

export interface ZenotiSimulatorOptions {
  /** The simulator's "now": the timetable is laid out around it and booking rules use it. Default 2026-11-23T15:00:00Z. */
  now?: Date;
  /** The center's zone; its times go out local, without an offset. Default America/New_York. */
  timeZone?: string;
  centerId?: string;
  centerName?: string;
  /** Accepted keys: 'full' may do everything, 'read' is refused (403) on writes. */
  apiKeys?: Record<string, 'full' | 'read'>;
  /** Calls a minute per key before 429. Default 60, as Zenoti documents. */
  rateLimitPerMinute?: number;
  daysBack?: number;
  daysAhead?: number;
  /** At most 16, or as many as `timetable` has. */
  sessionsPerDay?: number;
  /** Center-local `HH:mm` start times of each day's sessions (e.g. `evenTimetable(60)`); default sixteen from 06:00 to 20:00. */
  timetable?: readonly string[];
  /**
   * Every session gets exactly this many registrations (capacity = rosterSize, 2 less where the class has a
   * waitlist) instead of the seeded 0 to capacity + 3. Chain-sized data for benchmarks.
   */
  rosterSize?: number;
  /** Guests of the center, made on demand from their index (`guestAt`), never all held in memory. Default 48. */
  guestCount?: number;
  /** A budget per API key shared with other simulators (Zenoti counts calls per key across centers); replaces `rateLimitPerMinute`. */
  keyBudget?: ZenotiKeyBudget;
  /** Send `strat_time_utc` / `end_time_utc` beside the local times (newer answers); false mimics older ones. Default true. */
  utcTimes?: boolean;
  /** Longest start_date..end_date range accepted (days). Default 31. */
  maxRangeDays?: number;
  seed?: number;
}

export interface AddSession {
  /** Center-local start, `yyyy-MM-ddTHH:mm:ss`. */
  localStart: string;
  classId?: number;
  minutes?: number;
  capacity?: number;
  cancelled?: boolean;
  name?: string;
}

type Answer = SimResponse;

export class ZenotiSimulator extends SimulatorServer {
  readonly centerId: string;
  readonly centerName: string;
  readonly timeZone: string;
  /** Every guest by default; with `guestCount`, the first 48 of them (`guest(id)` finds any). */
  readonly guests: SimGuest[];
  readonly sessions: SimSession[];
  readonly registrations: SimRegistration[];
  now: Date;
  utcTimes: boolean;
  private readonly maxRangeDays: number;
  private readonly apiKeys: Record<string, 'full' | 'read'>;
  private readonly rawSessions: { localDate: string; raw: unknown }[] = [];
  private readonly rawRegistrations = new Map<number, unknown[]>();
  private readonly rawGuests: unknown[] = [];
  private readonly replacements: { path: RegExp; body: unknown }[] = [];
  private readonly guestCount: number | undefined;
  private readonly keyBudget: ZenotiKeyBudget | undefined;
  private nextSessionId = 80001;
  private nextRegistrationId = 990001;

  constructor(options: ZenotiSimulatorOptions = {}) {
    const apiKeys = options.apiKeys ?? { [ZENOTI_SIM_API_KEY]: 'full', [ZENOTI_SIM_READ_ONLY_KEY]: 'read' };
    super({
      authenticate: (request) => (keyOf(request, apiKeys) ? undefined : denied()),
      // A shared key budget is checked per route instead (see serve).
      rateLimit: { perMinute: options.keyBudget ? Number.MAX_SAFE_INTEGER : (options.rateLimitPerMinute ?? 60), rateKey: (request) => keyOf(request, apiKeys) ?? '', tooMany },
      notFound: () => fail(404, 404, 'No HTTP resource was found that matches the request URI.'),
    });
    this.apiKeys = apiKeys;
    this.now = options.now ?? new Date('2026-11-23T15:00:00Z');
    this.timeZone = options.timeZone ?? 'America/New_York';
    this.centerId = options.centerId ?? ZENOTI_SIM_CENTER_ID;
    this.centerName = options.centerName ?? 'Zenoti Fitness Brooklyn';
    this.utcTimes = options.utcTimes ?? true;
    this.maxRangeDays = options.maxRangeDays ?? 31;
    this.guestCount = options.guestCount;
    this.keyBudget = options.keyBudget;
    this.guests = options.guestCount === undefined ? makeGuests() : Array.from({ length: Math.min(48, options.guestCount) }, (_, i) => guestAt(i));
    const timetable = options.timetable;
    const seedOptions = {
      now: this.now,
      zone: this.timeZone,
      daysBack: options.daysBack ?? 2,
      daysAhead: options.daysAhead ?? 16,
      sessionsPerDay: Math.min(timetable?.length ?? 16, options.sessionsPerDay ?? timetable?.length ?? 16),
      seed: options.seed ?? 7,
      ...(timetable ? { timetable } : {}),
    };
    const seeded =
      options.rosterSize === undefined
        ? seedCenter(seedOptions, this.guests)
        : seedChainCenter({
            ...seedOptions,
            timetable: (timetable ?? TIMETABLE).slice(0, seedOptions.sessionsPerDay),
            rosterSize: options.rosterSize,
            guestCount: options.guestCount ?? this.guests.length,
          });
    this.sessions = seeded.sessions;
    this.registrations = seeded.registrations;
    installZenotiRoutes((method, path, handler) => this.serve(method, path, handler), this.world());
  }

  /** The next successful answer on a matching path gets this body instead (a broken envelope, say). */
  replaceNextBody(path: RegExp, body: unknown): void {
    this.replacements.push({ path, body });
  }

  /** The state the routes read and change (zenoti-simulator-routes.ts). */
  private world(): ZenotiWorld {
    return {
      centerId: this.centerId,
      centerName: this.centerName,
      timeZone: this.timeZone,
      maxRangeDays: this.maxRangeDays,
      nowMs: () => this.now.getTime(),
      utcTimes: () => this.utcTimes,
      sessions: this.sessions,
      rawSessions: this.rawSessions,
      rawRegistrations: this.rawRegistrations,
      rawGuests: this.rawGuests,
      session: (id) => this.session(id),
      registrationsOf: (sessionId) => this.registrationsOf(sessionId),
      registration: (id) => this.registration(id),
      guest: (id) => this.guest(id),
      allGuests: () => this.allGuests(),
      counts: (sessionId) => this.counts(sessionId),
      addRegistration: (sessionId, guestId, status) => this.addRegistration(sessionId, guestId, status),
      mayWrite: (request) => this.mayWrite(request),
    };
  }

  private serve(method: string, path: string, handler: (request: SimRequest) => Answer): void {
    this.route(method, path, (request) => {
      const wait = this.keyBudget?.take(keyOf(request, this.apiKeys) ?? '') ?? 0;
      if (wait > 0) {
        this.rateLimited += 1;
        return tooMany(Math.ceil(wait / 1000));
      }
      const answer = handler(request);
      const index = this.replacements.findIndex((replacement) => replacement.path.test(request.path));
      if (index < 0 || answer.status >= 300) return answer;
      const [replacement] = this.replacements.splice(index, 1);
      return { ...answer, body: replacement?.body };
    });
  }

  // ----- for tests -----

  session(id: number): SimSession | undefined {
    return this.sessions.find((session) => session.id === id);
  }

  sessionsOn(localDate: string): SimSession[] {
    return this.sessions.filter((session) => session.localStart.startsWith(localDate));
  }

  registrationsOf(sessionId: number): SimRegistration[] {
    return this.registrations.filter((registration) => registration.sessionId === sessionId);
  }

  /** Any guest of the center by id, also those `guests` does not hold (see `guestCount`). */
  guest(id: string): SimGuest | undefined {
    if (this.guestCount === undefined) return this.guests.find((g) => g.id === id);
    const index = guestIndexOf(id);
    return index !== undefined && index < this.guestCount ? guestAt(index) : undefined;
  }

  private *allGuests(): Generator<SimGuest> {
    if (this.guestCount === undefined) yield* this.guests;
    else for (let i = 0; i < this.guestCount; i += 1) yield guestAt(i);
  }

  registration(id: number): SimRegistration | undefined {
    return this.registrations.find((registration) => registration.id === id);
  }

  counts(sessionId: number): { occupancy: number; waitlisted: number } {
    const list = this.registrationsOf(sessionId);
    return { occupancy: list.filter((r) => OCCUPYING.has(r.status)).length, waitlisted: list.filter((r) => r.status === 4).length };
  }

  addSession(init: AddSession): SimSession {
    const simClass = simClasses.find((c) => c.id === (init.classId ?? 101)) ?? simClasses[0]!;
    const session: SimSession = {
      id: this.nextSessionId++,
      classId: simClass.id,
      name: init.name ?? simClass.name,
      localStart: init.localStart,
      localEnd: endOf(init.localStart, init.minutes ?? simClass.minutes, this.timeZone),
      instructorId: simInstructors[0].id,
      roomId: simRooms[0].id,
      capacity: init.capacity ?? simClass.capacity,
      cancelled: init.cancelled ?? false,
    };
    this.sessions.push(session);
    return session;
  }

  addRegistration(sessionId: number, guestId: string, status = 0): SimRegistration {
    const session = this.session(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const registration: SimRegistration = { id: this.nextRegistrationId++, sessionId, classId: session.classId, guestId, status, bookedFrom: 'Front desk' };
    this.registrations.push(registration);
    return registration;
  }

  /** A session record that breaks Zenoti's schema, listed among the sessions of that center-local date. */
  addMalformedSession(raw: unknown, localDate: string): void {
    this.rawSessions.push({ localDate, raw });
  }

  addMalformedRegistration(sessionId: number, raw: unknown): void {
    this.rawRegistrations.set(sessionId, [...(this.rawRegistrations.get(sessionId) ?? []), raw]);
  }

  addMalformedGuest(raw: unknown): void {
    this.rawGuests.push(raw);
  }

  /** Requests whose path matches, e.g. /registrations$/. */
  requests(path?: RegExp, method?: string): SimRequest[] {
    return this.log.filter((r) => (!path || path.test(r.path)) && (!method || r.method === method));
  }

  private mayWrite(request: SimRequest): boolean {
    const key = keyOf(request, this.apiKeys);
    return key !== undefined && this.apiKeys[key] === 'full';
  }
}

function keyOf(request: SimRequest, keys: Record<string, 'full' | 'read'>): string | undefined {
  const header = request.headers.authorization;
  const key = typeof header === 'string' ? /^apikey\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
  return key !== undefined && key in keys ? key : undefined;
}
