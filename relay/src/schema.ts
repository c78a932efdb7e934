import type { ColumnType, Generated } from 'kysely';

/**
 * The relay's tables as Kysely sees them (the migrations in migrations.ts make them).
 * Sequence numbers are `integer`: both drivers read them as numbers, and 2³¹ events
 * per gym is far beyond any gym's life.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface GymTable {
  /** Wellhub's gym id, as in the webhook URL and the Booking API paths. */
  id: string;
  name: string;
  /** Encrypted (secret-box.ts): the secret registered with Wellhub for X-Gympass-Signature. */
  webhook_secret: string;
  /** Encrypted: the gym's Wellhub API token, for the relay's own PATCHes. */
  wellhub_token: string | null;
  /** The last event seq handed out for this gym; its row lock orders the gym's events. */
  last_seq: Generated<number>;
  created_at: CreatedAt;
}

export interface DeskTokenTable {
  id: string;
  gym_id: string;
  /** SHA-256 of the token (hex): the token itself is shown once by the CLI and never stored. */
  token_hash: string;
  label: string;
  /** The highest seq the desk acknowledged. */
  acked_seq: Generated<number>;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface EventTable {
  gym_id: string;
  seq: number;
  /** Wellhub's event identity (event-identity.ts): a retried delivery has the same key. */
  event_key: string;
  event_type: string;
  body: string;
  signature: string;
  received_at: Timestamp;
}

export interface BookingRequestTable {
  gym_id: string;
  booking_number: string;
  slot_id: number | null;
  class_id: number | null;
  requested_at: Timestamp;
  fallback_at: Timestamp;
  deadline_at: Timestamp;
  /** The instance (or desk) whose PATCH is on the way, until `claimed_until`. */
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  decided_at: Timestamp | null;
  outcome: 'confirmed' | 'rejected' | 'canceled' | 'failed' | null;
  reason_category: string | null;
  decided_by: string | null;
  error: string | null;
  attempts: Generated<number>;
}

export interface SlotCapacityTable {
  gym_id: string;
  slot_id: number;
  total_capacity: number;
  total_booked: number;
  updated_at: Timestamp;
}

export interface RelayDatabase {
  gyms: GymTable;
  desk_tokens: DeskTokenTable;
  events: EventTable;
  booking_requests: BookingRequestTable;
  slot_capacity: SlotCapacityTable;
}
