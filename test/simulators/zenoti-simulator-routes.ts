import { DateTime } from 'luxon';
import type { SimRequest, SimResponse } from './simulator-server';
import {
  fail,
  forbidden,
  instantOf,
  localTime,
  ok,
  pageDetails,
  pagingOf,
  refusalFor,
  simCategories,
  simClasses,
  simInstructors,
  simLevels,
  simRooms,
  wireClass,
  wireRegistration,
  wireSearchGuest,
  wireSession,
  type SimGuest,
  type SimRegistration,
  type SimSession,
} from './zenoti-simulator-data';

/**
 * The Zenoti simulator's API: the class sessions list, class registrations
 * (list, register, cancel, sign in, undo) and guest search, over the state
 * `ZenotiSimulator` holds (see `ZenotiWorld`).
 */

type Answer = SimResponse;
export const OCCUPYING = new Set([0, 2, 3, 8]);
const ACTIVE = new Set([0, 3, 4, 8]);

/** What the routes read and change. */
export interface ZenotiWorld {
  centerId: string;
  centerName: string;
  timeZone: string;
  maxRangeDays: number;
  nowMs(): number;
  utcTimes(): boolean;
  sessions: SimSession[];
  rawSessions: { localDate: string; raw: unknown }[];
  rawRegistrations: Map<number, unknown[]>;
  rawGuests: unknown[];
  session(id: number): SimSession | undefined;
  registrationsOf(sessionId: number): SimRegistration[];
  registration(id: number): SimRegistration | undefined;
  guest(id: string): SimGuest | undefined;
  allGuests(): Iterable<SimGuest>;
  counts(sessionId: number): { occupancy: number; waitlisted: number };
  addRegistration(sessionId: number, guestId: string, status?: number): SimRegistration;
  mayWrite(request: SimRequest): boolean;
}

export function installZenotiRoutes(serve: (method: string, path: string, handler: (request: SimRequest) => Answer) => void, world: ZenotiWorld): void {
  serve('GET', '/v1/classes/sessions', (r) => listSessions(world, r));
  serve('GET', '/v1/classes/{class_id}/registrations', (r) => listRegistrations(world, r));
  serve('POST', '/v1/classes/{class_id}/registrations', (r) => register(world, r));
  for (const verb of ['cancel', 'sign_in', 'undo_sign_in'] as const) {
    serve('PUT', `/v1/classes/{class_id}/registrations/{registration_id}/${verb}`, (r) => change(world, r, verb));
  }
  serve('GET', '/v1/guests/search', (r) => searchGuests(world, r));
}

// ----- GET /v1/classes/sessions -----

function listSessions(world: ZenotiWorld, request: SimRequest): Answer {
  const q = request.query;
  if (q.get('center_id')?.toLowerCase() !== world.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
  const start = q.get('start_date') ?? '';
  const end = q.get('end_date') ?? '';
  const from = DateTime.fromISO(start, { zone: world.timeZone });
  const to = DateTime.fromISO(end, { zone: world.timeZone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || !from.isValid || !to.isValid || to < from) {
    return fail(400, 502, 'Invalid start_date or end_date.');
  }
  if (to.diff(from, 'days').days + 1 > world.maxRangeDays) return fail(400, 502, `The date range cannot be more than ${world.maxRangeDays} days.`);
  const paging = pagingOf(request.query);
  if ('status' in paging) return paging;
  const sessionFilter = q.get('session_id');
  const classFilter = q.get('class_id');
  const items: { key: string; render: () => unknown; session?: SimSession }[] = [];
  for (const session of world.sessions) {
    const date = session.localStart.slice(0, 10);
    if (date < start || date > end) continue;
    if (sessionFilter && String(session.id) !== sessionFilter) continue;
    if (classFilter && String(session.classId) !== classFilter) continue;
    items.push({ key: `${session.localStart}|${String(session.id).padStart(9, '0')}`, render: () => renderSession(world, session), session });
  }
  for (const { localDate, raw } of world.rawSessions) {
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

function renderSession(world: ZenotiWorld, session: SimSession): unknown {
  return wireSession(session, world.counts(session.id), {
    nowMs: world.nowMs(),
    zone: world.timeZone,
    centerId: world.centerId,
    centerName: world.centerName,
    utcTimes: world.utcTimes(),
  });
}

// ----- registrations -----

function listRegistrations(world: ZenotiWorld, request: SimRequest): Answer {
  const found = sessionOfClass(world, request, request.query.get('session_id'));
  if ('status' in found) return found;
  if (request.query.get('center_id')?.toLowerCase() !== world.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
  const paging = pagingOf(request.query);
  if ('status' in paging) return paging;
  const waiting = world.registrationsOf(found.id).filter((r) => r.status === 4);
  const all: unknown[] = [
    ...world.registrationsOf(found.id).map((r) => wireRegistration(r, world.guest(r.guestId), waiting.indexOf(r) + 1)),
    ...(world.rawRegistrations.get(found.id) ?? []),
  ];
  return ok({ registrations: all.slice((paging.page - 1) * paging.size, paging.page * paging.size), page_details: pageDetails(paging, all.length) });
}

function register(world: ZenotiWorld, request: SimRequest): Answer {
  if (!world.mayWrite(request)) return forbidden();
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (!body.session_id || !body.guest_id || !body.center_id) return fail(400, 1004, 'SessionId/user id/center id were not passed. Please check the input params.');
  const found = sessionOfClass(world, request, String(body.session_id));
  if ('status' in found) return found;
  if (String(body.center_id).toLowerCase() !== world.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
  const guest = world.guest(String(body.guest_id));
  if (!guest) return fail(400, 1004, 'Guest is invalid.');
  const simClass = simClasses.find((c) => c.id === found.classId)!;
  const startMs = instantOf(found.localStart, world.timeZone);
  if (found.cancelled || startMs <= world.nowMs()) return fail(400, 1009, 'Class is not open for registrations, cannot register to class.');
  if (world.registrationsOf(found.id).some((r) => r.guestId === guest.id && ACTIVE.has(r.status))) {
    return fail(400, 1010, 'Guest is already registered to the class or is on the waiting list.');
  }
  const full = world.counts(found.id).occupancy >= found.capacity;
  const toWaitlist = full && body.add_to_waitlist === true;
  if (!toWaitlist && startMs - simClass.lockHours * 3_600_000 <= world.nowMs()) {
    return fail(400, 1022, 'Cannot be Enrolled/Registered to the session, the registration lock window has begun.');
  }
  if (full && !toWaitlist) return fail(400, 1011, 'Class capacity exceeded, cannot register to class.');
  if (toWaitlist && !simClass.allowWaitList) return fail(400, 1012, 'Waitlist is not enabled for this class.');
  const created = world.addRegistration(found.id, guest.id, toWaitlist ? 4 : 0);
  created.bookedFrom = 'API';
  return ok({
    registrations: {
      id: created.id, invoice_id: null, app_group_id: null, status: created.status, custom_form_status: 0, guest_form_status: 0,
      guest_registrations: [{ id: created.id, guest_id: guest.id, is_virtual_guest: false }], group_invoice_id: null,
    },
  });
}

function change(world: ZenotiWorld, request: SimRequest, verb: 'cancel' | 'sign_in' | 'undo_sign_in'): Answer {
  if (!world.mayWrite(request)) return forbidden();
  const classId = Number(request.params.class_id);
  if (!simClasses.some((c) => c.id === classId)) return fail(404, 1001, 'Class is invalid');
  const r = world.registration(Number(request.params.registration_id));
  if (!r) return fail(404, 1004, 'The registration is invalid');
  if (r.classId !== classId) return fail(400, 1004, 'Passed class is not associated with passed session guid');
  const refusal = refusalFor(verb, r.status);
  if (refusal) return fail(400, 1004, refusal);
  const session = world.session(r.sessionId)!;
  if (verb === 'cancel') {
    if (instantOf(session.localStart, world.timeZone) <= world.nowMs()) return fail(400, 1023, 'Cannot cancel, the class session has already started.');
    const heldPlace = OCCUPYING.has(r.status);
    r.status = 1;
    // Zenoti moves the first guest on the waitlist into the freed place.
    const next = heldPlace ? world.registrationsOf(session.id).find((other) => other.status === 4) : undefined;
    if (next) next.status = 0;
  } else if (verb === 'sign_in') {
    r.status = 3;
    r.signedInTime = localTime(world.nowMs(), world.timeZone);
  } else {
    r.status = 0;
    delete r.signedInTime;
  }
  return ok({ success: true, registration_id: r.id, status: r.status });
}

function sessionOfClass(world: ZenotiWorld, request: SimRequest, sessionId: string | null | undefined): SimSession | Answer {
  const classId = Number(request.params.class_id);
  if (!simClasses.some((c) => c.id === classId)) return fail(404, 1001, 'Class is invalid');
  const session = world.sessions.find((s) => String(s.id) === sessionId);
  if (!session || session.classId !== classId) return fail(400, 1004, 'Passed class is not associated with passed session guid');
  return session;
}

// ----- GET /v1/guests/search -----

function searchGuests(world: ZenotiWorld, request: SimRequest): Answer {
  const q = request.query;
  if (q.get('center_id')?.toLowerCase() !== world.centerId.toLowerCase()) return fail(400, 502, 'Invalid center_id.');
  const criteria = ['first_name', 'last_name', 'email', 'phone', 'user_code'].filter((name) => q.get(name));
  if (criteria.length === 0) return fail(400, 502, 'Please pass at least one search parameter.');
  const paging = pagingOf(request.query);
  if ('status' in paging) return paging;
  const starts = (value: string, name: string) => value.toLowerCase().startsWith((q.get(name) ?? '').toLowerCase());
  const matches = [...world.allGuests()].filter(
    (g) =>
      (!q.get('first_name') || starts(g.firstName, 'first_name')) &&
      (!q.get('last_name') || starts(g.lastName, 'last_name')) &&
      (!q.get('email') || g.email.includes((q.get('email') ?? '').toLowerCase())) &&
      (!q.get('phone') || g.phone.includes(q.get('phone') ?? '')) &&
      (!q.get('user_code') || starts(g.code, 'user_code')),
  );
  const all: unknown[] = [
    ...matches.map((g) => wireSearchGuest(g, world.centerId)),
    ...world.rawGuests,
  ];
  return ok({ guests: all.slice((paging.page - 1) * paging.size, paging.page * paging.size), page_info: { total: all.length, page: paging.page, size: paging.size } });
}
