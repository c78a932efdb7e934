import type { DeskDatabase, MetaKey, MetaRow } from './db';

export type MetaValue<K extends MetaKey> = Extract<MetaRow, { key: K }>['value'];

export async function readMeta<K extends MetaKey>(db: DeskDatabase, key: K): Promise<MetaValue<K> | undefined> {
  const row = await db.meta.get(key);
  // The key is the primary key, so the row found is the variant for that key.
  return row?.value as MetaValue<K> | undefined;
}

export async function writeMeta<K extends MetaKey>(db: DeskDatabase, key: K, value: MetaValue<K>): Promise<void> {
  // Built from the pair so a key can never be stored with another key's value type.
  const row = { key, value } as Extract<MetaRow, { key: K }>;
  await db.meta.put(row);
}

/** Which store's rows the cache holds, up to which change; a new profile holds nothing of any store. */
export interface CachePosition {
  store?: string;
  seq: number;
}

export async function readPosition(db: DeskDatabase): Promise<CachePosition> {
  const [store, seq] = await Promise.all([readMeta(db, 'store'), readMeta(db, 'lastSeq')]);
  // Numbers without a store (a cache from before stores had ids) say nothing: start over.
  return store === undefined ? { seq: 0 } : { store, seq: seq ?? 0 };
}
