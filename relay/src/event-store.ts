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

/**
 * Stores a verified webhook; `stored: false` when an event with the same identity is already there.
 * One statement, so the gym's row lock is held for one round trip, not a transaction's worth: it
 * numbers the event, stores it, opens or closes the booking request and notifies, or does nothing
 * when the identity is known. Two deliveries of one event racing each other meet at the unique key;
 * the loser finds the winner's seq.
 */
export async function appendWebhookEvent(
  db: Kysely<RelayDatabase>,
  input: { gymId: string; event: StoredEvent; body: string; signature: string; receivedAt: Date; timing: RequestTiming },
): Promise<{ stored: boolean; seq: number }> {
  const { gymId, event, receivedAt, timing } = input;
  // Wellhub's clock starts the 15 minutes; a timestamp "from the future" counts from receipt.
  const requestedMs = Math.min(event.timestampMs ?? receivedAt.getTime(), receivedAt.getTime());
  const booking = event.booking;
  const opens = event.type === 'booking-requested' && booking !== undefined;
  const closes = (event.type === 'booking-canceled' || event.type === 'booking-late-canceled') && booking !== undefined;
  try {
    const result = await sql<{ seq: number }>`
      with next as (
        update gyms set last_seq = last_seq + 1
        where id = ${gymId} and not exists (select 1 from events where gym_id = ${gymId} and event_key = ${event.key})
        returning last_seq
      ), stored as (
        insert into events (gym_id, seq, event_key, event_type, body, signature, received_at)
        select ${gymId}, last_seq, ${event.key}, ${event.type}, ${input.body}, ${input.signature}, ${receivedAt.toISOString()}::timestamptz from next
        returning seq
      ), opened as (
        insert into booking_requests (gym_id, booking_number, slot_id, class_id, requested_at, fallback_at, deadline_at)
        select ${gymId}, ${booking?.number ?? ''}, ${booking?.slotId ?? null}::integer, ${booking?.classId ?? null}::integer,
          ${new Date(requestedMs).toISOString()}::timestamptz, ${new Date(requestedMs + timing.fallbackDelayMs).toISOString()}::timestamptz,
          ${new Date(requestedMs + timing.wellhubDeadlineMs).toISOString()}::timestamptz
        from stored where ${opens}::boolean
        on conflict (gym_id, booking_number) do nothing
      ), closed as (
        -- The member withdrew: nothing left to answer.
        update booking_requests set decided_at = ${receivedAt.toISOString()}::timestamptz, outcome = 'canceled', decided_by = 'member', claimed_by = null, claimed_until = null
        where ${closes}::boolean and gym_id = ${gymId} and booking_number = ${booking?.number ?? ''} and decided_at is null and exists (select 1 from stored)
      )
      select seq, pg_notify(${eventsChannel}, ${gymId}) from stored`.execute(db);
    const seq = result.rows[0]?.seq;
    if (seq !== undefined) return { stored: true, seq };
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === '23505')) throw error;
  }
  const existing = await db.selectFrom('events').select('seq').where('gym_id', '=', gymId).where('event_key', '=', event.key).executeTakeFirst();
  if (!existing) throw new Error(`No gym ${gymId}`);
  return { stored: false, seq: existing.seq };
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
