import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { ConnectionHealth } from '../../../src-shared/connections';
import type { RecordTable } from '../../../src-shared/contract';
import type { Clock } from '../clock';
import { canonicalJson, indexColumnsOf, type StoredRow } from './record-rows';
import { storeQueries, type IndexedColumn } from './store-queries';
import { migrate } from './store-schema';

interface BodyRow {
  body: string | null;
}

/** A row's stored JSON as read in bulk beforehand: null when there is none (or only a tombstone). */
export type StoredBody = string | null;

/**
 * The core's durable memory: what providers said, the desk's own actions and
 * a change log, in one SQLite database (node:sqlite, WAL, synchronous=FULL).
 * Every write runs in a transaction that takes one sequence number when it
 * changes something; each row carries the number of the change that last
 * touched it, so "what changed since N" is one indexed read.
 */
export class DeskStore {
  private readonly statements = new Map<string, StatementSync>();
  private seq: number;
  private horizonSeq: number;
  /** The last change that touched each connection's rows, since this store was opened. */
  private readonly touched = new Map<string, number>();
  /** The store's identity: a renderer holding numbers of another store needs everything anew. */
  readonly id: string;

  constructor(
    private readonly db: DatabaseSync,
    private readonly clock: Clock,
    /** False when the store lives in memory only (its folder cannot be written): nothing survives a restart. */
    readonly durable: boolean,
  ) {
    db.exec('PRAGMA journal_mode = WAL');
    // Every commit reaches the disk before the desk is told it happened: a desk action is never lost.
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = OFF');
    // A chain's store is tens of megabytes; the default 2 MB page cache would re-read it on every big write.
    db.exec('PRAGMA cache_size = -65536');
    migrate(db);
    // A copy in memory is not the file: its numbers must never be taken for the file's by a renderer.
    this.id = (durable ? this.meta('store_id') : undefined) ?? this.initialise('store_id', randomUUID());
    this.seq = Number(this.meta('seq') ?? 0);
    this.horizonSeq = Number(this.meta('horizon') ?? 0);
  }

  /** The last change committed. */
  lastSeq(): number {
    return this.seq;
  }

  /** The last change to this connection's rows since the store was opened (undefined: none seen). */
  lastChangeOf(connectionId: string): number | undefined {
    return this.touched.get(connectionId);
  }

  /** Tombstones up to this change have been forgotten: a renderer behind it needs a snapshot. */
  horizon(): number {
    return this.horizonSeq;
  }

  /**
   * Runs `work` in one transaction. Everything it writes commits together (and is on disk when this
   * returns) or not at all; it takes a new sequence number only if it changed something.
   */
  write<T>(work: (change: StoreChange) => T): T {
    const change = new StoreChange(this, this.seq + 1, this.clock().toISOString());
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work(change);
      if (change.used) this.setMeta('seq', String(change.seq));
      this.db.exec('COMMIT');
      if (change.used) this.seq = change.seq;
      for (const connectionId of change.connections) this.touched.set(connectionId, change.seq);
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  get<K extends RecordTable>(table: K, id: string): StoredRow<K> | undefined {
    const body = this.bodyOf(table, id);
    // Bodies are written only by StoreChange from rows the adapters and the contract already validated.
    return body === null ? undefined : (JSON.parse(body) as StoredRow<K>);
  }

  /** A row's stored JSON, exactly as written (null: none, or only a tombstone): compared without parsing. */
  bodyOf(table: RecordTable, id: string): StoredBody {
    return this.one<BodyRow>('SELECT body FROM records WHERE tbl = ? AND id = ?', table, id)?.body ?? null;
  }

  /** Live rows of a table matching one indexed column, in the order they were first written. */
  where<K extends RecordTable>(table: K, column: IndexedColumn, value: string): StoredRow<K>[] {
    return this.parsedAll<K>(storeQueries.where(column), value, table);
  }

  count(table: RecordTable, column: IndexedColumn, value: string): number {
    return this.one<{ n: number }>(storeQueries.count(column), value, table)?.n ?? 0;
  }

  /** Every live row of a table (small tables: locations, class types, instructors). */
  all<K extends RecordTable>(table: K): StoredRow<K>[] {
    return this.parsedAll<K>('SELECT body FROM records WHERE tbl = ? AND body IS NOT NULL ORDER BY first_seq', table);
  }

  /** Sessions starting in [from, to) at a location. */
  sessionsAt(locationId: string, from: string, to: string): StoredRow<'sessions'>[] {
    return this.parsedAll<'sessions'>(storeQueries.sessionsAt, locationId, from, to);
  }

  /** Ids of one connection's sessions starting in [from, to). */
  sessionIdsBetween(connectionId: string, from: string, to: string): string[] {
    return this.rows<{ id: string }>(storeQueries.sessionIdsBetween, connectionId, from, to).map((row) => row.id);
  }

  /** Ids of live rows of one connection in a table. */
  idsOf(table: RecordTable, connectionId: string): string[] {
    return this.rows<{ id: string }>(storeQueries.idsOf, connectionId, table).map((row) => row.id);
  }

  /** Connections the store holds provider data for, with the change that brought their first. */
  coverage(): Map<string, number> {
    const rows = this.rows<{ connection_id: string; first_seq: number }>('SELECT connection_id, first_seq FROM coverage');
    return new Map(rows.map((row) => [row.connection_id, row.first_seq]));
  }

  health(connectionId: string): ConnectionHealth | undefined {
    const row = this.one<BodyRow>('SELECT body FROM health WHERE connection_id = ?', connectionId);
    return row?.body ? (JSON.parse(row.body) as ConnectionHealth) : undefined;
  }

  saveHealth(connectionId: string, health: ConnectionHealth): void {
    this.write(() => this.run('INSERT OR REPLACE INTO health (connection_id, body) VALUES (?, ?)', connectionId, JSON.stringify(health)));
  }

  close(): void {
    this.db.close();
  }

  /** @internal for StoreChange and the store's readers in this folder. */
  run(sql: string, ...params: SQLInputValue[]): void {
    this.statement(sql).run(...params);
  }

  /** @internal */
  rows<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** @internal */
  one<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  /** @internal retention moves the horizon when it forgets tombstones. */
  raiseHorizon(seq: number): void {
    if (seq <= this.horizonSeq) return;
    this.setMeta('horizon', String(seq));
    this.horizonSeq = seq;
  }

  meta(key: string): string | undefined {
    return this.one<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
  }

  private initialise(key: string, value: string): string {
    this.write(() => this.setMeta(key, value));
    return value;
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private parsedAll<K extends RecordTable>(sql: string, ...params: SQLInputValue[]): StoredRow<K>[] {
    return this.rows<BodyRow>(sql, ...params).flatMap((row) => (row.body ? [JSON.parse(row.body) as StoredRow<K>] : []));
  }
}

/** One transaction's writes. Rows whose content is unchanged are not written and take no number. */
export class StoreChange {
  used = false;
  /** Connections whose rows this change wrote. */
  readonly connections = new Set<string>();

  constructor(
    private readonly store: DeskStore,
    readonly seq: number,
    /** When this change happens (the core's clock). */
    readonly at: string,
  ) {}

  /**
   * Writes the row if its content differs from what is stored; returns whether it did. `changedAt` is
   * when its content last changed (a desk action's own updatedAt), for retention; by default now.
   * `stored` is the row's stored body when the caller read it already (null: none), saving the lookup.
   */
  put<K extends RecordTable>(table: K, row: StoredRow<K>, changedAt = this.at, stored?: StoredBody): boolean {
    const body = canonicalJson(row);
    const before = stored === undefined ? this.store.bodyOf(table, row.id) : stored;
    if (before === body) return false;
    const columns = indexColumnsOf(table, row);
    this.used = true;
    this.connections.add(row.connectionId);
    this.store.run(
      `INSERT INTO records (tbl, id, connection_id, seq, first_seq, changed_at, body,
         starts_at, location_id, session_id, member_id, barcode, member_number, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tbl, id) DO UPDATE SET connection_id = excluded.connection_id, seq = excluded.seq,
         changed_at = excluded.changed_at, body = excluded.body, starts_at = excluded.starts_at,
         location_id = excluded.location_id, session_id = excluded.session_id, member_id = excluded.member_id,
         barcode = excluded.barcode, member_number = excluded.member_number, state = excluded.state`,
      table,
      row.id,
      row.connectionId,
      this.seq,
      this.seq,
      changedAt,
      body,
      columns.starts_at,
      columns.location_id,
      columns.session_id,
      columns.member_id,
      columns.barcode,
      columns.member_number,
      columns.state,
    );
    return true;
  }

  /** Leaves a tombstone so renderers learn of the removal; returns whether there was a live row. */
  remove(table: RecordTable, id: string): boolean {
    const before = this.store.one<BodyRow & { connection_id: string }>('SELECT body, connection_id FROM records WHERE tbl = ? AND id = ?', table, id);
    if (!before?.body) return false;
    this.used = true;
    this.connections.add(before.connection_id);
    this.store.run(
      `UPDATE records SET seq = ?, changed_at = ?, body = NULL, starts_at = NULL, location_id = NULL, session_id = NULL,
         member_id = NULL, barcode = NULL, member_number = NULL, state = NULL WHERE tbl = ? AND id = ?`,
      this.seq,
      this.at,
      table,
      id,
    );
    return true;
  }

  /** Marks the connection as one the store holds data for; its first time is a change renderers hear of. */
  cover(connectionId: string): void {
    const known = this.store.one<{ first_seq: number }>('SELECT first_seq FROM coverage WHERE connection_id = ?', connectionId);
    if (known) return;
    this.used = true;
    this.connections.add(connectionId);
    this.store.run('INSERT INTO coverage (connection_id, first_seq) VALUES (?, ?)', connectionId, this.seq);
  }

  /** The connection left the desk: its rows leave with tombstones, and its coverage with them. */
  forget(connectionId: string, tables: readonly RecordTable[]): void {
    this.connections.add(connectionId);
    for (const table of tables) for (const id of this.store.idsOf(table, connectionId)) this.remove(table, id);
    this.store.run('DELETE FROM coverage WHERE connection_id = ?', connectionId);
    this.store.run('DELETE FROM health WHERE connection_id = ?', connectionId);
    this.store.run('DELETE FROM fetched_windows WHERE connection_id = ?', connectionId);
    this.store.run('DELETE FROM relay_cursors WHERE connection_id = ?', connectionId);
    this.store.run('DELETE FROM wellhub_class_links WHERE wellhub_connection_id = ? OR main_connection_id = ?', connectionId, connectionId);
  }
}
