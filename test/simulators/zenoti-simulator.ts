import { DateTime } from 'luxon';
import { SimulatorServer, type SimRequest, type SimResponse } from './simulator-server';
import {
  denied,
  endOf,
  fail,
  forbidden,
  instantOf,
  localTime,
  makeGuests,
  ok,
  pageDetails,
  pagingOf,
  refusalFor,
  seedCenter,
  simCategories,
  simClasses,
  simInstructors,
  simLevels,
  simRooms,
  TIMETABLE,
  tooMany,
  wireClass,
  wireRegistration,
  wireSearchGuest,
  wireSession,
  type SimGuest,
  type SimRegistration,
  type SimSession,
} from './zenoti-simulator-data';
import { guestAt, guestIndexOf, seedChainCenter, type ZenotiKeyBudget } from './zenoti-simulator-chain';

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
const OCCUPYING = new Set([0, 2, 3, 8]);
const ACTIVE = new Set([0, 3, 4, 8]);

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
    this.serve('GET', '/v1/classes/sessions', (r) => this.listSessions(r));
    this.serve('GET', '/v1/classes/{class_id}/registrations', (r) => this.listRegistrations(r));
    this.serve('POST', '/v1/classes/{class_id}/registrations', (r) => this.register(r));
    for (const verb of ['cancel', 'sign_in', 'undo_sign_in'] as const) {
      this.serve('PUT', `/v1/classes/{class_id}/registrations/{registration_id}/${verb}`, (r) => this.change(r, verb));
    }
    this.serve('GET', '/v1/guests/search', (r) => this.searchGuests(r));
  }

  /** The next successful answer on a matching path gets this body instead (a broken envelope, say). */
  replaceNextBody(path: RegExp, body: unknown): void {
    this.replacements.push({ path, body });
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

  // ----- GET /v1/classes/sessions -----

  private listSessions(request: SimRequest): Answer {
    const q = request.query;
    if (q.get('center_id')?.toLowerCase() !== this.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
    const start = q.get('start_date') ?? '';
    const end = q.get('end_date') ?? '';
    const from = DateTime.fromISO(start, { zone: this.timeZone });
    const to = DateTime.fromISO(end, { zone: this.timeZone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || !from.isValid || !to.isValid || to < from) {
      return fail(400, 502, 'Invalid start_date or end_date.');
    }
    if (to.diff(from, 'days').days + 1 > this.maxRangeDays) return fail(400, 502, `The date range cannot be more than ${this.maxRangeDays} days.`);
    const paging = pagingOf(request.query);
    if ('status' in paging) return paging;
    const sessionFilter = q.get('session_id');
    const classFilter = q.get('class_id');
    const items: { key: string; render: () => unknown; session?: SimSession }[] = [];
    for (const session of this.sessions) {
      const date = session.localStart.slice(0, 10);
      if (date < start || date > end) continue;
      if (sessionFilter && String(session.id) !== sessionFilter) continue;
      if (classFilter && String(session.classId) !== classFilter) continue;
      items.push({ key: `${session.localStart}|${String(session.id).padStart(9, '0')}`, render: () => this.wireSession(session), session });
    }
    for (const { localDate, raw } of this.rawSessions) {
      if (localDate >= start && localDate <= end && !sessionFilter && !classFilter) items.push({ key: `${localDate}T12:00:00|~`, render: () => raw });
    }
    items.sort((a, b) => a.key.localeCompare(b.key));
    const pageItems = items.slice((paging.page - 1) * paging.size, paging.page * paging.size);
    const onPage = pageItems.flatMap((item) => (item.session ? [item.session] : []));
    const classIds = new Set(onPage.map((s) => s.classId));
    const usedClasses = simClasses.filter((c) => classIds.has(c.id));
    return ok({
      sessions: pageItems.map((item) => item.render()),
      classes: usedClasses.map(wireClass),
      instructors: simInstructors.filter((i) => onPage.some((s) => s.instructorId === i.id)).map((i) => ({ ...i, description: '', image_paths: null })),
      categories: simCategories.filter((c) => usedClasses.some((u) => u.categoryId === c.id)),
      rooms: simRooms.filter((room) => onPage.some((s) => s.roomId === room.id)),
      levels: simLevels.filter((l) => usedClasses.some((u) => u.levelId === l.id)),
      page_details: pageDetails(paging, items.length),
    });
  }

  private wireSession(session: SimSession): unknown {
    return wireSession(session, this.counts(session.id), {
      nowMs: this.now.getTime(),
      zone: this.timeZone,
      centerId: this.centerId,
      centerName: this.centerName,
      utcTimes: this.utcTimes,
    });
  }

  // ----- registrations -----

  private listRegistrations(request: SimRequest): Answer {
    const found = this.sessionOfClass(request, request.query.get('session_id'));
    if ('status' in found) return found;
    if (request.query.get('center_id')?.toLowerCase() !== this.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
    const paging = pagingOf(request.query);
    if ('status' in paging) return paging;
    const waiting = this.registrationsOf(found.id).filter((r) => r.status === 4);
    const all: unknown[] = [
      ...this.registrationsOf(found.id).map((r) => wireRegistration(r, this.guest(r.guestId), waiting.indexOf(r) + 1)),
      ...(this.rawRegistrations.get(found.id) ?? []),
    ];
    return ok({ registrations: all.slice((paging.page - 1) * paging.size, paging.page * paging.size), page_details: pageDetails(paging, all.length) });
  }

  private register(request: SimRequest): Answer {
    if (!this.mayWrite(request)) return forbidden();
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!body.session_id || !body.guest_id || !body.center_id) return fail(400, 1004, 'SessionId/user id/center id were not passed. Please check the input params.');
    const found = this.sessionOfClass(request, String(body.session_id));
    if ('status' in found) return found;
    if (String(body.center_id).toLowerCase() !== this.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
    const guest = this.guest(String(body.guest_id));
    if (!guest) return fail(400, 1004, 'Guest is invalid.');
    const simClass = simClasses.find((c) => c.id === found.classId)!;
    const startMs = instantOf(found.localStart, this.timeZone);
    if (found.cancelled || startMs <= this.now.getTime()) return fail(400, 1009, 'Class is not open for registrations, cannot register to class.');
    if (this.registrationsOf(found.id).some((r) => r.guestId === guest.id && ACTIVE.has(r.status))) {
      return fail(400, 1010, 'Guest is already registered to the class or is on the waiting list.');
    }
    const full = this.counts(found.id).occupancy >= found.capacity;
    const toWaitlist = full && body.add_to_waitlist === true;
    if (!toWaitlist && startMs - simClass.lockHours * 3_600_000 <= this.now.getTime()) {
      return fail(400, 1022, 'Cannot be Enrolled/Registered to the session, the registration lock window has begun.');
    }
    if (full && !toWaitlist) return fail(400, 1011, 'Class capacity exceeded, cannot register to class.');
    if (toWaitlist && !simClass.allowWaitList) return fail(400, 1012, 'Waitlist is not enabled for this class.');
    const created = this.addRegistration(found.id, guest.id, toWaitlist ? 4 : 0);
    created.bookedFrom = 'API';
    return ok({
      registrations: {
        id: created.id, invoice_id: null, app_group_id: null, status: created.status, custom_form_status: 0, guest_form_status: 0,
        guest_registrations: [{ id: created.id, guest_id: guest.id, is_virtual_guest: false }], group_invoice_id: null,
      },
    });
  }

  private change(request: SimRequest, verb: 'cancel' | 'sign_in' | 'undo_sign_in'): Answer {
    if (!this.mayWrite(request)) return forbidden();
    const classId = Number(request.params.class_id);
    if (!simClasses.some((c) => c.id === classId)) return fail(404, 1001, 'Class is invalid');
    const r = this.registration(Number(request.params.registration_id));
    if (!r) return fail(404, 1004, 'The registration is invalid');
    if (r.classId !== classId) return fail(400, 1004, 'Passed class is not associated with passed session guid');
    const refusal = refusalFor(verb, r.status);
    if (refusal) return fail(400, 1004, refusal);
    const session = this.session(r.sessionId)!;
    if (verb === 'cancel') {
      if (instantOf(session.localStart, this.timeZone) <= this.now.getTime()) return fail(400, 1023, 'Cannot cancel, the class session has already started.');
      const heldPlace = OCCUPYING.has(r.status);
      r.status = 1;
      // Zenoti moves the first guest on the waitlist into the freed place.
      const next = heldPlace ? this.registrationsOf(session.id).find((other) => other.status === 4) : undefined;
      if (next) next.status = 0;
    } else if (verb === 'sign_in') {
      r.status = 3;
      r.signedInTime = localTime(this.now.getTime(), this.timeZone);
    } else {
      r.status = 0;
      delete r.signedInTime;
    }
    return ok({ success: true, registration_id: r.id, status: r.status });
  }

  private sessionOfClass(request: SimRequest, sessionId: string | null | undefined): SimSession | Answer {
    const classId = Number(request.params.class_id);
    if (!simClasses.some((c) => c.id === classId)) return fail(404, 1001, 'Class is invalid');
    const session = this.sessions.find((s) => String(s.id) === sessionId);
    if (!session || session.classId !== classId) return fail(400, 1004, 'Passed class is not associated with passed session guid');
    return session;
  }

  // ----- GET /v1/guests/search -----

  private searchGuests(request: SimRequest): Answer {
    const q = request.query;
    if (q.get('center_id')?.toLowerCase() !== this.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
    const criteria = ['first_name', 'last_name', 'email', 'phone', 'user_code'].filter((name) => q.get(name));
    if (criteria.length === 0) return fail(400, 502, 'Please pass at least one search parameter.');
    const paging = pagingOf(request.query);
    if ('status' in paging) return paging;
    const starts = (value: string, name: string) => value.toLowerCase().startsWith((q.get(name) ?? '').toLowerCase());
    const matches = [...this.allGuests()].filter(
      (g) =>
        (!q.get('first_name') || starts(g.firstName, 'first_name')) &&
        (!q.get('last_name') || starts(g.lastName, 'last_name')) &&
        (!q.get('email') || g.email.includes((q.get('email') ?? '').toLowerCase())) &&
        (!q.get('phone') || g.phone.includes(q.get('phone') ?? '')) &&
        (!q.get('user_code') || starts(g.code, 'user_code')),
    );
    const all: unknown[] = [
      ...matches.map((g) => wireSearchGuest(g, this.centerId)),
      ...this.rawGuests,
    ];
    return ok({ guests: all.slice((paging.page - 1) * paging.size, paging.page * paging.size), page_info: { total: all.length, page: paging.page, size: paging.size } });
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
