import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { DeskDatabase } from '../../src-renderer/src/data/db';

export interface Write {
  table: string;
  type: DBCoreMutateRequest['type'];
  keys: unknown[];
}

function keysOf(request: DBCoreMutateRequest): unknown[] {
  if (request.type === 'deleteRange') return ['(range)'];
  if (request.keys) return request.keys;
  if (request.type === 'delete') return [];
  return request.values.map((value: { id?: string; key?: string }) => value.id ?? value.key);
}

/**
 * Records every write that reaches IndexedDB, below Dexie's own API, as the integration
 * quiet-pass test does: what the desk costs is counted, not inferred from the calls made.
 * Must be attached before the database opens.
 */
export function countWrites(db: DeskDatabase): Write[] {
  const writes: Write[] = [];
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'counting-writes',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) => {
            writes.push({ table: name, type: request.type, keys: keysOf(request) });
            return table.mutate(request);
          },
        };
      },
    }),
  };
  db.use(middleware);
  return writes;
}

/** The row keys written, per table, in the order they reached IndexedDB. */
export function rowsWritten(writes: readonly Write[]): Record<string, unknown[]> {
  const byTable: Record<string, unknown[]> = {};
  for (const write of writes) byTable[write.table] = [...(byTable[write.table] ?? []), ...write.keys];
  return byTable;
}

/** How many rows were put into the cache tables (meta aside), all writes together. */
export const rowsPut = (writes: readonly Write[]) =>
  writes.filter((w) => w.table !== 'meta' && w.type === 'put').reduce((sum, w) => sum + w.keys.length, 0);
