import { SimulatorServer, type Faults, type SimRequest, type SimResponse } from './simulator-server';
import {
  seedClasses,
  seedClients,
  seedRoster,
  simLocations,
  simServices,
  simStaff,
  trueStart,
  wallTimeAsUtc,
  type SimClass,
  type SimClient,
  type SimParticipant,
} from './whautomate-simulator-data';

/**
 * A local stand-in for Whautomate's REST API as its documents describe it:
 * GET/POST /v1/classes, GET/PUT/DELETE /v1/classes/{classId},
 * GET /v1/classes/{classId}/participants, POST …/participants/add and
 * …/participants/cancel, GET /v1/classes/clients/{clientId}/bookings and
 * GET /v1/clients; the x-api-key header; the documented error bodies
 * (400 {"message": "Invalid request body"} / {"error": "Invalid parameters"},
 * 403 {"message": "Forbidden"}, 404 {"error": "Invalid locationId"} …);
 * lists as a bare array or as {data: […]}; and a rate limit with 429 + Retry-After.
 * Paging (`page` from 1, `limit` up to 100) and the date filters
 * (`fromDate`/`toDate`) are assumptions, the same ones the adapter makes.
 */

export const WHAUTOMATE_SIM_KEY = 'wa-sim-key-0001';

export interface WhautomateSimulatorOptions {
  /** The simulator's "now": seeded classes run from `daysBack` local days before it to `daysAhead` after. */
  now: Date;
  apiKey?: string;
  seed?: number;
  daysBack?: number;
  daysAhead?: number;
  /** How lists come back; Whautomate is seen sending both. Can be changed later through `listShape`. */
  listShape?: ListShape;
  /** Whautomate documents 403 {"message":"Forbidden"} for a missing or wrong key; 401 {"message":"Unauthorized"} is the other answer seen from such gateways. */
  authFailureStatus?: 401 | 403;
  /** Requests a minute per API key before 429 (default 120, the adapter's own budget; Whautomate: 60 trial, 300 subscribed). */
  perMinute?: number;
}

export type ListShape = 'array' | 'data';

interface ScriptedAnswer {
  method?: string;
  path: RegExp;
  answer: SimResponse;
  times: number;
}

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class WhautomateSimulator {
  readonly server: SimulatorServer;
  listShape: ListShape;
  readonly clients: SimClient[];
  private readonly classes = new Map<string, SimClass>();
  private readonly participants = new Map<string, SimParticipant[]>();
  private readonly malformedClasses: unknown[] = [];
  private readonly malformedParticipants = new Map<string, unknown[]>();
  private readonly scripted: ScriptedAnswer[] = [];
  private readonly startedAtMs = Date.now();
  private requestCount = 0;
  private created = 0;

  constructor(private readonly options: WhautomateSimulatorOptions) {
    this.listShape = options.listShape ?? 'array';
    this.clients = seedClients();
    const nowMs = options.now.getTime();
    for (const simClass of seedClasses(options.now, options.daysBack ?? 2, options.daysAhead ?? 16)) {
      this.classes.set(simClass.id, simClass);
      this.participants.set(simClass.id, seedRoster(simClass, trueStart(simClass).toMillis(), this.clients, nowMs, options.seed ?? 7));
    }
    const apiKey = options.apiKey ?? WHAUTOMATE_SIM_KEY;
    const refusal = options.authFailureStatus ?? 403;
    this.server = new SimulatorServer({
      authenticate: (request) =>
        request.headers['x-api-key'] === apiKey
          ? undefined
          : this.error(refusal, refusal === 403 ? { message: 'Forbidden' } : { message: 'Unauthorized' }),
      rateLimit: {
        perMinute: options.perMinute ?? 120,
        rateKey: (request) => String(request.headers['x-api-key'] ?? ''),
        tooMany: (seconds) => ({ ...this.error(429, { message: 'Too Many Requests' }), headers: { 'retry-after': String(seconds), ...this.traceHeader() } }),
      },
      notFound: () => this.error(404, { message: 'Not Found' }),
    });
    this.routes();
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get log(): SimRequest[] {
    return this.server.log;
  }

  get faults(): Faults {
    return this.server.faults;
  }

  get rateLimited(): number {
    return this.server.rateLimited;
  }

  /** The simulator's clock: `now` when it was built, running on at normal speed. */
  now(): Date {
    return new Date(this.options.now.getTime() + (Date.now() - this.startedAtMs));
  }

  // ---- for tests: look and change ----

  /** Classes whose true start lies in [from, to), with that start. */
  classesBetween(from: string, to: string, locationId?: string): { id: string; startsAt: string; locationId: string }[] {
    const fromMs = Date.parse(from);
    const toMs = Date.parse(to);
    return [...this.classes.values()]
      .map((simClass) => ({ id: simClass.id, startsAt: new Date(trueStart(simClass).toMillis()).toISOString(), locationId: simClass.locationId }))
      .filter(({ startsAt, locationId: at }) => Date.parse(startsAt) >= fromMs && Date.parse(startsAt) < toMs && (!locationId || at === locationId))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  classById(id: string): SimClass | undefined {
    return this.classes.get(id);
  }

  participantsOf(classId: string): SimParticipant[] {
    return (this.participants.get(classId) ?? []).map((participant) => ({ ...participant }));
  }

  /** Adds a class, e.g. on both sides of a daylight-saving change. */
  addClass(spec: Partial<SimClass> & Pick<SimClass, 'date' | 'time'>): SimClass {
    this.created += 1;
    const simClass: SimClass = {
      id: spec.id ?? `cls-new-${this.created}`,
      locationId: 'loc-london',
      staffId: 'stf-amara',
      serviceId: 'svc-yoga',
      timezone: 'Europe/London',
      capacity: 10,
      status: 'ACTIVE',
      createdAt: this.now().toISOString(),
      ...spec,
    };
    this.classes.set(simClass.id, simClass);
    this.participants.set(simClass.id, this.participants.get(simClass.id) ?? []);
    return simClass;
  }

  /** Puts a client on a class's roster directly, e.g. to fill a class. */
  seatClient(classId: string, clientId: string, status = 'BOOKED'): SimParticipant {
    const at = this.now().toISOString();
    const participant: SimParticipant = { id: `par-x-${this.created++}-${clientId}`, classId, clientId, status, paymentStatus: 'UNPAID', createdAt: at, updatedAt: at };
    this.participants.get(classId)?.push(participant);
    return participant;
  }

  /** A class record that breaks the documented schema; it is listed with the others. */
  addMalformedClass(raw: unknown): void {
    this.malformedClasses.push(raw);
  }

  addMalformedParticipant(classId: string, raw: unknown): void {
    this.malformedParticipants.set(classId, [...(this.malformedParticipants.get(classId) ?? []), raw]);
  }

  /** The next `times` requests matching `path` (and `method`) get this answer instead, e.g. a documented error body. */
  answerNext(path: RegExp, answer: SimResponse, options: { method?: string; times?: number } = {}): void {
    this.scripted.push({ path, answer, method: options.method, times: options.times ?? 1 });
  }

  // ---- the API ----

  private routes(): void {
    const s = this.server;
    s.route('GET', '/v1/classes', (r) => this.scriptedOr(r, () => this.listClasses(r)));
    s.route('POST', '/v1/classes', (r) => this.scriptedOr(r, () => this.createClass(r)));
    s.route('GET', '/v1/classes/clients/{clientId}/bookings', (r) => this.scriptedOr(r, () => this.clientBookings(r)));
    s.route('GET', '/v1/classes/{classId}', (r) => this.scriptedOr(r, () => this.withClass(r, (c) => ok(this.wireClass(c)))));
    s.route('PUT', '/v1/classes/{classId}', (r) => this.scriptedOr(r, () => this.withClass(r, (c) => this.updateClass(c, r))));
    s.route('DELETE', '/v1/classes/{classId}', (r) =>
      this.scriptedOr(r, () =>
        this.withClass(r, (c) => {
          this.classes.delete(c.id);
          return ok({ success: true });
        }),
      ),
    );
    s.route('GET', '/v1/classes/{classId}/participants', (r) =>
      this.scriptedOr(r, () =>
        this.withClass(r, (c) =>
          this.list([...(this.participants.get(c.id) ?? []).map((p) => this.wireParticipant(p)), ...(this.malformedParticipants.get(c.id) ?? [])]),
        ),
      ),
    );
    s.route('POST', '/v1/classes/{classId}/participants/add', (r) => this.scriptedOr(r, () => this.withClass(r, (c) => this.addParticipant(c, r))));
    s.route('POST', '/v1/classes/{classId}/participants/cancel', (r) => this.scriptedOr(r, () => this.withClass(r, (c) => this.cancelParticipant(c, r))));
    s.route('GET', '/v1/clients', (r) => this.scriptedOr(r, () => this.searchClients(r)));
  }

  private listClasses(request: SimRequest): SimResponse {
    const paging = this.paging(request);
    if (!paging) return this.error(400, { error: 'Invalid parameters' });
    const { query } = request;
    const locationId = query.get('locationId');
    if (locationId && !simLocations.some((location) => location.id === locationId)) return this.error(404, { error: 'Invalid locationId' });
    const fromDate = query.get('fromDate');
    const toDate = query.get('toDate');
    if ((fromDate && !DATE.test(fromDate)) || (toDate && !DATE.test(toDate))) return this.error(400, { error: 'Invalid parameters' });
    const found = [...this.classes.values()]
      .filter((c) => (!locationId || c.locationId === locationId) && (!fromDate || c.date >= fromDate) && (!toDate || c.date <= toDate))
      .sort((a, b) => trueStart(a).toMillis() - trueStart(b).toMillis() || a.id.localeCompare(b.id))
      .map((c): unknown => this.wireClass(c));
    const all = [...found, ...this.malformedClasses];
    return this.list(all.slice((paging.page - 1) * paging.limit, paging.page * paging.limit));
  }

  private createClass(request: SimRequest): SimResponse {
    const body = request.body as Partial<{ location: { id?: string }; staff: { id?: string }; service: { id?: string }; date: string; time: string; numberOfParticipants: number; timezone: string }>;
    const location = simLocations.find((candidate) => candidate.id === body?.location?.id);
    if (!body || typeof body.date !== 'string' || !DATE.test(body.date) || typeof body.time !== 'string' || !body.service?.id) {
      return this.error(400, { message: 'Invalid request body' });
    }
    if (!location) return this.error(404, { error: 'Invalid locationId' });
    const simClass = this.addClass({
      locationId: location.id,
      serviceId: body.service.id,
      staffId: body.staff?.id ?? 'stf-amara',
      date: body.date,
      time: body.time,
      timezone: body.timezone ?? location.timezone,
      capacity: body.numberOfParticipants ?? 10,
    });
    return ok(this.wireClass(simClass));
  }

  private updateClass(simClass: SimClass, request: SimRequest): SimResponse {
    const body = request.body as Partial<{ date: string; time: string; numberOfParticipants: number; timezone: string }> | undefined;
    if (!body || typeof body !== 'object' || (body.date !== undefined && !DATE.test(String(body.date)))) return this.error(400, { message: 'Invalid request body' });
    Object.assign(simClass, {
      ...(body.date ? { date: body.date } : {}),
      ...(body.time ? { time: body.time } : {}),
      ...(body.timezone ? { timezone: body.timezone } : {}),
      ...(body.numberOfParticipants !== undefined ? { capacity: body.numberOfParticipants } : {}),
    });
    return ok(this.wireClass(simClass));
  }

  private addParticipant(simClass: SimClass, request: SimRequest): SimResponse {
    const body = request.body as { client?: { id?: string; fullName?: string; countryCode?: string; phone?: string }; status?: string } | undefined;
    const wanted = body?.client;
    if (!wanted || (!wanted.id && !(wanted.fullName && wanted.phone))) return this.error(400, { message: 'Invalid request body' });
    const status = (body.status ?? 'BOOKED').toUpperCase();
    if (status !== 'BOOKED' && status !== 'WAITLISTED') return this.error(400, { message: 'Invalid request body' });
    let client = wanted.id ? this.clients.find((candidate) => candidate.id === wanted.id) : this.clients.find((candidate) => candidate.phone === wanted.phone);
    if (!client && wanted.id) return this.error(404, { error: 'Invalid clientId' });
    if (!client) {
      client = { id: `cli_new_${this.clients.length}`, clientId: `WA-${2000 + this.clients.length}`, fullName: wanted.fullName ?? '', countryCode: wanted.countryCode ?? '', phone: wanted.phone ?? '', email: '', locationId: simClass.locationId };
      this.clients.push(client);
    }
    if (simClass.status === 'CANCELLED') return this.error(400, { error: 'Class is cancelled' });
    const roster = this.participants.get(simClass.id) ?? [];
    const clientId = client.id;
    if (roster.some((p) => p.clientId === clientId && p.status !== 'CANCELLED')) return this.error(400, { error: 'Client is already a participant of this class' });
    if (status === 'BOOKED' && takenPlaces(roster) >= simClass.capacity) return this.error(400, { error: 'Class is full' });
    return ok(this.wireParticipant(this.seatClient(simClass.id, client.id, status)));
  }

  private cancelParticipant(simClass: SimClass, request: SimRequest): SimResponse {
    const body = request.body as { participantId?: string; cancellationReason?: string } | undefined;
    if (!body || typeof body.participantId !== 'string') return this.error(400, { message: 'Invalid request body' });
    const roster = this.participants.get(simClass.id) ?? [];
    const participant = roster.find((p) => p.id === body.participantId);
    if (!participant) return this.error(404, { error: 'Invalid participantId' });
    if (participant.status === 'CANCELLED') return this.error(400, { error: 'Participant is already cancelled' });
    if (participant.status === 'VISITED') return this.error(400, { error: 'Participant has already visited this class' });
    const at = this.now().toISOString();
    const freedPlace = participant.status === 'BOOKED';
    Object.assign(participant, { status: 'CANCELLED', updatedAt: at, cancellationReason: body.cancellationReason });
    const next = roster.filter((p) => p.status === 'WAITLISTED').sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
    if (freedPlace && next) Object.assign(next, { status: 'BOOKED', updatedAt: at });
    return ok(this.wireParticipant(participant));
  }

  private clientBookings(request: SimRequest): SimResponse {
    const clientId = request.params.clientId ?? '';
    if (!this.clients.some((client) => client.id === clientId)) return this.error(404, { error: 'Invalid clientId' });
    const bookings = [...this.participants.values()]
      .flat()
      .filter((p) => p.clientId === clientId && this.classes.has(p.classId))
      .map((p) => ({ ...this.wireParticipant(p), class: this.wireClass(this.classes.get(p.classId) as SimClass) }));
    return this.list(bookings);
  }

  private searchClients(request: SimRequest): SimResponse {
    const paging = this.paging(request);
    if (!paging) return this.error(400, { error: 'Invalid parameters' });
    const text = (request.query.get('searchText') ?? '').trim().toLowerCase();
    const digits = text.replace(/\D+/g, '');
    const found = this.clients.filter(
      (client) => !text || client.fullName.toLowerCase().includes(text) || (digits.length >= 4 && `${client.countryCode}${client.phone}`.replace(/\D+/g, '').includes(digits)),
    );
    const page = found.slice((paging.page - 1) * paging.limit, paging.page * paging.limit);
    return this.list(page.map(({ locationId, ...client }) => ({ ...client, primaryLocation: { id: locationId }, createdAt: '2025-01-06T10:00:00.000Z' })));
  }

  // ---- wire forms ----

  private wireClass(simClass: SimClass): Record<string, unknown> {
    const location = simLocations.find((candidate) => candidate.id === simClass.locationId);
    const service = simServices.find((candidate) => candidate.id === simClass.serviceId) ?? simServices[0];
    const staff = simStaff.find((candidate) => candidate.id === simClass.staffId);
    const duration = service?.durationMinutes ?? 60;
    const startUtc = simClass.utcFields?.startTimeUTC ?? wallTimeAsUtc(simClass);
    const endUtc = simClass.utcFields?.endTimeUTC ?? wallTimeAsUtc(simClass, duration);
    return {
      id: simClass.id,
      location: { id: simClass.locationId, title: location?.title ?? simClass.locationId },
      ...(staff ? { staff: { id: staff.id, name: staff.name } } : {}),
      ...(simClass.timezone ? { timezone: simClass.timezone } : {}),
      date: simClass.date,
      time: simClass.time,
      startTimeUTC: startUtc,
      startTime: startUtc,
      endTimeUTC: endUtc,
      endTime: endUtc,
      service: { ...service },
      bookedParticipants: takenPlaces(this.participants.get(simClass.id) ?? []),
      numberOfParticipants: simClass.capacity,
      status: simClass.status,
      ...(simClass.cancelClassThresholdMinutes ? { advanceSettings: { cancelClassThresholdMinutes: simClass.cancelClassThresholdMinutes } } : {}),
      createdAt: simClass.createdAt,
      updatedAt: simClass.createdAt,
    };
  }

  private wireParticipant(participant: SimParticipant): Record<string, unknown> {
    const client = this.clients.find((candidate) => candidate.id === participant.clientId);
    return {
      id: participant.id,
      client: { id: participant.clientId, fullName: client?.fullName ?? '' },
      paymentStatus: participant.paymentStatus,
      status: participant.status,
      createdAt: participant.createdAt,
      updatedAt: participant.updatedAt,
    };
  }

  // ---- plumbing ----

  private list(items: unknown[]): SimResponse {
    return ok(this.listShape === 'data' ? { data: items } : items);
  }

  private paging(request: SimRequest): { page: number; limit: number } | undefined {
    const page = Number(request.query.get('page') ?? 1);
    const limit = Number(request.query.get('limit') ?? DEFAULT_LIMIT);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return undefined;
    return { page, limit };
  }

  private withClass(request: SimRequest, act: (simClass: SimClass) => SimResponse): SimResponse {
    const simClass = this.classes.get(request.params.classId ?? '');
    return simClass ? act(simClass) : this.error(404, { error: 'Invalid classId' });
  }

  private scriptedOr(request: SimRequest, answer: () => SimResponse): SimResponse {
    const index = this.scripted.findIndex((s) => s.path.test(request.path) && (!s.method || s.method === request.method));
    const script = this.scripted[index];
    if (!script) return answer();
    script.times -= 1;
    if (script.times <= 0) this.scripted.splice(index, 1);
    return { ...script.answer, headers: { ...this.traceHeader(), ...script.answer.headers } };
  }

  private error(status: number, body: unknown): SimResponse {
    return { status, body, headers: this.traceHeader() };
  }

  private traceHeader(): Record<string, string> {
    this.requestCount += 1;
    return { 'x-amzn-requestid': `sim-${String(this.requestCount).padStart(6, '0')}` };
  }
}

/** Places taken: booked, visited or missed (a no-show still held the place). */
function takenPlaces(roster: readonly SimParticipant[]): number {
  return roster.filter((p) => p.status === 'BOOKED' || p.status === 'VISITED' || p.status === 'NO_SHOW').length;
}

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

