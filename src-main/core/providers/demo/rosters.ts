import { DateTime } from 'luxon';
import type { Booking, Member } from '../../../../src-shared/domain';
import type { BookingChange } from './desk-changes';
import type { ScheduledClass } from './schedule';
import { SeededRandom } from './seeded-random';

/**
 * Who is on each class. A roster is planned once per session id (seeded by it)
 * and does not depend on the clock: the same people, the same fill, every run.
 * Only how each booking *looks* moves with time: members who come are checked
 * in once the class is over; those who did not stay booked until the desk
 * marks them as no-shows, or until the studio's run at the end of the gym's
 * day marks everyone still booked as a no-show itself.
 */

type Intent = 'booked' | 'waitlisted' | 'cancelled' | 'pending_confirmation' | 'rejected';

export interface PlannedBooking {
  id: string;
  memberId: string;
  source: 'demo' | 'wellhub';
  intent: Intent;
  /** When the member booked (or asked, for aggregator requests). */
  madeAt: number;
  /** When a cancellation or rejection happened. */
  settledAt?: number;
  /** Booked members only: whether they turn up, and when their check-in happens. */
  attends: boolean;
  arrivesAt: number;
  /** Checks in by app once the class runs, without the desk. */
  selfCheckIn: boolean;
  /** Order on the waitlist; positions are renumbered after desk changes. */
  waitlistOrder?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function planRoster({ session }: ScheduledClass, candidates: readonly Member[]): PlannedBooking[] {
  const random = SeededRandom.seededBy('roster', session.id);
  const capacity = session.capacity;
  const startMs = Date.parse(session.startsAt);

  const fill = random.fraction();
  const full = fill < 0.35;
  const bookedCount = full ? capacity : clamp(Math.round(capacity * (0.35 + 0.6 * random.fraction())), 1, capacity - 1);
  const waitlistCount = fill < 0.2 ? random.between(1, 4) : 0;
  const cancelledCount = random.chance(0.45) ? random.between(1, 2) : 0;
  const pendingCount = random.chance(0.25) ? 1 : 0;
  const rejectedCount = random.chance(0.12) ? 1 : 0;

  const people = random.shuffled(candidates);
  const planned: PlannedBooking[] = [];
  const add = (intent: Intent, source: PlannedBooking['source'], extra: Partial<PlannedBooking> = {}): void => {
    const member = people[planned.length];
    if (!member) return; // more places than members: the class simply stays emptier
    planned.push({
      id: `${session.id}:${String(planned.length + 1).padStart(2, '0')}`,
      memberId: member.id,
      source,
      intent,
      madeAt: startMs - random.between(60, 7 * 24 * 60) * MINUTE,
      attends: false,
      arrivesAt: startMs,
      selfCheckIn: false,
      ...extra,
    });
  };

  for (let index = 0; index < bookedCount; index += 1) {
    add('booked', random.chance(0.1) ? 'wellhub' : 'demo', {
      attends: random.chance(0.88),
      // Most arrive up to 35 minutes early, a few up to 8 minutes late.
      arrivesAt: startMs - random.between(-8, 35) * MINUTE,
      selfCheckIn: random.chance(0.5),
    });
  }
  for (let order = 1; order <= waitlistCount; order += 1) add('waitlisted', 'demo', { waitlistOrder: order });
  for (let index = 0; index < cancelledCount; index += 1) {
    const madeAt = startMs - random.between(24 * 60, 7 * 24 * 60) * MINUTE;
    add('cancelled', 'demo', { madeAt, settledAt: madeAt + random.between(30, 23 * 60) * MINUTE });
  }
  // Aggregator requests arrive shortly before class and wait for the studio to confirm them.
  for (let index = 0; index < pendingCount; index += 1) {
    add('pending_confirmation', 'wellhub', { madeAt: startMs - random.between(60, 20 * 60) * MINUTE });
  }
  for (let index = 0; index < rejectedCount; index += 1) {
    const madeAt = startMs - random.between(3 * 60, 48 * 60) * MINUTE;
    add('rejected', 'wellhub', { madeAt, settledAt: madeAt + random.between(5, 90) * MINUTE });
  }
  return planned;
}

/** The roster as it stands at `nowMs`, with the desk's changes laid over the plan. */
/** When the studio marks everyone still booked on this class as a no-show: midnight after it, in the gym's zone. */
export function noShowRunAt({ session, location }: ScheduledClass): number {
  return DateTime.fromISO(session.endsAt, { zone: location.timeZone }).endOf('day').toMillis() + 1;
}

export function rosterAt(
  scheduled: ScheduledClass,
  planned: readonly PlannedBooking[],
  nowMs: number,
  changeFor: (bookingId: string) => BookingChange | undefined,
): Booking[] {
  const { session } = scheduled;
  const startMs = Date.parse(session.startsAt);
  const endMs = Date.parse(session.endsAt);
  const noShowRunMs = noShowRunAt(scheduled);
  const calledOffAt = startMs - SeededRandom.seededBy('called-off', session.id).between(2, 36) * HOUR;

  const roster = planned.map((plan): Booking & { order: number } => {
    const booking: Booking & { order: number } = {
      id: plan.id,
      connectionId: session.connectionId,
      sessionId: session.id,
      memberId: plan.memberId,
      source: plan.source,
      ...planStatusAt(plan, { startMs, endMs, noShowRunMs }, nowMs),
      order: plan.waitlistOrder ?? 0,
    };
    if (session.status === 'cancelled') {
      return { ...booking, status: 'cancelled', checkedInAt: undefined, updatedAt: iso(calledOffAt) };
    }
    const change = changeFor(plan.id);
    if (!change) return booking;
    const { status, checkedInAt, updatedAt, waitlistOrder } = change;
    const changed = { ...booking, status, checkedInAt, updatedAt, order: waitlistOrder ?? booking.order };
    // Nobody checked them in and nobody marked them: the studio's run counts them as a no-show.
    if (changed.status === 'booked' && nowMs >= noShowRunMs) {
      return { ...changed, status: 'no_show', updatedAt: iso(Math.max(noShowRunMs, Date.parse(change.updatedAt))) };
    }
    return changed;
  });

  const waitlist = roster.filter((booking) => booking.status === 'waitlisted').sort((a, b) => a.order - b.order);
  const position = new Map(waitlist.map((booking, index) => [booking.id, index + 1]));
  return roster.map(({ order: _order, checkedInAt, ...booking }) => {
    const result: Booking = { ...booking };
    if (checkedInAt !== undefined) result.checkedInAt = checkedInAt;
    const place = position.get(booking.id);
    if (place !== undefined) result.waitlistPosition = place;
    return result;
  });
}

function planStatusAt(
  plan: PlannedBooking,
  { startMs, endMs, noShowRunMs }: { startMs: number; endMs: number; noShowRunMs: number },
  nowMs: number,
): Pick<Booking, 'status' | 'checkedInAt' | 'updatedAt'> {
  switch (plan.intent) {
    case 'booked': {
      const checksIn =
        nowMs >= endMs
          ? plan.attends
          : nowMs >= startMs && plan.attends && plan.selfCheckIn && plan.arrivesAt <= nowMs;
      if (checksIn) return { status: 'checked_in', checkedInAt: iso(plan.arrivesAt), updatedAt: iso(plan.arrivesAt) };
      if (nowMs >= noShowRunMs) return { status: 'no_show', updatedAt: iso(noShowRunMs) };
      return { status: 'booked', updatedAt: iso(plan.madeAt) };
    }
    case 'pending_confirmation':
      // A request nobody confirmed before the class started has lapsed.
      return nowMs >= startMs
        ? { status: 'rejected', updatedAt: iso(startMs) }
        : { status: 'pending_confirmation', updatedAt: iso(plan.madeAt) };
    case 'cancelled':
    case 'rejected':
      return { status: plan.intent, updatedAt: iso(plan.settledAt ?? plan.madeAt) };
    case 'waitlisted':
      return { status: 'waitlisted', updatedAt: iso(plan.madeAt) };
  }
}

/** A place at the end of the waitlist: after every order the plan or a change ever gave out. */
export function nextWaitlistOrder(
  planned: readonly PlannedBooking[],
  changeFor: (bookingId: string) => BookingChange | undefined,
): number {
  let last = 0;
  for (const plan of planned) last = Math.max(last, plan.waitlistOrder ?? 0, changeFor(plan.id)?.waitlistOrder ?? 0);
  return last + 1;
}

/** Session counts as the desk shows them: places taken and people waiting. */
export function rosterCounts(roster: readonly Booking[]): { booked: number; waitlisted: number } {
  let booked = 0;
  let waitlisted = 0;
  for (const booking of roster) {
    if (booking.status === 'booked' || booking.status === 'checked_in' || booking.status === 'no_show') booked += 1;
    else if (booking.status === 'waitlisted') waitlisted += 1;
  }
  return { booked, waitlisted };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
