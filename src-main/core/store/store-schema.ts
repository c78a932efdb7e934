import type { DatabaseSync } from 'node:sqlite';

/**
 * The store's schema, one migration per version. `PRAGMA user_version` says
 * which have run; each runs in its own transaction, so a crash mid-migration
 * leaves the previous version intact. A shipped migration is never edited:
 * a change is a new entry at the end.
 */
const migrations: string[] = [
  // 1: every record the desk caches, one row per (table, id), JSON body beside the columns queries need.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

  CREATE TABLE records (
    tbl TEXT NOT NULL,
    id TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    -- The change that last touched the row; a removal leaves a tombstone (body NULL) with its own.
    seq INTEGER NOT NULL,
    -- The change that first wrote the row: the order desk actions were taken in.
    first_seq INTEGER NOT NULL,
    -- When that change happened (ISO instant): retention of tombstones and finished desk actions.
    changed_at TEXT NOT NULL,
    body TEXT,
    starts_at TEXT,
    location_id TEXT,
    session_id TEXT,
    member_id TEXT,
    barcode TEXT,
    member_number TEXT,
    state TEXT,
    PRIMARY KEY (tbl, id)
  ) WITHOUT ROWID;
  -- Each index leads with the column a query pins, so the planner never prefers a scan of a table's
  -- share of the primary key (tbl, id); store-queries.test.ts checks the plans.
  CREATE INDEX records_by_seq ON records (seq);
  CREATE INDEX records_by_connection ON records (connection_id, tbl);
  CREATE INDEX sessions_by_start ON records (starts_at) WHERE starts_at IS NOT NULL;
  CREATE INDEX sessions_by_location ON records (location_id, starts_at) WHERE location_id IS NOT NULL;
  CREATE INDEX records_by_session ON records (session_id) WHERE session_id IS NOT NULL;
  CREATE INDEX records_by_member ON records (member_id) WHERE member_id IS NOT NULL;
  CREATE INDEX members_by_barcode ON records (barcode) WHERE barcode IS NOT NULL;
  CREATE INDEX members_by_number ON records (member_number) WHERE member_number IS NOT NULL;
  CREATE INDEX actions_by_state ON records (state, first_seq) WHERE state IS NOT NULL;
  CREATE INDEX tombstones_by_age ON records (changed_at) WHERE body IS NULL;

  -- Connections the store holds provider data for, and the change that brought their first data.
  CREATE TABLE coverage (connection_id TEXT PRIMARY KEY, first_seq INTEGER NOT NULL) WITHOUT ROWID;

  -- Each connection's health as the desk last saw it (last good sync, last error), kept across restarts.
  CREATE TABLE health (connection_id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
  `,
  // 2: a fetch reads the window's classes of one connection; by connection alone that read walked all
  // of a chain location's 34,000 rows (~30 ms for the desk's today, found by profiling the quiet pass).
  `
  CREATE INDEX sessions_by_connection_start ON records (connection_id, starts_at) WHERE starts_at IS NOT NULL;
  `,
  // 3: which stretch each fetch covered and when, so a restarted core knows what is fresh.
  `
  CREATE TABLE fetched_windows (
    connection_id TEXT NOT NULL,
    window_from TEXT NOT NULL,
    window_to TEXT NOT NULL,
    full_window INTEGER NOT NULL,
    -- 0 where the adapter left rosters for later (rate budget): that window is due again soon.
    complete INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (connection_id, window_from, window_to, full_window)
  ) WITHOUT ROWID;
  `,
  // 4: messages cross as codes. A desk action's error or outcome and a connection's last error that an
  // older release stored as a sentence become the code for "the system said", with the sentence as its detail.
  `
  UPDATE records SET body = json_set(body, '$.error', json_object('code', 'provider_said', 'params', json_object('detail', substr(json_extract(body, '$.error'), 1, 2000))))
    WHERE tbl = 'deskActions' AND body IS NOT NULL AND json_type(body, '$.error') = 'text';
  UPDATE records SET body = json_set(body, '$.outcome', json_object('code', 'provider_said', 'params', json_object('detail', substr(json_extract(body, '$.outcome'), 1, 2000))))
    WHERE tbl = 'deskActions' AND body IS NOT NULL AND json_type(body, '$.outcome') = 'text';
  UPDATE health SET body = json_set(body, '$.lastError', json_object('code', 'provider_said', 'params', json_object('detail', substr(json_extract(body, '$.lastError'), 1, 2000))))
    WHERE json_type(body, '$.lastError') = 'text';
  `,
  // 5: the Wellhub relay's cursor per connection: the last event (seq) whose effect the store kept, written
  // in the same transaction as that effect, so a restarted desk asks the relay for exactly what follows.
  // The relay's address is kept beside it: a cursor of another relay means nothing to this one.
  `
  CREATE TABLE IF NOT EXISTS relay_cursors (
    connection_id TEXT PRIMARY KEY,
    relay_url TEXT NOT NULL,
    seq INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 6: one roster across channels. Which class of the gym's main system (its class type) is sold as which
  // Wellhub class, per Wellhub connection, set in Connections. The main class's connection is kept beside it,
  // so removing either connection removes its links.
  `
  CREATE TABLE IF NOT EXISTS wellhub_class_links (
    wellhub_connection_id TEXT NOT NULL,
    class_type_id TEXT NOT NULL,
    main_connection_id TEXT NOT NULL,
    wellhub_class_id INTEGER NOT NULL,
    PRIMARY KEY (wellhub_connection_id, class_type_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS wellhub_class_links_by_main ON wellhub_class_links (main_connection_id);
  `,
];

export const storeVersion = migrations.length;

export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const current = row?.user_version ?? 0;
  if (current > storeVersion) {
    throw new Error(`The store was written by a newer Classdesk (schema ${current}, this one knows ${storeVersion}).`);
  }
  for (let version = current + 1; version <= storeVersion; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version - 1] ?? '');
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
