import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { relayDecisionEventType, type RelayDecisionNote } from '../../src-shared/relay-wire.ts';
import { appendEvent } from './event-store.ts';
import type { BookingRequestTable, RelayDatabase } from './schema.ts';
import type { BookingAnswer, WellhubClient } from './wellhub-client.ts';

/**
 * Answers a booking request at Wellhub exactly once, whoever asks (a desk, the
 * fallback on any instance). A claim is one conditional UPDATE: the row is taken
 * only while it is undecided and nobody else's claim is running, so two askers
 * never both send a PATCH. The claim has a lease: an instance killed mid-PATCH
 * leaves the request to the next one once the lease runs out. The outcome, the
 * slot's count and a `relay-decision` note for the desks are written in one
 * transaction, under the gym's row lock like every event.
 */

export type BookingRequest = Selectable<BookingRequestTable>;

export type DecisionResult =
  | { result: 'applied'; note: RelayDecisionNote }
  | { result: 'already-decided'; note?: RelayDecisionNote }
  | { result: 'unknown-request' }
  | { result: 'failed'; error: string };

export interface DecisionContext {
  db: Kysely<RelayDatabase>;
  wellhub: WellhubClient;
  claimLeaseMs: number;
  wellhubToken: (gymId: string) => Promise<string | undefined>;
}

/**
 * `choose` runs inside the claim's transaction with the request row taken; it says
 * what to send and may hold a place in the slot (`slot_capacity`), which is given
 * back if Wellhub does not take the answer.
 */
export type Choose = (trx: Transaction<RelayDatabase>, request: BookingRequest) => Promise<BookingAnswer & { heldPlace?: boolean }>;

/** `waitForOthers`: when another claim is running, wait for its outcome (a desk wants to know) or not (the fallback moves on). */
export async function decideBooking(
  context: DecisionContext,
  gymId: string,
  bookingNumber: string,
  by: string,
  choose: Choose,
  waitForOthers = true,
): Promise<DecisionResult> {
  const { db } = context;
  const claimId = `${by}#${randomBytes(4).toString('hex')}`;
  const now = new Date();
  const claimed = await db.transaction().execute(async (trx) => {
    const request = await trx
      .updateTable('booking_requests')
      .set({ claimed_by: claimId, claimed_until: new Date(now.getTime() + context.claimLeaseMs), attempts: sql<number>`attempts + 1` })
      .where('gym_id', '=', gymId)
      .where('booking_number', '=', bookingNumber)
      .where('decided_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .executeTakeFirst();
    if (!request) return undefined;
    // Past Wellhub's deadline Wellhub has rejected it by itself: nothing is sent.
    if (request.deadline_at.getTime() <= now.getTime()) return { request, answer: undefined };
    return { request, answer: await choose(trx, request) };
  });
  if (!claimed) return waitForOthers ? settledOrUnknown(db, gymId, bookingNumber) : { result: 'already-decided' };

  const { request, answer } = claimed;
  if (!answer) return record(db, request, claimId, { outcome: 'rejected', decidedBy: 'wellhub-deadline', error: 'Wellhub’s 15 minutes had passed' });

  const token = await context.wellhubToken(gymId);
  const sent = token
    ? await context.wellhub.answerBooking(gymId, token, bookingNumber, answer)
    : ({ ok: false, retryable: false, message: 'The relay holds no Wellhub token for this gym (add-gym --wellhub-token).' } as const);
  if (sent.ok) {
    return record(db, request, claimId, {
      outcome: answer.status === 'RESERVED' ? 'confirmed' : 'rejected',
      decidedBy: by,
      ...(answer.reasonCategory ? { reasonCategory: answer.reasonCategory } : {}),
    });
  }
  if (answer.heldPlace) await giveBackPlace(db, request);
  if (sent.retryable) {
    // Let it go: the next attempt (the fallback's next round, or the desk again) may succeed.
    await db
      .updateTable('booking_requests')
      .set({ claimed_by: null, claimed_until: null, error: sent.message })
      .where('gym_id', '=', gymId)
      .where('booking_number', '=', bookingNumber)
      .where('claimed_by', '=', claimId)
      .execute();
    return { result: 'failed', error: sent.message };
  }
  const recorded = await record(db, request, claimId, { outcome: 'failed', decidedBy: by, error: sent.message });
  return recorded.result === 'applied' ? { result: 'failed', error: sent.message } : recorded;
}

async function record(
  db: Kysely<RelayDatabase>,
  request: BookingRequest,
  claimId: string,
  decision: { outcome: RelayDecisionNote['outcome']; decidedBy: string; reasonCategory?: string; error?: string },
): Promise<DecisionResult> {
  const decidedAt = new Date();
  const note: RelayDecisionNote = {
    bookingNumber: request.booking_number,
    outcome: decision.outcome,
    decidedBy: decision.decidedBy,
    decidedAt: decidedAt.toISOString(),
    ...(decision.reasonCategory ? { reasonCategory: decision.reasonCategory as RelayDecisionNote['reasonCategory'] } : {}),
    ...(decision.error ? { error: decision.error } : {}),
  };
  const recorded = await db.transaction().execute(async (trx) => {
    // The gym lock first (appendEvent takes it), then the request: the order every writer keeps.
    await trx.selectFrom('gyms').select('id').where('id', '=', request.gym_id).forUpdate().execute();
    const updated = await trx
      .updateTable('booking_requests')
      .set({
        decided_at: decidedAt,
        outcome: decision.outcome,
        decided_by: decision.decidedBy,
        reason_category: decision.reasonCategory ?? null,
        error: decision.error ?? null,
        claimed_until: null,
      })
      .where('gym_id', '=', request.gym_id)
      .where('booking_number', '=', request.booking_number)
      .where('claimed_by', '=', claimId)
      .where('decided_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await appendEvent(trx, {
      gymId: request.gym_id,
      key: `relay-decision:${request.booking_number}`,
      type: relayDecisionEventType,
      body: JSON.stringify(note),
      signature: '',
      receivedAt: decidedAt,
    });
    return true;
  });
  // Not recorded: the member cancelled meanwhile (or the lease ran out and another took over).
  return recorded ? { result: 'applied', note } : settledOrUnknown(db, request.gym_id, request.booking_number);
}

async function giveBackPlace(db: Kysely<RelayDatabase>, request: BookingRequest): Promise<void> {
  if (request.slot_id === null) return;
  await db
    .updateTable('slot_capacity')
    .set({ total_booked: sql<number>`greatest(total_booked - 1, 0)` })
    .where('gym_id', '=', request.gym_id)
    .where('slot_id', '=', request.slot_id)
    .execute();
}

/** Someone else's answer: waits a little for a claim in flight to finish, then says what happened. */
async function settledOrUnknown(db: Kysely<RelayDatabase>, gymId: string, bookingNumber: string): Promise<DecisionResult> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const row = await db.selectFrom('booking_requests').selectAll().where('gym_id', '=', gymId).where('booking_number', '=', bookingNumber).executeTakeFirst();
    if (!row) return { result: 'unknown-request' };
    if (row.decided_at) return { result: 'already-decided', note: noteOf(row) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { result: 'already-decided' };
}

export function noteOf(row: BookingRequest): RelayDecisionNote {
  return {
    bookingNumber: row.booking_number,
    outcome: row.outcome ?? 'failed',
    decidedBy: row.decided_by ?? '',
    decidedAt: (row.decided_at ?? new Date()).toISOString(),
    ...(row.reason_category ? { reasonCategory: row.reason_category as RelayDecisionNote['reasonCategory'] } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}
