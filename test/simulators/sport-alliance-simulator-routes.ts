import { DateTime } from 'luxon';
import type { SimRequest, SimResponse } from './simulator-server';
import type { SimBooking, SimClass, SimCustomer, SimSlot, SimStudio } from './sport-alliance-simulator-studio';

/**
 * The Sport Alliance simulator's endpoints: classes and their slots, bookings,
 * customers and their check-ins, the studio, with the spec's `offset`/`sliceSize`
 * slices. `SportAllianceSimulator` registers them (auth, 403 scopes, the record).
 */

export const STUDIO_NAME = 'FitHaus Berlin Mitte';
const DAY_AHEAD_MAX = 6;

export type Handler = (request: SimRequest) => SimResponse & { tampered?: boolean };

/** What the endpoints need from the simulator. */
export interface SportAllianceApi {
  studio: SimStudio;
  /** An ErrorResponse body with the next trace id. */
  error(status: number, errorMessage: string, errorCode: string, reference?: string): SimResponse;
  classWire(c: SimClass): unknown;
  slotWire(slot: SimSlot): unknown;
  bookingWire(b: SimBooking): unknown;
  customerWire(c: SimCustomer): unknown;
}

export function installSportAllianceRoutes(on: (method: string, template: string, handler: Handler) => void, api: SportAllianceApi): void {
  const s = api.studio;
  const invalid = (message: string, reference: string): SimResponse => api.error(400, message, 'VALIDATION_ERROR', reference);

  const sliceSize = (r: SimRequest, min: number, max: number, fallback: number): number | SimResponse => {
    const size = Number(r.query.get('sliceSize') ?? fallback);
    return Number.isInteger(size) && size >= min && size <= max ? size : invalid(`sliceSize must be between ${min} and ${max}`, 'sliceSize');
  };

  /** Index-based slices: `offset` is where the next slice starts, as the spec leaves it opaque. */
  const sliced = (r: SimRequest, records: unknown[], bounds: { min: number; max: number; fallback: number }): SimResponse => {
    const size = sliceSize(r, bounds.min, bounds.max, bounds.fallback);
    if (typeof size !== 'number') return size;
    const start = Number(r.query.get('offset') ?? '0');
    if (!Number.isInteger(start) || start < 0) return invalid('offset is not valid', 'offset');
    const end = Math.min(records.length, start + size);
    return ok({ result: records.slice(start, end), offset: String(end), hasNext: end < records.length });
  };

  const found = <T>(record: T | undefined, wire: (record: T) => unknown): SimResponse =>
    record === undefined ? api.error(404, 'Entity does not exists.', 'ENTITY_NOT_FOUND') : ok(wire(record));

  const bookingOf = (r: SimRequest): SimBooking | undefined => s.bookings.find((b) => b.bookingId === Number(r.params.bookingId));

  const classList = (r: SimRequest): SimResponse & { tampered?: boolean } => {
    const from = s.nowInStudio().startOf('day').minus({ days: 1 });
    const scheduled = s.classes.filter((c) => s.slots.some((slot) => slot.classId === c.id && s.startOf(slot) >= from && s.startOf(slot) < from.plus({ days: 16 })));
    const size = sliceSize(r, 10, 100, 50);
    if (typeof size !== 'number') return size;
    // "Offset from last request (last ID of the class)": keyset paging by id.
    const after = Number(r.query.get('offset') ?? '0');
    const rest = scheduled.filter((c) => c.id > after).sort((a, b) => a.id - b.id);
    const slice = rest.slice(0, size);
    const broken = after === 0 ? s.malformed.classes : [];
    const result = [...slice.map((c) => api.classWire(c)), ...broken];
    return { ...ok({ result, offset: String(slice.at(-1)?.id ?? after), hasNext: rest.length > size }), tampered: broken.length > 0 };
  };

  const slotList = (r: SimRequest): SimResponse & { tampered?: boolean } => {
    const daysAhead = Number(r.query.get('daysAhead') ?? '1');
    if (!Number.isInteger(daysAhead) || daysAhead < 0 || daysAhead > DAY_AHEAD_MAX) return invalid('daysAhead must be between 0 and 6', 'daysAhead');
    const startText = r.query.get('slotWindowStartDate');
    const start = startText ? DateTime.fromISO(startText, { zone: s.zone }) : s.nowInStudio().startOf('day');
    if (!start.isValid || (startText && !/^\d{4}-\d{2}-\d{2}$/.test(startText))) return invalid('slotWindowStartDate must be a date', 'slotWindowStartDate');
    // Read here as whole studio days: slotWindowStartDate up to and including slotWindowStartDate + daysAhead.
    const end = start.plus({ days: daysAhead + 1 });
    const inWindow = (localDate: string) => localDate >= (start.toISODate() ?? '') && localDate < (end.toISODate() ?? '');
    const good = s.slots.filter((slot) => inWindow(slot.localStart.slice(0, 10))).map((slot) => api.slotWire(slot));
    const broken = s.malformed.slots.filter((m) => inWindow(m.localDate)).map((m) => m.record);
    const answer = sliced(r, [...good, ...broken], { min: 10, max: 100, fallback: 50 });
    return { ...answer, tampered: broken.length > 0 };
  };

  const customerBy = (r: SimRequest): SimResponse => {
    const keys = ['cardNumber', 'debtorId', 'qrCodeUuid', 'barcode', 'pin', 'customerNumber'].filter((key) => r.query.has(key));
    if (keys.length !== 1) return invalid('Exactly one identifier must be given', keys.join(',') || 'barcode');
    const key = keys[0]!;
    const value = r.query.get(key) ?? '';
    if (key === 'cardNumber' && (r.query.get('cardNumberFormat') ?? 'DECIMAL') === 'DECIMAL' && !/^\d+$/.test(value)) {
      return invalid('cardNumber is not a decimal number', 'cardNumber');
    }
    const match = (c: SimCustomer) =>
      (key === 'barcode' && c.barcode === value) || (key === 'cardNumber' && c.cardNumber === value) || (key === 'customerNumber' && c.customerNumber === value);
    return found(s.customers.find(match), (c) => api.customerWire(c));
  };

  const customerSearch = (r: SimRequest): SimResponse => {
    const body = (r.body ?? {}) as Record<string, unknown>;
    const criteria = (['firstName', 'lastName', 'email'] as const).filter((key) => typeof body[key] === 'string' && body[key] !== '');
    if (criteria.length === 0) return invalid('At least one search criterion is required', 'firstName');
    const starts = (value: string, prefix: unknown) => value.toLowerCase().startsWith(String(prefix).toLowerCase());
    const matches = s.customers.filter(
      (c) =>
        (body.firstName === undefined || starts(c.firstName, body.firstName)) &&
        (body.lastName === undefined || starts(c.lastName, body.lastName)) &&
        (body.email === undefined || c.email.toLowerCase() === String(body.email).toLowerCase()),
    );
    return ok(matches.map((c) => api.customerWire(c)));
  };

  const visitList = (r: SimRequest): SimResponse => {
    const customerId = Number(r.params.customerId);
    if (!s.customers.some((c) => c.id === customerId)) return api.error(404, 'Entity does not exists.', 'CUSTOMER_NOT_FOUND');
    const today = s.nowInStudio().startOf('day');
    const from = r.query.get('fromDate') ? DateTime.fromISO(r.query.get('fromDate')!, { zone: s.zone }) : today.minus({ months: 1 });
    const to = r.query.get('toDate') ? DateTime.fromISO(r.query.get('toDate')!, { zone: s.zone }) : today;
    if (!from.isValid || !to.isValid || to < from || to.diff(from, 'days').days > 365) return invalid('The time span must be valid and at most 365 days', 'toDate');
    const visits = s.visits
      .filter((v) => v.customerId === customerId)
      .filter((v) => DateTime.fromISO(v.checkInDateTime) >= from && DateTime.fromISO(v.checkInDateTime) < to.plus({ days: 1 }));
    const wire = visits.map((v) => ({
      checkinId: v.checkinId,
      checkInDateTime: v.checkInDateTime,
      checkOutDateTime: v.checkOutDateTime,
      studioId: s.studioId,
      studioName: STUDIO_NAME,
    }));
    return sliced(r, wire, { min: 1, max: 50, fallback: 10 });
  };

  const withBookingRequest = (r: SimRequest, act: (customer: SimCustomer, slot: SimSlot) => SimResponse): SimResponse => {
    const body = (r.body ?? {}) as { customerId?: unknown; classSlotId?: unknown };
    if (!Number.isInteger(body.customerId) || !Number.isInteger(body.classSlotId)) return invalid('customerId and classSlotId are required', 'customerId');
    const customer = s.customers.find((c) => c.id === body.customerId);
    const slot = s.slots.find((candidate) => candidate.id === body.classSlotId);
    if (!customer) return api.error(404, 'Entity does not exists.', 'CUSTOMER_NOT_FOUND');
    if (!slot) return api.error(404, 'Entity does not exists.', 'CLASS_SLOT_NOT_FOUND');
    return act(customer, slot);
  };

  on('GET', '/v1/studios/information', () => ok({ studioId: s.studioId, name: STUDIO_NAME, countryCode: 'DE', country: 'Germany', city: 'Berlin', accessCodeConfiguration: { enabled: false } }));
  on('GET', '/v1/classes', (r) => classList(r));
  on('GET', '/v1/classes/{classId}', (r) => found(s.classes.find((c) => c.id === Number(r.params.classId)), (c) => api.classWire(c)));
  on('GET', '/v1/classes/slots', (r) => slotList(r));
  on('GET', '/v1/classes/{classId}/slots', (r) => {
    const classId = Number(r.params.classId);
    if (!s.classes.some((c) => c.id === classId)) return api.error(404, 'Entity does not exists.', 'CLASS_NOT_FOUND');
    const now = s.nowInStudio().startOf('day');
    const inRange = s.slots.filter((slot) => slot.classId === classId && s.startOf(slot) >= now.minus({ days: 1 }) && s.startOf(slot) < now.plus({ days: 15 }));
    return sliced(r, inRange.map((slot) => api.slotWire(slot)), { min: 10, max: 100, fallback: 50 });
  });
  on('GET', '/v1/classes/{classId}/slots/{classSlotId}', (r) =>
    found(s.slots.find((slot) => slot.id === Number(r.params.classSlotId) && slot.classId === Number(r.params.classId)), (slot) => api.slotWire(slot)),
  );
  on('POST', '/v1/classes/booking/validate', (r) => withBookingRequest(r, (customer, slot) => ok({ validationStatus: s.validate(customer, slot) })));
  on('POST', '/v1/classes/booking/book', (r) =>
    withBookingRequest(r, (customer, slot) => {
      const result = s.book(customer, slot);
      return typeof result === 'string' ? api.error(400, refusalMessages[result] ?? 'Booking is not possible.', result) : ok(api.bookingWire(result));
    }),
  );
  on('GET', '/v1/classes/booking/{bookingId}', (r) => found(bookingOf(r), (b) => api.bookingWire(b)));
  on('DELETE', '/v1/classes/booking/{bookingId}', (r) => {
    const booking = bookingOf(r);
    if (!booking) return api.error(404, 'Entity does not exists.', 'BOOKING_NOT_FOUND');
    const refusal = s.cancel(booking);
    return refusal ? api.error(400, refusalMessages[refusal] ?? 'Cancelation is not possible.', refusal) : { status: 200 };
  });
  on('GET', '/v1/classes/booking', (r) => {
    const customerId = Number(r.query.get('customerId'));
    if (!r.query.get('customerId') || !Number.isInteger(customerId)) return invalid('customerId is required', 'customerId');
    if (!s.customers.some((c) => c.id === customerId)) return api.error(404, 'Entity does not exists.', 'CUSTOMER_NOT_FOUND');
    const nowMs = s.now.getTime();
    const twoWeeks = 14 * 24 * 60 * 60 * 1000;
    const theirs = s.bookings.filter((b) => {
      const slot = s.slots.find((candidate) => candidate.id === b.slotId);
      return b.customerId === customerId && slot && Math.abs(s.startOf(slot).toMillis() - nowMs) <= twoWeeks;
    });
    const broken = s.malformed.bookings.filter((m) => m.customerId === customerId).map((m) => m.record);
    return { ...ok([...theirs.map((b) => api.bookingWire(b)), ...broken]), tampered: broken.length > 0 };
  });
  on('GET', '/v1/customers/by', (r) => customerBy(r));
  on('POST', '/v1/customers/search', (r) => customerSearch(r));
  on('GET', '/v1/customers/{customerId}', (r) => found(s.customers.find((c) => c.id === Number(r.params.customerId)), (c) => api.customerWire(c)));
  on('GET', '/v1/customers/{customerId}/activities/checkins', (r) => visitList(r));
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

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}
