import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

export interface Write {
  table: string;
  type: DBCoreMutateRequest['type'];
  keys: unknown[];
}

/** Counts every write that reaches IndexedDB, below Dexie's own API. */
export function countingWrites(into: Write[]): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'counting-writes',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) => {
            const keys =
              request.type === 'deleteRange'
                ? ['(range)']
                : (request.keys ?? (request.type === 'delete' ? [] : request.values.map((v: { id?: string; key?: string }) => v.id ?? v.key)));
            into.push({ table: name, type: request.type, keys });
            return table.mutate(request);
          },
        };
      },
    }),
  };
}

/** Rows put into the cache tables (not meta), all writes together. */
export const rowsPut = (writes: Write[]) => writes.filter((w) => w.table !== 'meta' && w.type === 'put').reduce((sum, w) => sum + w.keys.length, 0);
