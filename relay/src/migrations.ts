import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

/**
 * Schema changes, applied in order at start by Kysely's Migrator. It takes a lock
 * (a table lock on Postgres) so instances starting together migrate once. New
 * changes get a new key; an applied migration is never edited.
 */

const migrations: Record<string, Migration> = {
  '0001-relay': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('gyms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('webhook_secret', 'text', (c) => c.notNull())
        .addColumn('wellhub_token', 'text')
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('desk_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('gym_id', 'text', (c) => c.notNull().references('gyms.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('acked_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('events')
        .addColumn('gym_id', 'text', (c) => c.notNull().references('gyms.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('event_key', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['gym_id', 'seq'])
        .addUniqueConstraint('events_identity', ['gym_id', 'event_key'])
        .execute();
      await db.schema
        .createTable('booking_requests')
        .addColumn('gym_id', 'text', (c) => c.notNull().references('gyms.id').onDelete('cascade'))
        .addColumn('booking_number', 'text', (c) => c.notNull())
        .addColumn('slot_id', 'integer')
        .addColumn('class_id', 'integer')
        .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
        .addColumn('fallback_at', 'timestamptz', (c) => c.notNull())
        .addColumn('deadline_at', 'timestamptz', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'timestamptz')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('outcome', 'text')
        .addColumn('reason_category', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('error', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('booking_requests_pk', ['gym_id', 'booking_number'])
        .execute();
      // The fallback's scan: open requests by due time.
      await sql`create index booking_requests_open on booking_requests (fallback_at) where decided_at is null`.execute(db);
      await db.schema
        .createTable('slot_capacity')
        .addColumn('gym_id', 'text', (c) => c.notNull().references('gyms.id').onDelete('cascade'))
        .addColumn('slot_id', 'integer', (c) => c.notNull())
        .addColumn('total_capacity', 'integer', (c) => c.notNull())
        .addColumn('total_booked', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('slot_capacity_pk', ['gym_id', 'slot_id'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // The usual start: already at the latest. Checked with one query, because the Migrator's own
  // checks cost half a second on PGlite, and a relay restarted after a crash should answer at once.
  const latest = Object.keys(migrations).sort().at(-1);
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db).catch(() => undefined);
  if (applied?.rows[0]?.name === latest) return;
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
