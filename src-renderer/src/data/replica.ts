import { recordTables, type ChangeSet, type RecordSet, type RecordTable, type Snapshot } from '../../../src-shared/contract';
import { providerTables, type CacheTables, type CachedRow, type DeskDatabase } from './db';

async function putRows<K extends RecordTable>(tables: CacheTables, name: K, rows: CachedRow<K>[] | undefined): Promise<void> {
  if (rows && rows.length > 0) await tables[name].bulkPut(rows);
}

/** Deletes the rows the keys name; an empty list writes nothing at all. */
async function deleteRows(tables: CacheTables, name: RecordTable, ids: string[] | undefined): Promise<void> {
  if (ids && ids.length > 0) await tables[name].bulkDelete(ids);
}

/** Whether a change set would move anything in the cache. */
export function changesAnything(changes: Pick<ChangeSet, 'upserts' | 'removals' | 'replaced'>): boolean {
  if (changes.replaced.length > 0) return true;
  return recordTables.some(
    (name) => (changes.upserts[name]?.length ?? 0) > 0 || (changes.removals[name]?.length ?? 0) > 0,
  );
}

/**
 * Folds the core's snapshot in, in one transaction, so a reader never sees a half-cleared
 * schedule and a crash leaves the old cache. Rows of connections the core refreshed (`covered`)
 * or dropped (not `active`) are replaced; rows of an active connection the core has no data for
 * yet stay: a snapshot never empties what the core cannot refresh. Desk actions are the core's
 * own list, whole. Meta beside store and seq (clock offset, status) describes the desk, not the data.
 */
export async function applySnapshot(db: DeskDatabase, snapshot: Snapshot): Promise<void> {
  const tables = db.cacheTables();
  const keep = snapshot.active.filter((id) => !snapshot.covered.includes(id));
  await db.transaction('rw', [...Object.values(tables), db.meta], async () => {
    for (const name of providerTables) {
      const table = tables[name];
      const stale = keep.length === 0 ? table.toCollection() : table.where('connectionId').noneOf(keep);
      await deleteRows(tables, name, await stale.primaryKeys());
    }
    await tables.deskActions.clear();
    for (const name of recordTables) await putRows(tables, name, snapshot.records[name]);
    await db.meta.bulkPut([
      { key: 'store', value: snapshot.store },
      { key: 'lastSeq', value: snapshot.seq },
    ]);
  });
}

/** The ids each table received from a snapshot that comes in parts; what it did not name leaves at the end. */
export type Received = Map<RecordTable, Set<string>>;

/**
 * Writes one part of a snapshot that comes in parts. Nothing leaves yet, and the cache's store and seq
 * stay as they were until the last part is in: a part alone is not a state of any store, and a desk
 * that loses the link halfway asks for the snapshot again.
 */
export async function putSnapshotPart(db: DeskDatabase, records: Partial<RecordSet>, received: Received): Promise<void> {
  const tables = db.cacheTables();
  await db.transaction('rw', Object.values(tables), async () => {
    for (const name of recordTables) {
      const rows = records[name];
      if (!rows || rows.length === 0) continue;
      const ids = received.get(name) ?? new Set<string>();
      for (const row of rows) ids.add(row.id);
      received.set(name, ids);
      await putRows(tables, name, rows);
    }
  });
}

/**
 * The last part is in: rows of refreshed (`covered`) or dropped (not `active`) connections that no
 * part named leave, desk actions no part named leave, and the cache holds the snapshot's store and seq.
 */
export async function finishSnapshot(db: DeskDatabase, snapshot: Snapshot, received: Received): Promise<void> {
  const tables = db.cacheTables();
  const keep = snapshot.active.filter((id) => !snapshot.covered.includes(id));
  const unnamed = (name: RecordTable, keys: string[]) => keys.filter((key) => !received.get(name)?.has(key));
  await db.transaction('rw', [...Object.values(tables), db.meta], async () => {
    for (const name of providerTables) {
      const table = tables[name];
      const stale = keep.length === 0 ? table.toCollection() : table.where('connectionId').noneOf(keep);
      await deleteRows(tables, name, unnamed(name, await stale.primaryKeys()));
    }
    await deleteRows(tables, 'deskActions', unnamed('deskActions', await tables.deskActions.toCollection().primaryKeys()));
    await db.meta.bulkPut([
      { key: 'store', value: snapshot.store },
      { key: 'lastSeq', value: snapshot.seq },
    ]);
  });
}

/**
 * Folds one change set in, together with its seq, so the seq never runs ahead of the rows.
 * The caller has checked that it follows what the cache holds (same store, `from` not beyond).
 * A set that changes nothing writes nothing: a quiet pass costs no IndexedDB write.
 */
export async function applyChangeSet(db: DeskDatabase, changes: ChangeSet): Promise<void> {
  if (!changesAnything(changes)) return;
  const tables = db.cacheTables();
  await db.transaction('rw', [...Object.values(tables), db.meta], async () => {
    // A replaced connection's rows all come in this set; whatever the cache held of it before is stale.
    if (changes.replaced.length > 0) {
      for (const name of providerTables) {
        const stale = await tables[name].where('connectionId').anyOf(changes.replaced).primaryKeys();
        await deleteRows(tables, name, stale);
      }
    }
    for (const name of recordTables) await putRows(tables, name, changes.upserts[name]);
    // Removals after upserts: a row both changed and removed in one set is gone.
    for (const name of recordTables) await deleteRows(tables, name, changes.removals[name]);
    await db.meta.put({ key: 'lastSeq', value: changes.seq });
  });
}
