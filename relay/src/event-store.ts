import { sql, type Kysely, type Transaction } from 'kysely';
import type { RelayDatabase } from './schema.ts';
import type { WebhookEvent } from './webhook-event.ts';

/**
 * The gym's event log: every webhook once, numbered 1, 2, 3… per gym in the
 * order they were stored. The gym row is locked while a number is handed out and
 * the event is written, so numbers are committed in order and a desk reading
 * "after n" never skips one that commits late. A notification on `relay_events`
 * (payload: the gym id) tells every instance, after commit, that there is more.
 */

export const eventsChannel = 'relay_events';

type StoredEvent = Extract<WebhookEvent, { kind: 'event' }>;

export interface RequestTiming {
  fallbackDelayMs: number;
  wellhubDeadlineMs: number;
}

/** Stores a verified webhook; `stored: false` when an event with the same identity is already there. */
export async function appendWebhookEvent(
  db: Kysely<RelayDatabase>,
  input: { gymId: string; event: StoredEvent; body: string; signature: string; receivedAt: Date; timing: RequestTiming },
): Promise<{ stored: boolean; seq: number }> {
  const { gymId, event, receivedAt, timing } = input;
  return db.transaction().execute(async (trx) => {
    const appended = await appendEvent(trx, { gymId, key: event.key, type: event.type, body: input.body, signature: input.signature, receivedAt });
    if (!appended.stored || !event.booking) return appended;
    if (event.type === 'booking-requested') {
      // Wellhub's clock starts the 15 minutes; a timestamp "from the future" counts from receipt.
      const requestedMs = Math.min(event.timestampMs ?? receivedAt.getTime(), receivedAt.getTime());
      await trx
        .insertInto('booking_requests')
        .values({
          gym_id: gymId,
          booking_number: event.booking.number,
          slot_id: event.booking.slotId,
          class_id: event.booking.classId ?? null,
          requested_at: new Date(requestedMs),
          fallback_at: new Date(requestedMs + timing.fallbackDelayMs),
          deadline_at: new Date(requestedMs + timing.wellhubDeadlineMs),
        })
        .onConflict((oc) => oc.columns(['gym_id', 'booking_number']).doNothing())
        .execute();
    } else if (event.type === 'booking-canceled' || event.type === 'booking-late-canceled') {
      // The member withdrew: nothing left to answer.
      await trx
        .updateTable('booking_requests')
        .set({ decided_at: receivedAt, outcome: 'canceled', decided_by: 'member', claimed_by: null, claimed_until: null })
        .where('gym_id', '=', gymId)
        .where('booking_number', '=', event.booking.number)
        .where('decided_at', 'is', null)
        .execute();
    }
    return appended;
  });
}

/**
 * Appends one event inside the caller's transaction (webhooks and the relay's own
 * notes); skips it when its key is already stored. Takes the gym row lock first:
 * callers that also touch booking_requests do so after this, always in that order.
 */
export async function appendEvent(
  trx: Transaction<RelayDatabase>,
  input: { gymId: string; key: string; type: string; body: string; signature: string; receivedAt: Date },
): Promise<{ stored: boolean; seq: number }> {
  const gym = await trx.selectFrom('gyms').select('last_seq').where('id', '=', input.gymId).forUpdate().executeTakeFirst();
  if (!gym) throw new Error(`No gym ${input.gymId}`);
  const existing = await trx
    .selectFrom('events')
    .select('seq')
    .where('gym_id', '=', input.gymId)
    .where('event_key', '=', input.key)
    .executeTakeFirst();
  if (existing) return { stored: false, seq: existing.seq };
  const seq = gym.last_seq + 1;
  await trx.updateTable('gyms').set({ last_seq: seq }).where('id', '=', input.gymId).execute();
  await trx
    .insertInto('events')
    .values({ gym_id: input.gymId, seq, event_key: input.key, event_type: input.type, body: input.body, signature: input.signature, received_at: input.receivedAt })
    .execute();
  await sql`select pg_notify(${eventsChannel}, ${input.gymId})`.execute(trx);
  return { stored: true, seq };
}

export async function eventsAfter(db: Kysely<RelayDatabase>, gymId: string, after: number, limit: number) {
  return db
    .selectFrom('events')
    .select(['seq', 'event_type', 'body', 'signature', 'received_at'])
    .where('gym_id', '=', gymId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Moves the desk's cursor forward, never back and never past the gym's last event. */
export async function acknowledge(db: Kysely<RelayDatabase>, deskId: string, seq: number): Promise<void> {
  await db
    .updateTable('desk_tokens')
    .set({ acked_seq: sql<number>`greatest(acked_seq, least(${seq}, (select last_seq from gyms where gyms.id = desk_tokens.gym_id)))` })
    .where('id', '=', deskId)
    .execute();
}
