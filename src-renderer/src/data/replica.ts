import { recordTables, type ChangeSet, type RecordTable, type Snapshot } from '../../../src-shared/contract';
import type { CacheTables, CachedRow, DeskDatabase } from './db';

async function putRows<K extends RecordTable>(tables: CacheTables, name: K, rows: CachedRow<K>[]): Promise<void> {
  if (rows.length > 0) await tables[name].bulkPut(rows);
}

/**
 * Replaces the whole cache with the core's picture. One transaction, so a
 * reader never sees a half-cleared schedule and a crash leaves the old cache.
 * Meta (clock offset, last sync) survives: it describes the desk, not the data.
 */
export async function applySnapshot(db: DeskDatabase, snapshot: Snapshot): Promise<void> {
  const tables = db.cacheTables();
  await db.transaction('rw', [...Object.values(tables), db.meta], async () => {
    for (const name of recordTables) await tables[name].clear();
    for (const name of recordTables) await putRows(tables, name, snapshot.records[name]);
    await db.meta.put({ key: 'lastSeq', value: snapshot.seq });
  });
}

/** Folds one change set in, together with its seq, so the seq never runs ahead of the rows. */
export async function applyChangeSet(db: DeskDatabase, changes: ChangeSet): Promise<void> {
  const tables = db.cacheTables();
  await db.transaction('rw', [...Object.values(tables), db.meta], async () => {
    for (const name of recordTables) {
      const rows = changes.upserts[name];
      if (rows) await putRows(tables, name, rows);
    }
    // Removals after upserts: a row both changed and removed in one set is gone.
    for (const name of recordTables) {
      const ids = changes.removals[name];
      if (ids && ids.length > 0) await tables[name].bulkDelete(ids);
    }
    await db.meta.put({ key: 'lastSeq', value: changes.seq });
  });
}
