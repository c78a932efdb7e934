import { ProviderSimulator, SimulatorServer, type SimRequest, type SimResponse } from './simulator-server';
import {
  seedClasses,
  seedClients,
  seedRoster,
  trueStart,
  type SimClass,
  type SimClient,
  type SimParticipant,
} from './whautomate-simulator-data';
import { installWhautomateRoutes, type WhautomateWorld } from './whautomate-simulator-routes';
import { ok } from './whautomate-simulator-wire';

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

export class WhautomateSimulator extends ProviderSimulator {
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
    super();
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
    installWhautomateRoutes(this.server, this.world());
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

  // ---- plumbing ----

  /** The state the routes read and change (whautomate-simulator-routes.ts). */
  private world(): WhautomateWorld {
    return {
      classes: this.classes,
      participants: this.participants,
      clients: this.clients,
      malformedClasses: this.malformedClasses,
      malformedParticipants: this.malformedParticipants,
      now: () => this.now(),
      addClass: (spec) => this.addClass(spec),
      seatClient: (classId, clientId, status) => this.seatClient(classId, clientId, status),
      list: (items) => this.list(items),
      error: (status, body) => this.error(status, body),
      scriptedOr: (request, answer) => this.scriptedOr(request, answer),
    };
  }

  private list(items: unknown[]): SimResponse {
    return ok(this.listShape === 'data' ? { data: items } : items);
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
