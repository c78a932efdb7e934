/** Columns beside the body that the store indexes, each leading its own index (see store-schema.ts). */
export type IndexedColumn = 'connection_id' | 'session_id' | 'member_id' | 'barcode' | 'member_number' | 'state';
export const indexedColumns: readonly IndexedColumn[] = ['connection_id', 'session_id', 'member_id', 'barcode', 'member_number', 'state'];

/**
 * The store's lookups that must go through an index, in one place so a test can ask SQLite for each
 * plan: without statistics the planner may prefer scanning a table's whole share of the primary key
 * (tbl, id), which at a chain's size turns a roster read into a scan of 100,000 bookings.
 * Each names the pinned column first, matching the index that leads with it, and writes `+tbl`: the
 * unary plus is SQLite's way to keep a term from choosing an index (here: the primary key).
 */
export const storeQueries = {
  where: (column: IndexedColumn) =>
    `SELECT body FROM records WHERE ${column} = ? AND +tbl = ? AND body IS NOT NULL ORDER BY first_seq`,
  count: (column: IndexedColumn) => `SELECT count(*) AS n FROM records WHERE ${column} = ? AND +tbl = ?`,
  sessionsAt:
    "SELECT body FROM records WHERE location_id = ? AND starts_at >= ? AND starts_at < ? AND +tbl = 'sessions' AND body IS NOT NULL",
  sessionIdsBetween:
    "SELECT id FROM records WHERE connection_id = ? AND starts_at >= ? AND starts_at < ? AND +tbl = 'sessions' AND body IS NOT NULL",
  idsOf: 'SELECT id FROM records WHERE connection_id = ? AND +tbl = ? AND body IS NOT NULL',
  oldSessions: "SELECT id FROM records WHERE starts_at < ? AND +tbl = 'sessions' AND body IS NOT NULL",
  /** Wellhub visits are few (a day's check-ins): read through the primary key's share of the table. */
  oldVisits: "SELECT id FROM records WHERE tbl = 'visits' AND body IS NOT NULL AND json_extract(body, '$.validateBy') < ?",
  finishedActionsBefore:
    "SELECT id FROM records WHERE state IN ('confirmed', 'rejected', 'needs_attention') AND +tbl = 'deskActions' AND changed_at < ?",
  waitingActions:
    "SELECT body FROM records WHERE state = 'accepted' AND +tbl = 'deskActions' ORDER BY first_seq, json_extract(body, '$.createdAt')",
  /** The bodies a fetch of one connection's window compares against, read at once. */
  windowSessions:
    "SELECT id, body FROM records WHERE connection_id = ? AND starts_at >= ? AND starts_at < ? AND +tbl = 'sessions' AND body IS NOT NULL",
  windowBookings: `SELECT b.id, b.session_id, b.body FROM records s JOIN records b ON b.session_id = s.id
    WHERE s.connection_id = ? AND s.starts_at >= ? AND s.starts_at < ? AND +s.tbl = 'sessions' AND s.body IS NOT NULL
      AND +b.tbl = 'bookings' AND b.body IS NOT NULL`,
  bookingsOfSession: "SELECT id, session_id, body FROM records WHERE session_id = ? AND +tbl = 'bookings' AND body IS NOT NULL",
  bodiesOf: 'SELECT id, body FROM records WHERE connection_id = ? AND +tbl = ? AND body IS NOT NULL',
  changedSince: 'SELECT tbl, id, body FROM records WHERE seq > ? ORDER BY seq',
  oldTombstones: 'SELECT max(seq) AS seq, count(*) AS n FROM records WHERE body IS NULL AND changed_at < ?',
  forgetOldTombstones: 'DELETE FROM records WHERE body IS NULL AND changed_at < ?',
} as const;
