import { DateTime } from 'luxon';

/**
 * The state behind the Sport Alliance simulator: one studio (one API key) with
 * classes, class slots from yesterday to two weeks ahead, customers with
 * barcodes and card numbers, their bookings and studio visits. Everything is
 * derived from "now" and fixed rules, so two simulators with the same options
 * hold the same data. Wire shapes follow the Magicline Open API 1.11.1 spec.
 */

export type SimBookingStatus = 'BOOKED' | 'BOOKED_WITH_CONFIRMATION_REQUIRED' | 'WAITING_LIST' | 'CANCELED';
export type SimParticipantStatus = 'PARTICIPATING' | 'NOT_PARTICIPATING' | 'UNSET';

export interface SimClass {
  id: number;
  title: string;
  category: string;
  description: string;
  duration: number;
  latestCancelTerm: { value: number; unit: 'MINUTES' | 'HOURS' | 'DAY' };
}

export interface SimSlot {
  id: number;
  classId: number;
  /** Wall time in the studio's zone, e.g. 2026-03-28T08:00. */
  localStart: string;
  room: { id: number; name: string };
  instructorId: number;
  maxParticipants: number;
  maxWaitingListParticipants: number;
  additionalParticipants: number;
  /** People booked through other channels, not modelled as customers here. */
  othersBooked: number;
  othersWaiting: number;
  cancelled: boolean;
}

export interface SimCustomer {
  id: number;
  customerNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  barcode?: string;
  cardNumber: string;
  /** Validation answers NO_CONTINGENT. */
  noContingent: boolean;
  /** Validation answers CUSTOMER_IDLE. */
  idle: boolean;
}

export interface SimBooking {
  bookingId: number;
  slotId: number;
  customerId: number;
  status: SimBookingStatus;
  participantStatus: SimParticipantStatus;
}

export interface SimVisit {
  checkinId: number;
  customerId: number;
  /** ISO with offset, no zone name, as the spec's example. */
  checkInDateTime: string;
  checkOutDateTime: string;
}

export const simInstructors = [
  { id: 301, firstName: 'Jonas', lastName: 'Becker', publicName: 'Coach Jonas' },
  { id: 302, firstName: 'Mia', lastName: 'Schulz', publicName: 'Mia S.' },
  { id: 303, firstName: 'Lukas', lastName: 'Wagner', publicName: 'Lukas' },
];

const classPlan: SimClass[] = [
  { id: 101, title: 'Yoga Flow', category: 'Mind & Body', description: 'Calm vinyasa flow', duration: 60, latestCancelTerm: { value: 2, unit: 'HOURS' } },
  { id: 102, title: 'Spinning', category: 'Cardio', description: 'Indoor cycling', duration: 45, latestCancelTerm: { value: 1, unit: 'DAY' } },
  { id: 103, title: 'Pilates', category: 'Mind & Body', description: 'Core and posture', duration: 50, latestCancelTerm: { value: 30, unit: 'MINUTES' } },
  { id: 104, title: 'HIIT', category: 'Cardio', description: 'Intervals', duration: 30, latestCancelTerm: { value: 3, unit: 'HOURS' } },
  { id: 105, title: 'Bodypump', category: 'Strength', description: 'Barbell workout', duration: 55, latestCancelTerm: { value: 1, unit: 'DAY' } },
];
const rooms = [
  { id: 201, name: 'Kursraum 1' },
  { id: 202, name: 'Cycling-Studio' },
];
/** Eight classes a day, 08:00 among them (the DST tests use it). */
const dailyTimes = ['07:00', '08:00', '09:30', '12:15', '17:00', '18:00', '19:00', '20:15'];
const firstNames = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hannah', 'Jan', 'Lea', 'Max', 'Nina', 'Oskar', 'Paula', 'Tim'];
const lastNames = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Koch'];

/** How big the seeded studio is; the defaults are what the adapter tests are written against. */
export interface SimStudioSize {
  /** Customers 1001, 1002, …; default 30. 1003 has no contingent and 1004 is idle whatever the count. */
  customers?: number;
  /** Places in every slot, with nobody booked through other channels; default: 12–20, partly taken. */
  capacity?: number;
}

export class SimStudio {
  readonly studioId = 7001;
  readonly classes = classPlan.map((plan) => ({ ...plan }));
  readonly slots: SimSlot[] = [];
  readonly customers: SimCustomer[] = [];
  readonly bookings: SimBooking[] = [];
  readonly visits: SimVisit[] = [];
  /** Records that break the spec, served alongside the good ones. */
  readonly malformed = { classes: [] as unknown[], slots: [] as { localDate: string; record: unknown }[], bookings: [] as { customerId: number; record: unknown }[] };
  private nextBookingId = 90_001;
  private readonly starts = new Map<string, DateTime>();

  constructor(
    public now: Date,
    readonly zone: string,
    private readonly size: SimStudioSize = {},
  ) {
    this.seed();
  }

  nowInStudio(): DateTime {
    return DateTime.fromJSDate(this.now, { zone: this.zone });
  }

  startOf(slot: SimSlot): DateTime {
    // Remembered per wall time: luxon is slow enough that rebuilding these shows in every test.
    let start = this.starts.get(slot.localStart);
    if (!start) {
      start = DateTime.fromISO(slot.localStart, { zone: this.zone });
      this.starts.set(slot.localStart, start);
    }
    return start;
  }

  endOf(slot: SimSlot): DateTime {
    return this.startOf(slot).plus({ minutes: this.classOf(slot).duration });
  }

  classOf(slot: SimSlot): SimClass {
    const found = this.classes.find((candidate) => candidate.id === slot.classId);
    if (!found) throw new Error(`slot ${slot.id} has no class`);
    return found;
  }

  slotAt(localStart: string): SimSlot | undefined {
    return this.slots.find((slot) => slot.localStart === localStart);
  }

  bookingsOn(slotId: number): SimBooking[] {
    return this.bookings.filter((booking) => booking.slotId === slotId);
  }

  counts(slot: SimSlot): { booked: number; waiting: number } {
    const on = this.bookingsOn(slot.id);
    const booked = on.filter((b) => b.status === 'BOOKED' || b.status === 'BOOKED_WITH_CONFIRMATION_REQUIRED').length;
    return { booked: slot.othersBooked + booked, waiting: slot.othersWaiting + on.filter((b) => b.status === 'WAITING_LIST').length };
  }

  slotStatus(slot: SimSlot): 'PLANNED' | 'CANCELED' | 'COMPLETED' {
    if (slot.cancelled) return 'CANCELED';
    return this.endOf(slot).toMillis() <= this.now.getTime() ? 'COMPLETED' : 'PLANNED';
  }

  /** The spec's validation statuses, checked in the order a studio would. */
  validate(customer: SimCustomer, slot: SimSlot): string {
    const active = this.bookingsOn(slot.id).some((b) => b.customerId === customer.id && b.status !== 'CANCELED');
    if (active) return 'CUSTOMER_ALREADY_BOOKED';
    if (customer.idle) return 'CUSTOMER_IDLE';
    if (customer.noContingent) return 'NO_CONTINGENT';
    const start = this.startOf(slot);
    if (this.now.getTime() < this.earliestBooking(slot).toMillis()) return 'DATE_TIME_BEFORE_EARLIEST_BOOKING_DATE_TIME';
    if (slot.cancelled || this.now.getTime() >= start.toMillis()) return 'DATE_TIME_AFTER_LATEST_BOOKING_DATE_TIME';
    const { booked, waiting } = this.counts(slot);
    if (booked + slot.additionalParticipants >= slot.maxParticipants && waiting >= slot.maxWaitingListParticipants) return 'BOOKING_LIMIT_REACHED';
    return 'AVAILABLE';
  }

  book(customer: SimCustomer, slot: SimSlot): SimBooking | string {
    const status = this.validate(customer, slot);
    if (status !== 'AVAILABLE') return status;
    const full = this.counts(slot).booked + slot.additionalParticipants >= slot.maxParticipants;
    const booking: SimBooking = {
      bookingId: this.nextBookingId++,
      slotId: slot.id,
      customerId: customer.id,
      status: full ? 'WAITING_LIST' : 'BOOKED',
      participantStatus: 'UNSET',
    };
    this.bookings.push(booking);
    return booking;
  }

  /** Undefined when cancelled; otherwise why not, as an error code. */
  cancel(booking: SimBooking): string | undefined {
    const slot = this.slots.find((candidate) => candidate.id === booking.slotId);
    if (booking.status === 'CANCELED') return 'BOOKING_ALREADY_CANCELED';
    if (!slot || this.now.getTime() >= this.startOf(slot).toMillis()) return 'CLASS_SLOT_ALREADY_STARTED';
    const wasBooked = booking.status === 'BOOKED';
    booking.status = 'CANCELED';
    const next = this.bookingsOn(slot.id).find((b) => b.status === 'WAITING_LIST');
    if (wasBooked && next) next.status = 'BOOKED';
    return undefined;
  }

  earliestBooking(slot: SimSlot): DateTime {
    return this.startOf(slot).minus({ days: 7 }).startOf('day');
  }

  private seed(): void {
    const today = this.nowInStudio().startOf('day');
    let slotId = 5001;
    for (let day = -1; day <= 15; day += 1) {
      const date = today.plus({ days: day }).toISODate() ?? '';
      dailyTimes.forEach((time, index) => {
        const classPlanned = classPlan[(day + 1 + index) % classPlan.length]!;
        const id = slotId++;
        this.slots.push({
          id,
          classId: classPlanned.id,
          localStart: `${date}T${time}`,
          room: classPlanned.id === 102 ? rooms[1]! : rooms[0]!,
          instructorId: simInstructors[(id + day) % simInstructors.length]!.id,
          maxParticipants: this.size.capacity ?? 12 + (id % 3) * 4,
          maxWaitingListParticipants: 3,
          additionalParticipants: this.size.capacity === undefined && id % 5 === 0 ? 1 : 0,
          othersBooked: this.size.capacity === undefined ? (id * 7) % 9 : 0,
          othersWaiting: 0,
          cancelled: false,
        });
      });
    }
    for (let i = 0; i < (this.size.customers ?? 30); i += 1) {
      const id = 1001 + i;
      const firstName = firstNames[i % firstNames.length]!;
      const lastName = lastNames[(i * 3) % lastNames.length]!;
      this.customers.push({
        id,
        customerNumber: `1-${id}`,
        firstName,
        lastName,
        email: `${firstName}.${id}@example.com`.toLowerCase(),
        // Every seventh member has only a card, no barcode.
        ...(i % 7 === 6 ? {} : { barcode: `4006381${String(id).padStart(6, '0')}` }),
        cardNumber: `77${id}55`,
        noContingent: id === 1003,
        idle: id === 1004,
      });
    }
    const nowMs = this.now.getTime();
    for (const slot of this.slots) {
      for (const customer of this.customers) {
        if ((customer.id * 7 + slot.id) % 13 !== 0) continue;
        const past = this.endOf(slot).toMillis() <= nowMs;
        const participantStatus: SimParticipantStatus = !past ? 'UNSET' : customer.id % 4 === 0 ? 'NOT_PARTICIPATING' : 'PARTICIPATING';
        this.bookings.push({ bookingId: this.nextBookingId++, slotId: slot.id, customerId: customer.id, status: 'BOOKED', participantStatus });
      }
    }
    let checkinId = 60_001;
    for (const customer of this.customers.slice(0, 10)) {
      for (let back = 1; back <= 12; back += 1) {
        const inAt = today.minus({ days: back * 2 }).set({ hour: 17, minute: customer.id % 60 });
        this.visits.push({
          checkinId: checkinId++,
          customerId: customer.id,
          checkInDateTime: inAt.toISO({ suppressMilliseconds: true }) ?? '',
          checkOutDateTime: inAt.plus({ minutes: 95 }).toISO({ suppressMilliseconds: true }) ?? '',
        });
      }
    }
  }
}
