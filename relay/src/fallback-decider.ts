import { sql } from 'kysely';
import type { Logger } from 'pino';
import { decideBooking, type Choose, type DecisionContext } from './booking-decisions.ts';
import { wellhubReasonTexts } from '../../src-shared/relay-wire.ts';

/**
 * The 15-minute rule when no desk answers: every instance looks for requests
 * whose fallback time has come (FALLBACK_DELAY_MS after the request) and answers
 * them by the last numbers it knows for the slot: confirm while a place is
 * free, otherwise reject with CLASS_IS_FULL. The numbers come from the desks
 * (`capacity` frames, the main system's counts); for a slot no desk ever
 * reported, the relay reads the slot at Wellhub once. With no numbers at all the
 * request is rejected: an overbooked class is worse for the gym than a member
 * asked to book again.
 */

export interface FallbackDecider {
  /** Runs one round now (tests, and after a notification). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startFallbackDecider(context: DecisionContext, options: { pollMs: number; instanceId: string; log: Logger }): FallbackDecider {
  const { db } = context;
  const concurrency = 16;
  let running: Promise<void> | undefined;
  let stopped = false;

  const chooseByCapacity: Choose = async (trx, request) => {
    if (request.slot_id !== null) {
      const held = await trx
        .updateTable('slot_capacity')
        .set({ total_booked: sql<number>`total_booked + 1` })
        .where('gym_id', '=', request.gym_id)
        .where('slot_id', '=', request.slot_id)
        .whereRef('total_booked', '<', 'total_capacity')
        .returning('total_booked')
        .executeTakeFirst();
      if (held) return { status: 'RESERVED', heldPlace: true };
    }
    return { status: 'REJECTED', reasonCategory: 'CLASS_IS_FULL', reason: wellhubReasonTexts.CLASS_IS_FULL };
  };

  const learnSlot = async (gymId: string, classId: number | null, slotId: number | null) => {
    if (classId === null || slotId === null) return;
    const known = await db.selectFrom('slot_capacity').select('slot_id').where('gym_id', '=', gymId).where('slot_id', '=', slotId).executeTakeFirst();
    if (known) return;
    const token = await context.wellhubToken(gymId);
    const numbers = token ? await context.wellhub.slotNumbers(gymId, token, classId, slotId) : undefined;
    if (!numbers) return;
    await db
      .insertInto('slot_capacity')
      .values({ gym_id: gymId, slot_id: slotId, total_capacity: numbers.totalCapacity, total_booked: numbers.totalBooked, updated_at: new Date() })
      .onConflict((oc) => oc.columns(['gym_id', 'slot_id']).doNothing())
      .execute();
  };

  const decideOne = async (request: { gym_id: string; booking_number: string; slot_id: number | null; class_id: number | null }) => {
    try {
      await learnSlot(request.gym_id, request.class_id, request.slot_id);
      const decided = await decideBooking(context, request.gym_id, request.booking_number, 'fallback', chooseByCapacity, false);
      if (decided.result === 'applied') {
        options.log.info({ gymId: request.gym_id, bookingNumber: request.booking_number, outcome: decided.note.outcome, by: decided.note.decidedBy }, 'fallback answered a booking request');
      } else if (decided.result === 'failed') {
        options.log.warn({ gymId: request.gym_id, bookingNumber: request.booking_number, err: decided.error }, 'fallback could not answer a booking request');
      }
    } catch (error) {
      options.log.error({ gymId: request.gym_id, bookingNumber: request.booking_number, err: error instanceof Error ? error.message : String(error) }, 'fallback could not answer a booking request');
    }
  };

  const round = async () => {
    const now = new Date();
    const due = await db
      .selectFrom('booking_requests')
      .select(['gym_id', 'booking_number', 'slot_id', 'class_id'])
      .where('decided_at', 'is', null)
      .where('fallback_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('fallback_at')
      .limit(100)
      .execute();
    // Slots in parallel, so a slow Wellhub does not push the end of a burst past its deadline; within
    // one slot in order of request, so the places go to the members who asked first.
    const bySlot = new Map<string, typeof due>();
    for (const request of due) {
      const key = `${request.gym_id}:${request.slot_id ?? request.booking_number}`;
      bySlot.set(key, [...(bySlot.get(key) ?? []), request]);
    }
    const queues = [...bySlot.values()];
    let next = 0;
    const worker = async () => {
      while (next < queues.length && !stopped) {
        for (const request of queues[next++] ?? []) {
          if (stopped) return;
          await decideOne(request);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
  };

  const runOnce = () => {
    running ??= round()
      .catch((error: unknown) => options.log.error({ err: error instanceof Error ? error.message : String(error) }, 'fallback round failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), options.pollMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
