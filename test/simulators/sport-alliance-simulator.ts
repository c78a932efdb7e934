import { ProviderSimulator, SimulatorServer, type SimRequest, type SimResponse } from './simulator-server';
import { installSportAllianceRoutes, STUDIO_NAME, type Handler } from './sport-alliance-simulator-routes';
import { SimStudio, type SimBooking, type SimClass, type SimCustomer, type SimSlot, type SimStudioSize } from './sport-alliance-simulator-studio';
import { bookingWire, classWire, customerWire, slotWire } from './sport-alliance-simulator-wire';

/**
 * A local Sport Alliance Open API (Magicline / PerfectGym Next) for tests:
 * the class, booking, customer, check-in and studio endpoints under `/v1`,
 * `X-API-KEY` auth, the spec's ErrorResponse bodies, `offset`/`sliceSize`
 * slices, and 1000 requests a minute for each endpoint (429 + Retry-After).
 * Every answer it gives is kept in `exchanges`, so a test can hold it against the spec.
 */

export interface SportAllianceSimulatorOptions {
  /** The instant the seeded timetable is built around. */
  now: Date;
  apiKey?: string;
  /** The studio's zone, named in every slot time. Default Europe/Berlin. */
  timeZone?: string;
  /** Per endpoint; the real API allows 1000. */
  perMinute?: number;
  /** More customers or roomier slots than the default studio (load tests). */
  size?: SimStudioSize;
  /**
   * A booking is made at once, but its answer leaves this much later (a slow way back),
   * so a desk that dies meanwhile has booked without knowing it.
   */
  bookAnswerDelayMs?: number;
}

export interface SimExchange {
  method: string;
  path: string;
  /** The spec's path, e.g. /v1/classes/booking/{bookingId}; undefined for unknown paths. */
  template?: string;
  status: number;
  body: unknown;
  /** The answer carries records made malformed on purpose: it is not held against the spec. */
  tampered: boolean;
}

export const SIM_API_KEY = 'sport-alliance-test-key';
export { STUDIO_NAME };

export class SportAllianceSimulator extends ProviderSimulator {
  readonly studio: SimStudio;
  readonly server: SimulatorServer;
  readonly exchanges: SimExchange[] = [];
  /** Endpoints (spec paths) the key has no scope for: they answer 403. */
  readonly deniedEndpoints = new Set<string>();
  private readonly templates: { template: string; pattern: RegExp; literal: number }[] = [];
  private readonly pending: { method: string; template: string; handler: (request: SimRequest) => SimResponse | Promise<SimResponse> }[] = [];
  private traceCounter = 0;
  /** The request the base server is counting against the limit right now. */
  private counting: SimRequest | undefined;
  private readonly bookAnswerDelayMs: number;

  constructor(options: SportAllianceSimulatorOptions) {
    super();
    this.studio = new SimStudio(options.now, options.timeZone ?? 'Europe/Berlin', options.size);
    this.bookAnswerDelayMs = options.bookAnswerDelayMs ?? 0;
    const apiKey = options.apiKey ?? SIM_API_KEY;
    this.server = new SimulatorServer({
      authenticate: (request) =>
        request.headers['x-api-key'] === apiKey
          ? undefined
          : this.record(request, this.error(401, 'Authentication failed. No api-key, wrong api-key or wrong header name.', 'UNAUTHORIZED')),
      rateLimit: {
        perMinute: options.perMinute ?? 1000,
        rateKey: (request) => {
          this.counting = request;
          return this.templateOf(request.path) ?? request.path;
        },
        tooMany: (seconds) => {
          // The base server asks for the key just before it says no, so `counting` is this request;
          // a 429 storm (a fault) comes before any counting and is not recorded.
          const answer = { ...this.error(429, 'Access denied - rate limit is exceeded.', 'RATE_LIMIT_EXCEEDED'), headers: { 'retry-after': String(seconds) } };
          const request = this.counting;
          this.counting = undefined;
          return request ? this.record(request, answer) : answer;
        },
      },
      notFound: (request) => {
        this.counting = undefined;
        return this.record(request, this.error(404, `No endpoint ${request.method} ${request.path}.`, 'NOT_FOUND'));
      },
    });
    installSportAllianceRoutes((method, template, handler) => this.on(method, template, handler), {
      studio: this.studio,
      error: (status, errorMessage, errorCode, reference) => this.error(status, errorMessage, errorCode, reference),
      classWire: (c) => this.classWire(c),
      slotWire: (slot) => this.slotWire(slot),
      bookingWire: (b) => this.bookingWire(b),
      customerWire: (c) => this.customerWire(c),
    });
    // The base server answers with the first matching route: the most literal paths go first.
    for (const { method, template, handler } of [...this.pending].sort((a, b) => literalSegments(b.template) - literalSegments(a.template))) {
      this.server.route(method, template, handler);
    }
  }

  /** The spec path a concrete path belongs to; literal segments win over `{params}`. */
  templateOf(path: string): string | undefined {
    return this.templates.filter(({ pattern }) => pattern.test(path)).sort((a, b) => b.literal - a.literal)[0]?.template;
  }

  private on(method: string, template: string, handler: Handler): void {
    const literal = literalSegments(template);
    if (!this.templates.some((known) => known.template === template)) {
      this.templates.push({ template, pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`), literal });
    }
    this.pending.push({ method, template, handler: (request) => {
      this.counting = undefined;
      // Among equal routes the most literal one answers (/classes/booking/book is not booking "book").
      if (this.templateOf(request.path) !== template) return this.record(request, this.error(404, 'Entity does not exists.', 'NOT_FOUND'));
      if (this.deniedEndpoints.has(template)) return this.record(request, this.error(403, 'Authorization failed. The caller has no privilege to the given resource.', 'FORBIDDEN'));
      const answer = this.record(request, handler(request));
      const delay = template === '/v1/classes/booking/book' ? this.bookAnswerDelayMs : 0;
      return delay > 0 ? new Promise<SimResponse>((resolve) => setTimeout(() => resolve(answer), delay)) : answer;
    } });
  }

  private record(request: SimRequest, answer: SimResponse & { tampered?: boolean }): SimResponse {
    const { tampered = false, ...response } = answer;
    this.exchanges.push({ method: request.method, path: request.path, template: this.templateOf(request.path), status: response.status, body: response.body, tampered });
    return response;
  }

  private error(status: number, errorMessage: string, errorCode: string, reference?: string): SimResponse {
    this.traceCounter += 1;
    const traceId = `sim-${String(this.traceCounter).padStart(6, '0')}`;
    return { status, body: { errorMessage, errorCode, traceId, ...(reference ? { reference } : {}) } };
  }

  classWire(c: SimClass): unknown {
    return classWire(c);
  }

  slotWire(slot: SimSlot): unknown {
    return slotWire(this.studio, slot);
  }

  bookingWire(b: SimBooking): unknown {
    return bookingWire(this.studio, b);
  }

  customerWire(c: SimCustomer): unknown {
    return customerWire(this.studio, c);
  }
}

function literalSegments(template: string): number {
  return template.split('/').filter((segment) => segment && !segment.startsWith('{')).length;
}
