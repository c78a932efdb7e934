import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Booking, DeskActionKind, Member, Session } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import type { Capabilities } from '../../../../src-shared/connections';
import type {
  BookingActionRequest,
  BookingRequestDecision,
  BookingValidation,
  BookRequest,
  Provider,
  ProviderFetch,
  SyncWindow,
  VisitValidation,
} from '../provider';
import { ProviderError } from '../../provider-error';
import { checkSyncWindow } from '../sync-window-check';
import * as decide from './booking-decisions';
import { newDeskBooking, plannedFromAdded } from './added-bookings';
import { checkNewBooking, LIVE_STATUSES, nameOf, refuse } from './booking-rules';
import { DEMO_STUDIO_FILE, DeskChanges, type OverlayEdit } from './desk-changes';
import { indexMembers, type MemberIndex } from './members';
import { nextWaitlistOrder, planRoster, rosterAt, rosterCounts, type PlannedBooking } from './rosters';
import { classById, classesInWindow, type ScheduledClass } from './schedule';
import { studioClassTypes, studioInstructors, studioLocations } from './studio-plan';
import { validateDemoVisit } from './wellhub-visits';

/**
 * The built-in studio a new desk shows before any real system is connected:
 * generated classes and rosters, plus the desk's own doings kept on disk, so
 * every desk action (check-in, booking, waitlist, Wellhub requests and visits)
 * can be tried without an API key, and really sticks.
 */

export interface DemoStudioOptions {
  /** Where `demo-studio.json` lives; created when missing. */
  dataDir: string;
  clock: Clock;
  connectionId?: string;
}

type Roster = { planned: PlannedBooking[]; roster: Booking[] };

export function openDemoStudio(options: DemoStudioOptions): Promise<DemoStudio> {
  return DemoStudio.open(options);
}

export class DemoStudio implements Provider {
  readonly source = 'demo' as const;
  readonly capabilities: Capabilities = {
    listSessions: true,
    roster: true,
    memberByBarcode: true,
    // The desk has every member from fetchWindow already, so it searches them itself.
    memberSearch: false,
    checkIn: true,
    undoCheckIn: true,
    validateBooking: true,
    book: true,
    cancelBooking: true,
    waitlist: true,
    promoteFromWaitlist: true,
    confirmBookingRequests: true,
    validateVisit: true,
    markNoShow: true,
    checkInWindow: decide.demoCheckInWindow,
  };

  private readonly members: MemberIndex;
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
    this.members = indexMembers(connectionId);
  }

  /** Nothing to reach: the studio lives on this PC. */
  async testConnection(): Promise<void> {}

  async fetchWindow({ from, to }: SyncWindow): Promise<ProviderFetch> {
    const { fromMs, toMs } = checkSyncWindow({ from, to });
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
        members: [...this.members.all],
        bookings,
      },
      issues: [],
    };
  }

  async findMemberByBarcode(barcode: string): Promise<Member | undefined> {
    return this.members.byBarcode.get(barcode.trim());
  }

  checkIn(request: BookingActionRequest): Promise<Booking> {
    return this.act('check_in', request, decide.decideCheckIn);
  }

  undoCheckIn(request: BookingActionRequest): Promise<Booking> {
    return this.act('undo_check_in', request, decide.decideUndoCheckIn);
  }

  cancelBooking(request: BookingActionRequest): Promise<Booking> {
    return this.act('cancel_booking', request, decide.decideCancel);
  }

  promoteFromWaitlist(request: BookingActionRequest): Promise<Booking> {
    return this.act('promote_from_waitlist', request, decide.decidePromote);
  }

  markNoShow(request: BookingActionRequest): Promise<Booking> {
    return this.act('mark_no_show', request, decide.decideNoShow);
  }

  /** Wellhub requests only; `reason` is Wellhub's category and changes nothing in the studio. */
  confirmBookingRequest(request: BookingRequestDecision): Promise<Booking> {
    return this.act('confirm_booking_request', request, decide.decideConfirm);
  }

  rejectBookingRequest(request: BookingRequestDecision): Promise<Booking> {
    return this.act('reject_booking_request', request, decide.decideReject);
  }

  /** The member's live booking (booked, waitlisted, checked in or requested) on the class, if any. */
  async findBooking({ sessionId, memberId }: Omit<BookRequest, 'actionId'>): Promise<Booking | undefined> {
    const scheduled = classById(sessionId, this.connectionId);
    if (!scheduled) return undefined;
    const { roster } = this.rosterOf(scheduled, this.clock().getTime());
    return roster.find((booking) => booking.memberId === memberId && LIVE_STATUSES.has(booking.status));
  }

  async validateBooking(request: Omit<BookRequest, 'actionId'>): Promise<BookingValidation> {
    return checkNewBooking(this.newBooking(request, this.clock().getTime()));
  }

  /** Books into a free place, or onto the end of the waitlist when the class is full. */
  book(request: BookRequest): Promise<Booking> {
    return this.serially(async () => {
      const applied = this.changes.appliedAction(request.actionId);
      if (applied) {
        const same = applied.booking.sessionId === request.sessionId && applied.booking.memberId === request.memberId;
        if (applied.kind !== 'book' || !same) refuseReuse();
        return applied.booking;
      }
      const nowMs = this.clock().getTime();
      const subject = this.newBooking(request, nowMs);
      const { bookable, reasons } = checkNewBooking(subject);
      if (!bookable) refuse(reasons[0] ?? { code: 'booking_not_allowed', params: { provider: 'Demo studio' } });
      const { scheduled, planned } = subject;
      const added = newDeskBooking({ ...subject, memberId: request.memberId }, this.changes);
      const after = { scheduled, nowMs, planned: [...planned, plannedFromAdded(scheduled, added)] };
      const edit = { added: { sessionId: scheduled.session.id, booking: added } };
      return this.commit(request.actionId, { kind: 'book', bookingId: added.id }, after, edit);
    });
  }

  validateVisit(wellhubId: string): Promise<VisitValidation> {
    const { changes, members } = this;
    return this.serially(() => validateDemoVisit(wellhubId, { changes, members, nowMs: this.clock().getTime() }));
  }

  private act(kind: DeskActionKind, request: BookingActionRequest, decision: decide.Decision): Promise<Booking> {
    return this.serially(async () => {
      const applied = this.changes.appliedAction(request.actionId);
      if (applied) {
        if (applied.kind !== kind || applied.bookingId !== request.bookingId) refuseReuse();
        return applied.booking;
      }
      const nowMs = this.clock().getTime();
      const found = this.bookingOnRoster(request.bookingId, nowMs);
      const changes = decision(found, nowMs);
      return this.commit(request.actionId, { kind, bookingId: request.bookingId }, { ...found, nowMs }, { changes });
    });
  }

  /** Saves what an action did, with the booking as it stands afterwards, which is what a retry is answered with. */
  private async commit(
    actionId: string,
    { kind, bookingId }: { kind: DeskActionKind; bookingId: string },
    { scheduled, planned, nowMs }: { scheduled: ScheduledClass; planned: PlannedBooking[]; nowMs: number },
    edit: OverlayEdit,
  ): Promise<Booking> {
    const after = rosterAt(scheduled, planned, nowMs, (id) => edit.changes?.get(id) ?? this.changes.changeFor(id));
    const booking = after.find((candidate) => candidate.id === bookingId);
    if (!booking) throw new ProviderError({ code: 'booking_not_known' }, false, 'not_found');
    await this.changes.apply(actionId, { kind, bookingId, booking }, edit);
    return booking;
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private newBooking({ sessionId, memberId }: Omit<BookRequest, 'actionId'>, nowMs: number) {
    const scheduled = classById(sessionId, this.connectionId);
    if (!scheduled) throw new ProviderError({ code: 'class_not_known' }, false, 'not_found');
    const member = this.members.byId.get(memberId);
    const home = this.members.homeOf.get(memberId);
    if (!member || !home) throw new ProviderError({ code: 'member_not_known' }, false, 'not_found');
    return { scheduled, member, home, nowMs, ...this.rosterOf(scheduled, nowMs) };
  }

  /** Booking ids are `<session id>:<nn>` (or `:desk-<n>` when the desk booked), so the roster can be rebuilt from the id alone. */
  private bookingOnRoster(bookingId: string, nowMs: number): decide.BookingOnRoster {
    const scheduled = classById(bookingId.slice(0, bookingId.lastIndexOf(':')), this.connectionId);
    const onRoster = scheduled ? this.rosterOf(scheduled, nowMs) : undefined;
    const booking = onRoster?.roster.find((candidate) => candidate.id === bookingId);
    if (!scheduled || !onRoster || !booking) throw new ProviderError({ code: 'booking_not_known' }, false, 'not_found');
    const next = nextWaitlistOrder(onRoster.planned, (id) => this.changes.changeFor(id));
    return { scheduled, ...onRoster, booking, who: nameOf(this.members.byId.get(booking.memberId)), nextWaitlistOrder: next };
  }

  /** The generated roster plus the bookings the desk added, with the desk's changes laid over both. */
  private rosterOf(scheduled: ScheduledClass, nowMs: number): Roster {
    const candidates = this.members.byLocationId.get(scheduled.session.locationId) ?? [];
    const added = this.changes.addedTo(scheduled.session.id).map((booking) => plannedFromAdded(scheduled, booking));
    const planned = [...planRoster(scheduled, candidates), ...added];
    return { planned, roster: rosterAt(scheduled, planned, nowMs, (id) => this.changes.changeFor(id)) };
  }
}

function refuseReuse(): never {
  throw new ProviderError({ code: 'action_id_reused' }, false, 'conflict');
}
