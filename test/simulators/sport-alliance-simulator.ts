import { DateTime } from 'luxon';
import { SimulatorServer, type Faults, type SimRequest, type SimResponse } from './simulator-server';
import {
  SimStudio,
  simInstructors,
  type SimBooking,
  type SimClass,
  type SimCustomer,
  type SimSlot,
  type SimStudioSize,
} from './sport-alliance-simulator-studio';

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
export const STUDIO_NAME = 'FitHaus Berlin Mitte';
const DAY_AHEAD_MAX = 6;

type Handler = (request: SimRequest) => SimResponse & { tampered?: boolean };

export class SportAllianceSimulator {
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
    this.routes();
    // The base server answers with the first matching route: the most literal paths go first.
    for (const { method, template, handler } of [...this.pending].sort((a, b) => literalSegments(b.template) - literalSegments(a.template))) {
      this.server.route(method, template, handler);
    }
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

  /** The spec path a concrete path belongs to; literal segments win over `{params}`. */
  templateOf(path: string): string | undefined {
    return this.templates.filter(({ pattern }) => pattern.test(path)).sort((a, b) => b.literal - a.literal)[0]?.template;
  }

  private routes(): void {
    const s = this.studio;
    this.on('GET', '/v1/studios/information', () => ok({ studioId: s.studioId, name: STUDIO_NAME, countryCode: 'DE', country: 'Germany', city: 'Berlin', accessCodeConfiguration: { enabled: false } }));
    this.on('GET', '/v1/classes', (r) => this.classList(r));
    this.on('GET', '/v1/classes/{classId}', (r) => this.found(s.classes.find((c) => c.id === Number(r.params.classId)), (c) => this.classWire(c)));
    this.on('GET', '/v1/classes/slots', (r) => this.slotList(r));
    this.on('GET', '/v1/classes/{classId}/slots', (r) => {
      const classId = Number(r.params.classId);
      if (!s.classes.some((c) => c.id === classId)) return this.error(404, 'Entity does not exists.', 'CLASS_NOT_FOUND');
      const now = s.nowInStudio().startOf('day');
      const inRange = s.slots.filter((slot) => slot.classId === classId && s.startOf(slot) >= now.minus({ days: 1 }) && s.startOf(slot) < now.plus({ days: 15 }));
      return this.sliced(r, inRange.map((slot) => this.slotWire(slot)), { min: 10, max: 100, fallback: 50 });
    });
    this.on('GET', '/v1/classes/{classId}/slots/{classSlotId}', (r) =>
      this.found(s.slots.find((slot) => slot.id === Number(r.params.classSlotId) && slot.classId === Number(r.params.classId)), (slot) => this.slotWire(slot)),
    );
    this.on('POST', '/v1/classes/booking/validate', (r) => this.withBookingRequest(r, (customer, slot) => ok({ validationStatus: s.validate(customer, slot) })));
    this.on('POST', '/v1/classes/booking/book', (r) =>
      this.withBookingRequest(r, (customer, slot) => {
        const result = s.book(customer, slot);
        return typeof result === 'string' ? this.error(400, refusalMessages[result] ?? 'Booking is not possible.', result) : ok(this.bookingWire(result));
      }),
    );
    this.on('GET', '/v1/classes/booking/{bookingId}', (r) => this.found(this.bookingOf(r), (b) => this.bookingWire(b)));
    this.on('DELETE', '/v1/classes/booking/{bookingId}', (r) => {
      const booking = this.bookingOf(r);
      if (!booking) return this.error(404, 'Entity does not exists.', 'BOOKING_NOT_FOUND');
      const refusal = s.cancel(booking);
      return refusal ? this.error(400, refusalMessages[refusal] ?? 'Cancelation is not possible.', refusal) : { status: 200 };
    });
    this.on('GET', '/v1/classes/booking', (r) => {
      const customerId = Number(r.query.get('customerId'));
      if (!r.query.get('customerId') || !Number.isInteger(customerId)) return this.invalid('customerId is required', 'customerId');
      if (!s.customers.some((c) => c.id === customerId)) return this.error(404, 'Entity does not exists.', 'CUSTOMER_NOT_FOUND');
      const nowMs = s.now.getTime();
      const twoWeeks = 14 * 24 * 60 * 60 * 1000;
      const theirs = s.bookings.filter((b) => {
        const slot = s.slots.find((candidate) => candidate.id === b.slotId);
        return b.customerId === customerId && slot && Math.abs(s.startOf(slot).toMillis() - nowMs) <= twoWeeks;
      });
      const broken = s.malformed.bookings.filter((m) => m.customerId === customerId).map((m) => m.record);
      return { ...ok([...theirs.map((b) => this.bookingWire(b)), ...broken]), tampered: broken.length > 0 };
    });
    this.on('GET', '/v1/customers/by', (r) => this.customerBy(r));
    this.on('POST', '/v1/customers/search', (r) => this.customerSearch(r));
    this.on('GET', '/v1/customers/{customerId}', (r) => this.found(s.customers.find((c) => c.id === Number(r.params.customerId)), (c) => this.customerWire(c)));
    this.on('GET', '/v1/customers/{customerId}/activities/checkins', (r) => this.visitList(r));
  }

  private classList(r: SimRequest): SimResponse & { tampered?: boolean } {
    const s = this.studio;
    const from = s.nowInStudio().startOf('day').minus({ days: 1 });
    const scheduled = s.classes.filter((c) => s.slots.some((slot) => slot.classId === c.id && s.startOf(slot) >= from && s.startOf(slot) < from.plus({ days: 16 })));
    const size = this.sliceSize(r, 10, 100, 50);
    if (typeof size !== 'number') return size;
    // "Offset from last request (last ID of the class)": keyset paging by id.
    const after = Number(r.query.get('offset') ?? '0');
    const rest = scheduled.filter((c) => c.id > after).sort((a, b) => a.id - b.id);
    const slice = rest.slice(0, size);
    const broken = after === 0 ? s.malformed.classes : [];
    const result = [...slice.map((c) => this.classWire(c)), ...broken];
    return { ...ok({ result, offset: String(slice.at(-1)?.id ?? after), hasNext: rest.length > size }), tampered: broken.length > 0 };
  }

  private slotList(r: SimRequest): SimResponse & { tampered?: boolean } {
    const s = this.studio;
    const daysAhead = Number(r.query.get('daysAhead') ?? '1');
    if (!Number.isInteger(daysAhead) || daysAhead < 0 || daysAhead > DAY_AHEAD_MAX) return this.invalid('daysAhead must be between 0 and 6', 'daysAhead');
    const startText = r.query.get('slotWindowStartDate');
    const start = startText ? DateTime.fromISO(startText, { zone: s.zone }) : s.nowInStudio().startOf('day');
    if (!start.isValid || (startText && !/^\d{4}-\d{2}-\d{2}$/.test(startText))) return this.invalid('slotWindowStartDate must be a date', 'slotWindowStartDate');
    // Read here as whole studio days: slotWindowStartDate up to and including slotWindowStartDate + daysAhead.
    const end = start.plus({ days: daysAhead + 1 });
    const inWindow = (localDate: string) => localDate >= (start.toISODate() ?? '') && localDate < (end.toISODate() ?? '');
    const good = s.slots.filter((slot) => inWindow(slot.localStart.slice(0, 10))).map((slot) => this.slotWire(slot));
    const broken = s.malformed.slots.filter((m) => inWindow(m.localDate)).map((m) => m.record);
    const answer = this.sliced(r, [...good, ...broken], { min: 10, max: 100, fallback: 50 });
    return { ...answer, tampered: broken.length > 0 };
  }

  private customerBy(r: SimRequest): SimResponse {
    const keys = ['cardNumber', 'debtorId', 'qrCodeUuid', 'barcode', 'pin', 'customerNumber'].filter((key) => r.query.has(key));
    if (keys.length !== 1) return this.invalid('Exactly one identifier must be given', keys.join(',') || 'barcode');
    const key = keys[0]!;
    const value = r.query.get(key) ?? '';
    if (key === 'cardNumber' && (r.query.get('cardNumberFormat') ?? 'DECIMAL') === 'DECIMAL' && !/^\d+$/.test(value)) {
      return this.invalid('cardNumber is not a decimal number', 'cardNumber');
    }
    const match = (c: SimCustomer) =>
      (key === 'barcode' && c.barcode === value) || (key === 'cardNumber' && c.cardNumber === value) || (key === 'customerNumber' && c.customerNumber === value);
    return this.found(this.studio.customers.find(match), (c) => this.customerWire(c));
  }

  private customerSearch(r: SimRequest): SimResponse {
    const body = (r.body ?? {}) as Record<string, unknown>;
    const criteria = (['firstName', 'lastName', 'email'] as const).filter((key) => typeof body[key] === 'string' && body[key] !== '');
    if (criteria.length === 0) return this.invalid('At least one search criterion is required', 'firstName');
    const starts = (value: string, prefix: unknown) => value.toLowerCase().startsWith(String(prefix).toLowerCase());
    const found = this.studio.customers.filter(
      (c) =>
        (body.firstName === undefined || starts(c.firstName, body.firstName)) &&
        (body.lastName === undefined || starts(c.lastName, body.lastName)) &&
        (body.email === undefined || c.email.toLowerCase() === String(body.email).toLowerCase()),
    );
    return ok(found.map((c) => this.customerWire(c)));
  }

  private visitList(r: SimRequest): SimResponse {
    const customerId = Number(r.params.customerId);
    if (!this.studio.customers.some((c) => c.id === customerId)) return this.error(404, 'Entity does not exists.', 'CUSTOMER_NOT_FOUND');
    const today = this.studio.nowInStudio().startOf('day');
    const from = r.query.get('fromDate') ? DateTime.fromISO(r.query.get('fromDate')!, { zone: this.studio.zone }) : today.minus({ months: 1 });
    const to = r.query.get('toDate') ? DateTime.fromISO(r.query.get('toDate')!, { zone: this.studio.zone }) : today;
    if (!from.isValid || !to.isValid || to < from || to.diff(from, 'days').days > 365) return this.invalid('The time span must be valid and at most 365 days', 'toDate');
    const visits = this.studio.visits
      .filter((v) => v.customerId === customerId)
      .filter((v) => DateTime.fromISO(v.checkInDateTime) >= from && DateTime.fromISO(v.checkInDateTime) < to.plus({ days: 1 }));
    const wire = visits.map((v) => ({
      checkinId: v.checkinId,
      checkInDateTime: v.checkInDateTime,
      checkOutDateTime: v.checkOutDateTime,
      studioId: this.studio.studioId,
      studioName: STUDIO_NAME,
    }));
    return this.sliced(r, wire, { min: 1, max: 50, fallback: 10 });
  }

  private withBookingRequest(r: SimRequest, act: (customer: SimCustomer, slot: SimSlot) => SimResponse): SimResponse {
    const body = (r.body ?? {}) as { customerId?: unknown; classSlotId?: unknown };
    if (!Number.isInteger(body.customerId) || !Number.isInteger(body.classSlotId)) return this.invalid('customerId and classSlotId are required', 'customerId');
    const customer = this.studio.customers.find((c) => c.id === body.customerId);
    const slot = this.studio.slots.find((candidate) => candidate.id === body.classSlotId);
    if (!customer) return this.error(404, 'Entity does not exists.', 'CUSTOMER_NOT_FOUND');
    if (!slot) return this.error(404, 'Entity does not exists.', 'CLASS_SLOT_NOT_FOUND');
    return act(customer, slot);
  }

  /** Index-based slices: `offset` is where the next slice starts, as the spec leaves it opaque. */
  private sliced(r: SimRequest, records: unknown[], bounds: { min: number; max: number; fallback: number }): SimResponse {
    const size = this.sliceSize(r, bounds.min, bounds.max, bounds.fallback);
    if (typeof size !== 'number') return size;
    const start = Number(r.query.get('offset') ?? '0');
    if (!Number.isInteger(start) || start < 0) return this.invalid('offset is not valid', 'offset');
    const end = Math.min(records.length, start + size);
    return ok({ result: records.slice(start, end), offset: String(end), hasNext: end < records.length });
  }

  private sliceSize(r: SimRequest, min: number, max: number, fallback: number): number | SimResponse {
    const size = Number(r.query.get('sliceSize') ?? fallback);
    return Number.isInteger(size) && size >= min && size <= max ? size : this.invalid(`sliceSize must be between ${min} and ${max}`, 'sliceSize');
  }

  private bookingOf(r: SimRequest): SimBooking | undefined {
    return this.studio.bookings.find((b) => b.bookingId === Number(r.params.bookingId));
  }

  private found<T>(record: T | undefined, wire: (record: T) => unknown): SimResponse {
    return record === undefined ? this.error(404, 'Entity does not exists.', 'ENTITY_NOT_FOUND') : ok(wire(record));
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

  private invalid(message: string, reference: string): SimResponse {
    return this.error(400, message, 'VALIDATION_ERROR', reference);
  }

  private zoned(time: DateTime): string {
    return `${time.toISO()}[${this.studio.zone}]`;
  }

  classWire(c: SimClass): unknown {
    const { latestCancelTerm, ...rest } = c;
    return { ...rest, type: 'STUDIO', bookable: true, cancelCondition: { cancelationAfterLatestPossible: false, latestCancelTerm } };
  }

  slotWire(slot: SimSlot): unknown {
    const s = this.studio;
    const start = s.startOf(slot);
    const { booked, waiting } = s.counts(slot);
    return {
      id: slot.id,
      startDateTime: this.zoned(start),
      endDateTime: this.zoned(s.endOf(slot)),
      classInformation: { id: slot.classId, title: s.classOf(slot).title },
      instructors: simInstructors.filter((i) => i.id === slot.instructorId),
      location: { id: slot.room.id, name: slot.room.name },
      earliestBookingDateTime: this.zoned(s.earliestBooking(slot)),
      latestBookingDateTime: this.zoned(start),
      maxParticipants: slot.maxParticipants,
      maxWaitingListParticipants: slot.maxWaitingListParticipants,
      bookedParticipants: booked,
      additionalParticipants: slot.additionalParticipants,
      waitingListParticipants: waiting,
    };
  }

  bookingWire(b: SimBooking): unknown {
    const slot = this.studio.slots.find((candidate) => candidate.id === b.slotId)!;
    return {
      bookingId: b.bookingId,
      bookingStatus: b.status,
      classSlotId: b.slotId,
      classId: slot.classId,
      customerId: b.customerId,
      classSlotStatus: this.studio.slotStatus(slot),
      participantStatus: b.participantStatus,
    };
  }

  customerWire(c: SimCustomer): unknown {
    const accessMediums = [
      ...(c.barcode ? [{ id: c.id * 10 + 1, type: 'BARCODE', value: c.barcode }] : []),
      { id: c.id * 10 + 2, type: 'CARD_NUMBER', value: c.cardNumber },
    ];
    return {
      id: c.id,
      customerNumber: c.customerNumber,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      status: 'MEMBER',
      accessRefusal: false,
      cardNumbers: [c.cardNumber],
      phonePrivateMobile: `+49 151 ${c.id}00`,
      studioId: this.studio.studioId,
      accessMediums,
    };
  }
}

const refusalMessages: Record<string, string> = {
  NO_CONTINGENT: "Customer doesn't have required contingent",
  BOOKING_LIMIT_REACHED: 'Waiting List/Max participant list exceeded',
  CUSTOMER_ALREADY_BOOKED: 'Customer already added to class slot',
  CUSTOMER_IDLE: 'Customer has an idle period during the time of the class slot',
  DATE_TIME_BEFORE_EARLIEST_BOOKING_DATE_TIME: 'Date and time are before earliest possible booking date',
  DATE_TIME_AFTER_LATEST_BOOKING_DATE_TIME: 'Date and time are after latest possible booking date',
  BOOKING_ALREADY_CANCELED: 'The booking is already canceled',
  CLASS_SLOT_ALREADY_STARTED: 'The class slot has already started',
};

function literalSegments(template: string): number {
  return template.split('/').filter((segment) => segment && !segment.startsWith('{')).length;
}

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}
