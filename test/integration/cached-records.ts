import { recordTables, type RecordSet, type RecordTable } from '../../src-shared/contract';
import type { DeskDatabase } from '../../src-renderer/src/data/db';

/** A row as the provider said it: the members' search keys are the renderer's own index (member-search-keys.ts). */
function providerData(row: object): object {
  const { searchKeys: _keys, ...rest } = row as { searchKeys?: unknown };
  return rest;
}

/** What the renderer holds, table by table, as the contract names them, to hold against the core's records. */
export async function cachedRecords(db: DeskDatabase): Promise<RecordSet> {
  const tables = db.cacheTables();
  const entries = await Promise.all(
    recordTables.map(async (name: RecordTable) => [name, (await tables[name].toArray()).map(providerData)] as const),
  );
  return Object.fromEntries(entries) as unknown as RecordSet;
}
