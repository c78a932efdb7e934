import { DateTime } from 'luxon';
import type { SimRequest, SimResponse, SimulatorServer } from './simulator-server';
import {
  renderSlot,
  simCategories,
  simProducts,
  wellhubErrors,
  type SimBooking,
  type SimCheckIn,
  type SimClass,
  type SimSlot,
} from './wellhub-simulator-state';

/** What the routes read and change. */
export interface WellhubWorld {
  gymId: number;
  timeZone: string;
  pageSize: number;
  nowMs(): number;
  classes: (SimClass | Record<string, unknown>)[];
  slots: SimSlot[];
  bookings: Map<string, SimBooking>;
  checkIns: Map<string, SimCheckIn>;
  slotPatches: { slotId: number; body: unknown }[];
  validations: { gympassId: string; atMs: number }[];
  nextSlotId(): number;
}

const CONFIRMATION_MS = 15 * 60_000;
const VALIDATION_MS = 20 * 60_000;
const bad = (message: string, key: string, status = 400): SimResponse => ({ status, body: wellhubErrors({ message, key }) });
const ok = (body: unknown, status = 200): SimResponse => ({ status, body });

export function installWellhubRoutes(server: SimulatorServer, world: WellhubWorld): void {
  const gym = '/booking/v1/gyms/{gymId}';
  const classOf = (id: string) => world.classes.find((c): c is SimClass => 'id' in c && c.id === Number(id) && 'slug' in c);
  const slotOf = (classId: string, slotId: string) => world.slots.find((s) => s.id === Number(slotId) && s.classId === Number(classId));

  server.route('GET', '/booking/v1/health', () => ok('ok'));
  server.route('GET', `${gym}/classes`, () => ok({ classes: world.classes }));
  server.route('POST', `${gym}/classes`, (r) => {
    const input = (r.body as { classes?: Partial<SimClass>[] } | undefined)?.classes;
    if (!Array.isArray(input) || input.length === 0) return bad('classes is required', 'class.invalid');
    const created = input.map((c, i) => {
      const id = 600 + world.classes.length + i;
      world.classes.push({ ...(c as SimClass), id, gym_id: world.gymId, slug: String(c.name ?? id).toLowerCase(), created_at: '2024-01-01T00:00:00Z[UTC]', categories: [] });
      return { id, name: c.name, reference: c.reference, links: [{ rel: 'self', href: `gyms/${world.gymId}/classes/${id}` }] };
    });
    return ok({ classes: created }, 201);
  });
  server.route('GET', `${gym}/classes/{classId}`, (r) => {
    const found = classOf(r.params.classId!);
    return found ? ok(found) : bad('Class not found', 'class.notfound', 404);
  });
  server.route('PUT', `${gym}/classes/{classId}`, (r) => {
    const found = classOf(r.params.classId!);
    if (!found) return bad('Class not found', 'class.notfound', 404);
    Object.assign(found, r.body as Partial<SimClass>, { id: found.id });
    return { status: 200 };
  });

  server.route('GET', `${gym}/classes/{classId}/slots`, (r) => listSlots(world, r));
  server.route('POST', `${gym}/classes/{classId}/slots`, (r) => {
    const found = classOf(r.params.classId!);
    if (!found) return bad('Class not found', 'class.notfound', 404);
    const slot = slotFromBody(world, r.body, found.id);
    if (!isSlot(slot)) return slot;
    const duplicate = world.slots.some((s) => s.classId === found.id && s.occurMs === slot.occurMs && s.room === slot.room);
    if (duplicate) return bad('Slot already exists for this class, date and room', 'slot.duplicated', 409);
    world.slots.push(slot);
    return ok({ metadata: { total: 1, errors: 0 }, results: [renderSlot(slot, 'single', world.timeZone)] }, 201);
  });
  server.route('GET', `${gym}/classes/{classId}/slots/{slotId}`, (r) => {
    const slot = slotOf(r.params.classId!, r.params.slotId!);
    return slot ? ok(renderSlot(slot, 'single', world.timeZone)) : bad('Slot not found', 'slot.notfound', 404);
  });
  server.route('PUT', `${gym}/classes/{classId}/slots/{slotId}`, (r) => {
    const existing = slotOf(r.params.classId!, r.params.slotId!);
    if (!existing) return bad('Slot not found', 'slot.notfound', 404);
    const slot = slotFromBody(world, r.body, existing.classId, existing.id);
    if (!isSlot(slot)) return slot;
    world.slots[world.slots.indexOf(existing)] = slot;
    return ok({ metadata: { total: 1, errors: 0 }, results: [renderSlot(slot, 'single', world.timeZone)] });
  });
  server.route('PATCH', `${gym}/classes/{classId}/slots/{slotId}`, (r) => {
    const slot = slotOf(r.params.classId!, r.params.slotId!);
    if (!slot) return bad('Slot not found', 'slot.notfound', 404);
    const body = (r.body ?? {}) as { total_booked?: unknown; total_capacity?: unknown };
    if (body.total_booked === undefined && body.total_capacity === undefined) return bad('total_booked or total_capacity is required', 'slot.patch.empty');
    const booked = body.total_booked ?? slot.totalBooked;
    const capacity = body.total_capacity ?? slot.totalCapacity;
    if (!isCount(booked) || !isCount(capacity)) return bad('Counts must be integers between 0 and 32000', 'slot.total.invalid');
    if (booked > capacity) return bad('total_booked should be less or equal than total_capacity', 'slot.total_booked.invalid');
    slot.totalBooked = booked;
    slot.totalCapacity = capacity;
    world.slotPatches.push({ slotId: slot.id, body: r.body });
    return { status: 204 };
  });
  server.route('DELETE', `${gym}/classes/{classId}/slots/{slotId}`, (r) => {
    const slot = slotOf(r.params.classId!, r.params.slotId!);
    if (!slot) return bad('Slot not found', 'slot.notfound', 404);
    world.slots.splice(world.slots.indexOf(slot), 1);
    for (const booking of world.bookings.values()) if (booking.slotId === slot.id) booking.status = 'CANCELED';
    return { status: 204 };
  });
  server.route('GET', '/setup/v1/gyms/{gymId}/products', () => ok({ gym_id: world.gymId, products: simProducts }));
  server.route('GET', `${gym}/categories`, (r) => {
    const locale = r.query.get('locale') ?? 'en';
    const results = simCategories.map((c) => ({ ...c, locale }));
    return ok({ metadata: { total: results.length, errors: 0 }, results });
  });
  server.route('PATCH', '/booking/v2/gyms/{gymId}/bookings/{bookingNumber}', (r) => decideBooking(world, r));
  server.route('POST', '/access/v1/validate', (r) => validateVisit(world, r));
}

function listSlots(world: WellhubWorld, r: SimRequest): SimResponse {
  const classId = Number(r.params.classId);
  if (!world.classes.some((c) => 'id' in c && c.id === classId)) return bad('Class not found', 'class.notfound', 404);
  const parse = (text: string | null) => (text === null ? undefined : DateTime.fromISO(text, { setZone: true }));
  const from = parse(r.query.get('from'));
  const to = parse(r.query.get('to'));
  if ((from && !from.isValid) || (to && !to.isValid)) return bad('from/to should be a valid date with time zone', 'slot.search.invalid-date');
  const today = DateTime.fromMillis(world.nowMs(), { zone: world.timeZone });
  const fromMs = (from ?? to?.startOf('day') ?? today.startOf('day')).toMillis();
  const toMs = (to ?? from?.endOf('day') ?? today.endOf('day')).toMillis();
  const page = Number(r.query.get('page') ?? '1');
  const size = Math.min(1000, Number(r.query.get('page_size') ?? String(world.pageSize)));
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) return bad('page and page_size should be positive integers', 'pagination.invalid');
  const matching = world.slots
    .filter((s) => s.classId === classId && s.occurMs >= fromMs && s.occurMs <= toMs)
    .sort((a, b) => a.occurMs - b.occurMs || a.id - b.id);
  const results = matching.slice((page - 1) * size, page * size).map((s) => renderSlot(s, 'list', world.timeZone));
  return ok({ metadata: { page, page_size: size, total_elements: matching.length, total: results.length, errors: 0 }, results });
}

function slotFromBody(world: WellhubWorld, raw: unknown, classId: number, id?: number): SimSlot | SimResponse {
  const b = (raw ?? {}) as Record<string, unknown>;
  const time = (field: string, value: unknown) => {
    const parsed = typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : undefined;
    return parsed?.isValid && /(Z|[+-]\d{2}:\d{2})$/.test(value as string) ? parsed.toMillis() : new Error(`${field} format should be valid`);
  };
  const occur = time('occur_date', b.occur_date);
  if (occur instanceof Error) return bad(occur.message, 'slot.occur_date.invalid');
  if (occur <= world.nowMs()) return bad('occur_date should be in the future', 'slot.occur_date.past');
  if (!Number.isInteger(b.length_in_minutes) || (b.length_in_minutes as number) < 1 || (b.length_in_minutes as number) > 200) {
    return bad('length_in_minutes should be between 1 and 200', 'slot.length_in_minutes.invalid');
  }
  if (!isCount(b.total_capacity) || !isCount(b.total_booked)) return bad('total_capacity and total_booked should be between 0 and 32000', 'slot.total.invalid');
  if (b.total_booked > b.total_capacity) return bad('total_booked should be less or equal than total_capacity', 'slot.total_booked.invalid');
  if (b.room !== undefined && (typeof b.room !== 'string' || b.room.length < 2 || b.room.length > 200)) return bad('room size should be between 2 and 200', 'slot.room.invalid');
  const product = simProducts.find((p) => p.product_id === b.product_id);
  if (!product || (b.virtual === true && !product.virtual)) return bad('Product should be valid', 'slot.product.invalid', 422);
  const window = (b.booking_window ?? {}) as { opens_at?: unknown; closes_at?: unknown };
  const opens = window.opens_at === undefined ? undefined : time('opens_at', window.opens_at);
  const closes = window.closes_at === undefined ? undefined : time('closes_at', window.closes_at);
  const cancellable = b.cancellable_until === undefined ? undefined : time('cancellable_until', b.cancellable_until);
  for (const value of [opens, closes, cancellable]) if (value instanceof Error) return bad(value.message, 'slot.date.invalid');
  if ((closes as number | undefined) !== undefined && (closes as number) > occur) return bad('closes_at should be before or at occur_date', 'slot.booking_window.invalid');
  const instructors = Array.isArray(b.instructors) ? (b.instructors as { name: string; substitute?: boolean }[]) : [];
  return {
    id: id ?? world.nextSlotId(),
    classId,
    occurMs: occur,
    lengthInMinutes: b.length_in_minutes as number,
    status: b.status === 0 ? 0 : 1,
    ...(typeof b.room === 'string' ? { room: b.room } : {}),
    totalCapacity: b.total_capacity,
    totalBooked: b.total_booked,
    productId: product.product_id,
    ...(typeof opens === 'number' ? { opensMs: opens } : {}),
    ...(typeof closes === 'number' ? { closesMs: closes } : {}),
    ...(typeof cancellable === 'number' ? { cancellableMs: cancellable } : {}),
    instructors: instructors.map((i) => ({ name: i.name, substitute: i.substitute ?? false })),
    virtual: b.virtual === true,
    ...(typeof b.virtual_class_url === 'string' ? { virtualClassUrl: b.virtual_class_url } : {}),
  };
}

const reasonCategories = new Set([
  'CLASS_IS_FULL', 'USAGE_RESTRICTION', 'USER_IS_ALREADY_BOOKED', 'SPOT_NOT_AVAILABLE', 'USER_DOES_NOT_EXIST',
  'CHECK_IN_AND_CANCELATION_WINDOWS_CLOSED', 'CLASS_HAS_BEEN_CANCELED', 'CLASS_NOT_FOUND', 'USER_PROFILE_CMS',
  'PREREQUISITES', 'GENERAL_ERROR', 'TECHNICAL_ERROR',
]);

function decideBooking(world: WellhubWorld, r: SimRequest): SimResponse {
  const booking = world.bookings.get(r.params.bookingNumber!);
  if (!booking) return bad('Booking not found', 'booking.notfound', 404);
  const body = (r.body ?? {}) as { status?: unknown; reason?: unknown; reason_category?: unknown };
  if (body.status !== 'RESERVED' && body.status !== 'REJECTED' && body.status !== 'CANCELLED_BY_GYM') return bad('status is invalid', 'booking.status.invalid');
  if (body.status === 'REJECTED' && (typeof body.reason_category !== 'string' || !reasonCategories.has(body.reason_category))) {
    return bad('reason_category is required when the status is REJECTED', 'booking.reason_category.invalid');
  }
  // Nobody answered within 15 minutes: Wellhub has rejected it.
  if (booking.status === 'REQUESTED' && world.nowMs() - booking.requestedAtMs > CONFIRMATION_MS) booking.status = 'REJECTED';
  if (booking.status === body.status) return { status: 204 };
  const allowed = body.status === 'CANCELLED_BY_GYM' ? booking.status === 'RESERVED' : booking.status === 'REQUESTED';
  if (!allowed) return bad(`Booking is ${booking.status.toLowerCase()}`, 'booking.status.not-allowed');
  booking.status = body.status;
  if (typeof body.reason_category === 'string') booking.reasonCategory = body.reason_category;
  if (typeof body.reason === 'string') booking.reason = body.reason;
  return { status: 204 };
}

function validateVisit(world: WellhubWorld, r: SimRequest): SimResponse {
  const gympassId = (r.body as { gympass_id?: unknown } | undefined)?.gympass_id;
  if (typeof gympassId !== 'string' || gympassId.trim() === '') return bad('gympass_id is required', 'checkin.validation.gympass_id');
  const checkIn = world.checkIns.get(gympassId);
  if (!checkIn) return bad('Check-In not found in database', 'checkin.validation.notfound', 404);
  if (checkIn.status === 'canceled') return bad('Check-In canceled', 'checkin.validation.canceled');
  if (checkIn.status === 'validated') return bad('Check-In already validated', 'checkin.already.validated');
  if (world.nowMs() - checkIn.atMs > VALIDATION_MS) return bad('Check-In expired', 'checkin.validation.expired');
  checkIn.status = 'validated';
  const atMs = world.nowMs();
  world.validations.push({ gympassId, atMs });
  const validatedAt = `${DateTime.fromMillis(atMs, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`;
  return ok({
    metadata: { total: 1, errors: 0 },
    results: { user: { gympass_id: gympassId }, gym: { id: world.gymId, product: { id: 104, description: 'Swimming' } }, validated_at: validatedAt },
  });
}

function isSlot(value: SimSlot | SimResponse): value is SimSlot {
  return 'occurMs' in value;
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 32_000;
}
