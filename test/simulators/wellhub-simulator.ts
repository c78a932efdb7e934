import { createHmac } from 'node:crypto';
import { clockStartingAt, type Clock } from '../../src-main/core/clock';
import { ProviderSimulator, SimulatorServer, type SimRequest, type SimResponse } from './simulator-server';
import { installWellhubRoutes, type WellhubWorld } from './wellhub-simulator-routes';
import { seedWorld, wellhubErrors, type SimBooking, type SimCheckIn, type SimClass, type SimSlot } from './wellhub-simulator-state';

/**
 * A local Wellhub: the Booking API (/booking/v1, /booking/v2, /setup/v1) and the
 * Access Control API (/access/v1/validate) on one host, like
 * https://api.partners.gympass.com. Bearer token per gym, `{metadata, errors}`
 * bodies, a 600-a-minute budget per token, slot lists paged by `page`, and
 * signed webhooks for tests to hand to the adapter.
 */

export interface WellhubSimulatorOptions {
  /** The instant the seed is built around; the simulator's clock starts there and runs on. */
  now: Date;
  gymId?: number;
  token?: string;
  /** The gym's IANA zone: seeded classes run at fixed local times in it. */
  timeZone?: string;
  /** Days of slots, from yesterday on (default 16). */
  days?: number;
  /** Slots per page when the request names none (Wellhub's documents show 1000; smaller here to exercise paging). */
  pageSize?: number;
  /** Requests a minute per token (default 600, the budget the adapter keeps to). */
  perMinute?: number;
  webhookSecret?: string;
  /** The simulator's sense of now (deadlines, expiry, webhook timestamps); default: starts at `now` and runs on. */
  clock?: Clock;
  /**
   * Makes booking numbers and event ids unique to this run (hex digits, up to 8), for a relay that keeps
   * what earlier runs sent (the demo): without it each run starts again at BK_0001 and event …0001.
   */
  run?: string;
}

export interface SignedWebhook {
  body: string;
  signature: string;
}

export interface WebhookUserInput {
  wellhubId: string;
  name?: string;
  email?: string;
}

export class WellhubSimulator extends ProviderSimulator {
  readonly gymId: number;
  readonly token: string;
  readonly timeZone: string;
  readonly webhookSecret: string;
  readonly classes: (SimClass | Record<string, unknown>)[];
  readonly slots: SimSlot[];
  readonly bookings = new Map<string, SimBooking>();
  readonly checkIns = new Map<string, SimCheckIn>();
  readonly slotPatches: { slotId: number; body: unknown }[] = [];
  readonly validations: { gympassId: string; atMs: number }[] = [];
  readonly clock: Clock;
  readonly server: SimulatorServer;
  private slotSequence = 90_000;
  private bookingSequence = 0;
  private eventSequence = 0;
  private readonly run: string;

  constructor(options: WellhubSimulatorOptions) {
    super();
    this.gymId = options.gymId ?? 4711;
    this.token = options.token ?? 'wellhub-sim-token';
    this.timeZone = options.timeZone ?? 'Europe/Berlin';
    this.webhookSecret = options.webhookSecret ?? 'wellhub-webhook-secret';
    this.run = options.run !== undefined && /^[0-9a-f]{1,8}$/.test(options.run) ? options.run : '';
    this.clock = options.clock ?? clockStartingAt(options.now);
    const seeded = seedWorld({ nowMs: options.now.getTime(), gymId: this.gymId, timeZone: this.timeZone, days: options.days ?? 16 });
    this.classes = seeded.classes;
    this.slots = seeded.slots;
    const tokenOf = (request: SimRequest) => /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1]?.trim();
    this.server = new SimulatorServer({
      authenticate: (request) => this.authenticate(request, tokenOf(request)),
      rateLimit: {
        perMinute: options.perMinute ?? 600,
        rateKey: (request) => tokenOf(request) ?? 'anonymous',
        tooMany: (seconds) => ({
          status: 429,
          headers: { 'retry-after': String(seconds) },
          body: wellhubErrors({ message: 'Too many requests', key: 'rate.limit.exceeded' }),
        }),
      },
      notFound: () => ({ status: 404, body: wellhubErrors({ message: 'Resource not found', key: 'resource.notfound' }) }),
    });
    const world: WellhubWorld = {
      gymId: this.gymId,
      timeZone: this.timeZone,
      pageSize: options.pageSize ?? 20,
      nowMs: () => this.clock().getTime(),
      classes: this.classes,
      slots: this.slots,
      bookings: this.bookings,
      checkIns: this.checkIns,
      slotPatches: this.slotPatches,
      validations: this.validations,
      nextSlotId: () => ++this.slotSequence,
    };
    installWellhubRoutes(this.server, world);
  }

  /** Starts the server; its URL is what `settings.baseUrl` must be (the paths start with /booking, /access, /setup). */
  slot(id: number): SimSlot | undefined {
    return this.slots.find((slot) => slot.id === id);
  }

  /** Adds a slot (e.g. one "today"); returns it. */
  addSlot(input: { classId?: number; startsAt: Date; minutes?: number; capacity?: number; booked?: number; room?: string; instructors?: string[] }): SimSlot {
    const classId = input.classId ?? (this.classes[0] as SimClass).id;
    const slot: SimSlot = {
      id: ++this.slotSequence,
      classId,
      occurMs: input.startsAt.getTime(),
      lengthInMinutes: input.minutes ?? 60,
      status: 1,
      ...(input.room === undefined ? { room: 'Studio 1' } : input.room ? { room: input.room } : {}),
      totalCapacity: input.capacity ?? 12,
      totalBooked: input.booked ?? 0,
      productId: 101,
      instructors: (input.instructors ?? ['Axel Brand']).map((name) => ({ name, substitute: false })),
      virtual: false,
    };
    this.slots.push(slot);
    return slot;
  }

  /** A class record that breaks the documented shape (no name, id as text). */
  addMalformedClass(): void {
    this.classes.push({ id: 'not-a-number', bookable: 'yes' });
  }

  /** A slot of `classId` at `startsAt` whose record breaks the shape (`occur_date` missing). */
  addMalformedSlot(classId: number, startsAt: Date): SimSlot {
    const slot = this.addSlot({ classId, startsAt });
    slot.malformed = { id: slot.id, class_id: classId, total_capacity: -3, length_in_minutes: 'long' };
    return slot;
  }

  /** Signs a body the way Wellhub does: HMAC-SHA1 under the webhook secret, upper-case hex. */
  sign(body: string, secret = this.webhookSecret): string {
    return createHmac('sha1', secret).update(body).digest('hex').toUpperCase();
  }

  /** A member asks to book a slot in the Wellhub app: the booking waits for the gym's answer. */
  requestBooking(slotId: number, user: WebhookUserInput, bookingNumber = `BK_${this.run}${String(++this.bookingSequence).padStart(4, '0')}`): SignedWebhook & { bookingNumber: string } {
    const slot = this.slot(slotId);
    if (!slot) throw new Error(`No slot ${slotId}`);
    const nowMs = this.clock().getTime();
    this.bookings.set(bookingNumber, { bookingNumber, slotId, classId: slot.classId, gympassId: user.wellhubId, status: 'REQUESTED', requestedAtMs: nowMs });
    return { bookingNumber, ...this.bookingEvent('booking-requested', bookingNumber, user, nowMs) };
  }

  /** The member cancels in the app (late: after the slot's cancellation deadline). */
  cancelBooking(bookingNumber: string, late = false): SignedWebhook {
    const booking = this.bookings.get(bookingNumber);
    if (!booking) throw new Error(`No booking ${bookingNumber}`);
    booking.status = 'CANCELED';
    return this.bookingEvent(late ? 'booking-late-canceled' : 'booking-canceled', bookingNumber, { wellhubId: booking.gympassId }, this.clock().getTime());
  }

  /** The member checks in with the app for a class booked through Wellhub (checkin-booking-occurred). */
  checkInForBooking(bookingNumber: string): SignedWebhook {
    const booking = this.bookings.get(bookingNumber);
    if (!booking) throw new Error(`No booking ${bookingNumber}`);
    const nowMs = this.clock().getTime();
    this.checkIns.set(booking.gympassId, { gympassId: booking.gympassId, atMs: nowMs, status: 'open' });
    return this.bookingEvent('checkin-booking-occurred', bookingNumber, { wellhubId: booking.gympassId }, nowMs);
  }

  /** The member checks in with the app: validate must follow within 20 minutes. */
  checkIn(user: WebhookUserInput & { firstName?: string; lastName?: string }, minutesAgo = 0): SignedWebhook {
    const atMs = this.clock().getTime() - minutesAgo * 60_000;
    this.checkIns.set(user.wellhubId, { gympassId: user.wellhubId, atMs, status: 'open' });
    return this.signed({
      event_type: 'checkin',
      event_data: {
        user: { unique_token: user.wellhubId, first_name: user.firstName ?? 'Wellhub', last_name: user.lastName ?? 'Member', ...(user.email ? { email: user.email } : {}) },
        gym: { id: this.gymId, title: 'Simulated Gym', product: { id: 104, description: 'Swimming' } },
        timestamp: atMs,
        event_id: this.nextEventId(),
      },
    });
  }

  /** The member cancels the check-in in the app before the desk validated it. */
  cancelCheckIn(wellhubId: string): void {
    const checkIn = this.checkIns.get(wellhubId);
    if (checkIn) checkIn.status = 'canceled';
  }

  private bookingEvent(type: string, bookingNumber: string, user: WebhookUserInput, atMs: number): SignedWebhook {
    const booking = this.bookings.get(bookingNumber)!;
    return this.signed({
      event_type: type,
      event_data: {
        user: { unique_token: user.wellhubId, ...(user.name ? { name: user.name } : {}), ...(user.email ? { email: user.email } : {}) },
        slot: { id: booking.slotId, gym_id: this.gymId, class_id: booking.classId, booking_number: bookingNumber },
        timestamp: atMs,
        event_id: this.nextEventId(),
      },
    });
  }

  private signed(payload: unknown): SignedWebhook {
    const body = JSON.stringify(payload);
    return { body, signature: this.sign(body) };
  }

  private nextEventId(): string {
    return `${this.run.padStart(8, '0')}-0000-4000-8000-${String(++this.eventSequence).padStart(12, '0')}`;
  }

  private authenticate(request: SimRequest, token: string | undefined): SimResponse | undefined {
    if (token !== this.token) {
      return { status: 401, body: wellhubErrors({ message: 'Invalid or missing bearer token', key: 'authentication.invalid-token' }) };
    }
    const pathGym = /\/gyms\/([^/]+)/.exec(request.path)?.[1];
    const headerGym = request.path.startsWith('/access/') ? String(request.headers['x-gym-id'] ?? '') : undefined;
    if (headerGym === '') return { status: 400, body: wellhubErrors({ message: 'X-Gym-Id header is required', key: 'request.gym-id.required' }) };
    for (const gym of [pathGym, headerGym]) {
      if (gym !== undefined && gym !== String(this.gymId)) {
        return { status: 403, body: wellhubErrors({ message: `Token is not allowed to access gym ${gym}`, key: 'authorization.gym.forbidden' }) };
      }
    }
    return undefined;
  }
}
