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
