import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Booking, BookingStatus, DeskActionKind, Member, Session } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type { Capabilities } from '../../../../src-shared/connections';
import type { BookingActionRequest, Provider, ProviderFetch, SyncWindow } from '../provider';
import { ProviderError } from '../provider-error';
import { DEMO_STUDIO_FILE, DeskChanges, type BookingChange } from './desk-changes';
import { studioMembers } from './members';
import { planRoster, rosterAt, rosterCounts, type PlannedBooking } from './rosters';
import { classById, classesInWindow, type ScheduledClass } from './schedule';
import { locationIdFor, locationPlans, studioClassTypes, studioInstructors, studioLocations } from './studio-plan';

/**
 * The built-in studio a new desk shows before any real system is connected:
 * generated classes and rosters, plus the desk's own changes kept on disk, so
 * checking someone in really sticks.
 */

export interface DemoStudioOptions {
  /** Where `demo-studio.json` lives; created when missing. */
  dataDir: string;
  clock: Clock;
  connectionId?: string;
}

const CHECK_IN_OPENS_MINUTES = 60;
const MINUTE = 60_000;
/** Far more than any desk asks for; stops a mistaken request from generating years of classes. */
const MAX_WINDOW_DAYS = 400;

interface BookingOnRoster {
  scheduled: ScheduledClass;
  planned: PlannedBooking[];
  booking: Booking;
  roster: Booking[];
  /** For messages: "Lena Müller is already checked in". */
  who: string;
}

type Decision = (found: BookingOnRoster, nowMs: number) => Map<string, BookingChange>;

export function openDemoStudio(options: DemoStudioOptions): Promise<DemoStudio> {
  return DemoStudio.open(options);
}

export class DemoStudio implements Provider {
  readonly source = 'demo' as const;
  readonly capabilities: Capabilities = {
    listSessions: true,
    roster: true,
    memberByBarcode: true,
    memberSearch: false,
    checkIn: true,
    undoCheckIn: true,
    validateBooking: false,
    book: false,
    cancelBooking: true,
    waitlist: false,
    promoteFromWaitlist: false,
    confirmBookingRequests: false,
    validateVisit: false,
  };

  private readonly members: Member[];
  private readonly memberById: Map<string, Member>;
  private readonly memberByBarcode: Map<string, Member>;
  /** Members book at their home location, so a roster draws from that location's members. */
  private readonly membersByLocationId: Map<string, Member[]>;
  /** Desk actions run one after another, so two quick taps cannot interleave their writes. */
  private queue: Promise<unknown> = Promise.resolve();

  static async open({ dataDir, clock, connectionId = 'demo' }: DemoStudioOptions): Promise<DemoStudio> {
    await mkdir(dataDir, { recursive: true });
    const changes = await DeskChanges.load(join(dataDir, DEMO_STUDIO_FILE));
    return new DemoStudio(connectionId, clock, changes);
  }

  private constructor(
    readonly connectionId: string,
    private readonly clock: Clock,
    private readonly changes: DeskChanges,
  ) {
    const studio = studioMembers(connectionId);
    this.members = studio.map(({ member }) => member);
    this.memberById = new Map(this.members.map((member) => [member.id, member]));
    this.memberByBarcode = new Map(this.members.flatMap((member) => (member.barcode ? [[member.barcode, member]] : [])));
    this.membersByLocationId = new Map(
      locationPlans.map((location) => [
        locationIdFor(location),
        studio.filter(({ home }) => home === location.key).map(({ member }) => member),
      ]),
    );
  }

  /** Nothing to reach: the studio lives on this PC. */
  async testConnection(): Promise<void> {}

  async fetchWindow({ from, to }: SyncWindow): Promise<ProviderFetch> {
    const fromMs = Date.parse(from);
    const toMs = Date.parse(to);
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) {
      throw new ProviderError('The requested time window is not valid', false, 'invalid_input');
    }
    if (toMs - fromMs > MAX_WINDOW_DAYS * 24 * 60 * MINUTE) {
      throw new ProviderError(`The demo studio shows at most ${MAX_WINDOW_DAYS} days at once`, false, 'invalid_input');
    }
    const nowMs = this.clock().getTime();
    const sessions: Session[] = [];
    const bookings: Booking[] = [];
    for (const scheduled of classesInWindow(fromMs, toMs, this.connectionId)) {
      const roster = this.rosterOf(scheduled, nowMs).roster;
      sessions.push({ ...scheduled.session, ...rosterCounts(roster) });
      bookings.push(...roster);
    }
    return {
      records: {
        locations: studioLocations(this.connectionId),
        instructors: studioInstructors(this.connectionId),
        classTypes: studioClassTypes(this.connectionId),
        sessions,
        // Only a few hundred, and the desk needs all of them for name search.
        members: [...this.members],
        bookings,
      },
      issues: [],
    };
  }

  async findMemberByBarcode(barcode: string): Promise<Member | undefined> {
    return this.memberByBarcode.get(barcode.trim());
  }

  checkIn(request: BookingActionRequest): Promise<Booking> {
    return this.act('check_in', request, ({ scheduled, booking, who }, nowMs) => {
      const startMs = Date.parse(scheduled.session.startsAt);
      if (scheduled.session.status === 'cancelled') refuse('This class was cancelled, so nobody can check in to it');
      if (booking.status === 'checked_in') refuse(`${who} is already checked in`);
      if (nowMs < startMs - CHECK_IN_OPENS_MINUTES * MINUTE) {
        refuse(`Check-in opens ${CHECK_IN_OPENS_MINUTES} minutes before the class`);
      }
      if (nowMs >= Date.parse(scheduled.session.endsAt)) refuse('Check-in closed when the class ended');
      if (booking.status !== 'booked') refuse(whyNotBooked(booking.status, who));
      const now = new Date(nowMs).toISOString();
      return new Map([[booking.id, { status: 'checked_in', checkedInAt: now, updatedAt: now }]]);
    });
  }

  undoCheckIn(request: BookingActionRequest): Promise<Booking> {
    return this.act('undo_check_in', request, ({ booking, who }, nowMs) => {
      if (booking.status !== 'checked_in') refuse(`${who} is not checked in`);
      return new Map([[booking.id, { status: 'booked', updatedAt: new Date(nowMs).toISOString() }]]);
    });
  }

  cancelBooking(request: BookingActionRequest): Promise<Booking> {
    return this.act('cancel_booking', request, ({ scheduled, booking, roster, who }, nowMs) => {
      if (scheduled.session.status === 'cancelled') refuse('This class was cancelled already');
      if (nowMs >= Date.parse(scheduled.session.startsAt)) {
        refuse('The class has already started, so the booking can no longer be cancelled');
      }
      if (booking.status === 'cancelled') refuse(`${who}'s booking is already cancelled`);
      if (booking.status === 'checked_in') refuse(`${who} is already checked in; undo the check-in first`);
      if (booking.status !== 'booked' && booking.status !== 'waitlisted') refuse(whyNotBooked(booking.status, who));
      const now = new Date(nowMs).toISOString();
      const changes = new Map<string, BookingChange>([[booking.id, { status: 'cancelled', updatedAt: now }]]);
      // A freed place goes to the first person waiting, as the studio's booking system would do.
      const nextInLine = roster.find((other) => other.status === 'waitlisted' && other.waitlistPosition === 1);
      if (booking.status === 'booked' && nextInLine) changes.set(nextInLine.id, { status: 'booked', updatedAt: now });
      return changes;
    });
  }

  private act(kind: DeskActionKind, request: BookingActionRequest, decide: Decision): Promise<Booking> {
    const run = async (): Promise<Booking> => {
      const applied = this.changes.appliedAction(request.actionId);
      if (applied) {
        if (applied.kind !== kind || applied.bookingId !== request.bookingId) {
          throw new ProviderError('This desk action was already used for a different booking', false, 'conflict');
        }
        return applied.booking;
      }
      const nowMs = this.clock().getTime();
      const found = this.bookingOnRoster(request.bookingId, nowMs);
      const changes = decide(found, nowMs);
      const after = rosterAt(found.scheduled, found.planned, nowMs, (id) => changes.get(id) ?? this.changes.changeFor(id));
      const booking = after.find((candidate) => candidate.id === request.bookingId) ?? found.booking;
      await this.changes.apply(request.actionId, { kind, bookingId: request.bookingId, booking }, changes);
      return booking;
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Booking ids are `<session id>:<nn>`, so the session, and with it the roster, can be rebuilt from the id alone. */
  private bookingOnRoster(bookingId: string, nowMs: number): BookingOnRoster {
    const scheduled = classById(bookingId.slice(0, bookingId.lastIndexOf(':')), this.connectionId);
    const onRoster = scheduled ? this.rosterOf(scheduled, nowMs) : undefined;
    const booking = onRoster?.roster.find((candidate) => candidate.id === bookingId);
    if (!scheduled || !onRoster || !booking) throw new ProviderError('No such booking', false, 'not_found');
    const member = this.memberById.get(booking.memberId);
    const who = member ? `${member.firstName} ${member.lastName}` : 'This member';
    return { scheduled, ...onRoster, booking, who };
  }

  private rosterOf(scheduled: ScheduledClass, nowMs: number): { planned: PlannedBooking[]; roster: Booking[] } {
    const candidates = this.membersByLocationId.get(scheduled.session.locationId) ?? [];
    const planned = planRoster(scheduled, candidates);
    return { planned, roster: rosterAt(scheduled, planned, nowMs, (id) => this.changes.changeFor(id)) };
  }
}

function refuse(message: string): never {
  throw new ProviderError(message, false, 'conflict');
}

function whyNotBooked(status: BookingStatus, who: string): string {
  switch (status) {
    case 'waitlisted':
      return `${who} is on the waitlist, not booked into this class`;
    case 'cancelled':
      return `${who}'s booking was cancelled`;
    case 'no_show':
      return `${who} was marked as a no-show for this class`;
    case 'pending_confirmation':
      return `${who}'s booking is still waiting to be confirmed`;
    case 'rejected':
      return `${who}'s booking request was turned down`;
    case 'booked':
    case 'checked_in':
      return `${who}'s booking cannot be changed right now`;
  }
}
