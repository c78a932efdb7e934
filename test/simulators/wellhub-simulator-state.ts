import { DateTime } from 'luxon';

/**
 * The Wellhub simulator's world: one gym's classes and slots, seeded
 * deterministically around a given "now", plus the bookings and check-ins
 * that arrive through (simulated) webhooks.
 */

export interface SimClass {
  id: number;
  name: string;
  slug: string;
  description: string;
  notes: string;
  bookable: boolean;
  visible: boolean;
  product_id: number;
  gym_id: number;
  reference: string;
  created_at: string;
  categories: { id: number; name: string; locale: string }[];
}

export interface SimSlot {
  id: number;
  classId: number;
  occurMs: number;
  lengthInMinutes: number;
  status: 0 | 1;
  room?: string;
  totalCapacity: number;
  totalBooked: number;
  productId: number;
  opensMs?: number;
  closesMs?: number;
  cancellableMs?: number;
  instructors: { name: string; substitute: boolean }[];
  rating?: number;
  virtual: boolean;
  virtualClassUrl?: string;
  /** Sent instead of the slot: a record that breaks the documented shape. */
  malformed?: Record<string, unknown>;
}

export type SimBookingStatus = 'REQUESTED' | 'RESERVED' | 'REJECTED' | 'CANCELLED_BY_GYM' | 'CANCELED';

export interface SimBooking {
  bookingNumber: string;
  slotId: number;
  classId: number;
  gympassId: string;
  status: SimBookingStatus;
  requestedAtMs: number;
  reasonCategory?: string;
  reason?: string;
}

export interface SimCheckIn {
  gympassId: string;
  atMs: number;
  status: 'open' | 'canceled' | 'validated';
}

export const simProducts = [
  { product_id: 101, name: 'Cycling', virtual: false, updated_at: '2022-05-10T14:33:48.819005Z' },
  { product_id: 102, name: 'Yoga & Pilates', virtual: false, updated_at: '2022-05-10T14:33:48.819005Z' },
  { product_id: 103, name: 'Functional', virtual: false, updated_at: '2022-05-10T14:33:48.819005Z' },
  { product_id: 104, name: 'Swimming', virtual: false, updated_at: '2022-05-10T14:33:48.819005Z' },
  { product_id: 105, name: 'Live classes', virtual: true, updated_at: '2022-05-10T14:33:48.819005Z' },
];

export const simCategories = [
  { id: 1, name: 'Meditation', locale: 'en' },
  { id: 2, name: 'Yoga', locale: 'en' },
  { id: 3, name: 'Functional', locale: 'en' },
  { id: 4, name: 'Cycling', locale: 'en' },
];

interface ClassPlan {
  name: string;
  productId: number;
  room: string;
  minutes: number;
  capacity: number;
  /** Local "HH:mm" times per ISO weekday (1 Monday … 7 Sunday); '*' every day. */
  times: Partial<Record<number | '*', string[]>>;
  coaches: string[];
}

/** Cycle runs twice every day, so a two-week window of it needs several pages. */
const classPlans: ClassPlan[] = [
  { name: 'Cycle', productId: 101, room: 'Bike Studio', minutes: 45, capacity: 20, times: { '*': ['07:00', '18:30'] }, coaches: ['Axel Brand', 'Mia Kühn'] },
  { name: 'Yoga Flow', productId: 102, room: 'Studio 1', minutes: 60, capacity: 15, times: { '*': ['09:00'] }, coaches: ['Lena Ortiz'] },
  { name: 'Pilates', productId: 102, room: 'Studio 2', minutes: 50, capacity: 12, times: { 1: ['12:15'], 2: ['12:15'], 3: ['12:15'], 4: ['12:15'], 5: ['12:15'] }, coaches: ['Jonas Weber'] },
  { name: 'HIIT', productId: 103, room: 'Box', minutes: 30, capacity: 16, times: { 1: ['17:30'], 3: ['17:30'], 5: ['17:30'] }, coaches: ['Blaze Okafor'] },
  { name: 'Aqua Fit', productId: 104, room: 'Pool', minutes: 45, capacity: 10, times: { 2: ['10:00'], 4: ['10:00'], 6: ['10:00'] }, coaches: ['Ana Lima'] },
];

export interface SeedOptions {
  nowMs: number;
  gymId: number;
  timeZone: string;
  /** Days of slots from yesterday on. */
  days: number;
}

export function seedWorld({ nowMs, gymId, timeZone, days }: SeedOptions): { classes: SimClass[]; slots: SimSlot[] } {
  const classes: SimClass[] = classPlans.map((plan, index) => ({
    id: 501 + index,
    name: plan.name,
    slug: plan.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    description: `${plan.name} at the gym`,
    notes: '',
    bookable: true,
    visible: true,
    product_id: plan.productId,
    gym_id: gymId,
    reference: `main-${index + 1}`,
    created_at: '2019-07-03T17:44:22Z[UTC]',
    categories: [],
  }));
  const slots: SimSlot[] = [];
  let nextId = 10_001;
  const firstDay = DateTime.fromMillis(nowMs, { zone: timeZone }).startOf('day').minus({ days: 1 });
  for (let day = 0; day < days; day += 1) {
    const date = firstDay.plus({ days: day });
    classPlans.forEach((plan, index) => {
      const times = [...(plan.times['*'] ?? []), ...(plan.times[date.weekday] ?? [])];
      times.forEach((time, n) => {
        const [hour, minute] = time.split(':').map(Number);
        const start = date.set({ hour, minute, second: 0, millisecond: 0 });
        const seed = day * 7 + index * 3 + n;
        const coach = plan.coaches[seed % plan.coaches.length] ?? 'Coach';
        slots.push({
          id: nextId++,
          classId: classes[index]!.id,
          occurMs: start.toMillis(),
          lengthInMinutes: plan.minutes,
          status: seed % 29 === 5 ? 0 : 1,
          room: plan.room,
          totalCapacity: plan.capacity,
          totalBooked: seed % (plan.capacity + 1),
          productId: plan.productId,
          opensMs: start.minus({ days: 7 }).toMillis(),
          closesMs: start.minus({ minutes: 30 }).toMillis(),
          cancellableMs: start.minus({ hours: 2 }).toMillis(),
          instructors: seed % 11 === 3 ? [{ name: coach, substitute: false }, { name: 'Sam Reed', substitute: true }] : [{ name: coach, substitute: false }],
          rating: 4.5,
          virtual: false,
        });
      });
    });
  }
  return { classes, slots };
}

/** `2021-03-09T07:00:00Z[UTC]`, as the slot list writes times. */
export function zonedUtc(ms: number): string {
  return `${DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z[UTC]`;
}

/** `2019-07-30T10:00:00-05:00`, as slot create/update answers write times (the gym's offset). */
export function gymOffset(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';
}

/** A slot as Wellhub writes it: list answers in `Z[UTC]`, single-slot answers with the gym's offset. */
export function renderSlot(slot: SimSlot, style: 'list' | 'single', zone: string): Record<string, unknown> {
  if (slot.malformed) return slot.malformed;
  const time = (ms: number) => (style === 'list' ? zonedUtc(ms) : gymOffset(ms, zone));
  return {
    id: slot.id,
    class_id: slot.classId,
    occur_date: time(slot.occurMs),
    status: slot.status,
    ...(slot.room ? { room: slot.room } : {}),
    length_in_minutes: slot.lengthInMinutes,
    total_capacity: slot.totalCapacity,
    total_booked: slot.totalBooked,
    product_id: slot.productId,
    ...(slot.opensMs !== undefined || slot.closesMs !== undefined
      ? {
          booking_window: {
            ...(slot.opensMs === undefined ? {} : { opens_at: time(slot.opensMs) }),
            ...(slot.closesMs === undefined ? {} : { closes_at: time(slot.closesMs) }),
          },
        }
      : {}),
    ...(slot.cancellableMs === undefined ? {} : { cancellable_until: time(slot.cancellableMs) }),
    instructors: slot.instructors,
    ...(slot.rating === undefined ? {} : { rating: slot.rating }),
    virtual: slot.virtual,
    ...(slot.virtualClassUrl ? { virtual_class_url: slot.virtualClassUrl } : {}),
  };
}

/** Wellhub's error body. */
export function wellhubErrors(...errors: { message: string; key: string }[]): Record<string, unknown> {
  return { metadata: { total: 0, errors: errors.length }, errors };
}
