import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * PGlite is one Postgres session. Kysely's Postgres dialect expects a pool of
 * sessions, so this pool lends the one session to one borrower at a time:
 * a transaction then never sees another borrower's statements in the middle.
 * Waiting borrowers queue in order.
 */
export function pglitePool(pglite: PGlite): PostgresPool {
  let busy = false;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };

  const client: PostgresPoolClient = {
    async query<R>(sqlText: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
      const result = await pglite.query<R>(sqlText, [...parameters]);
      return { command: commandOf(sqlText), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
    },
    release,
  } as PostgresPoolClient;

  return {
    options: {},
    async connect() {
      if (busy) await new Promise<void>((resolve) => waiting.push(resolve));
      busy = true;
      return client;
    },
    async end() {
      // The PGlite instance is closed by its owner (database.ts), after Kysely lets go.
    },
  };
}

/** Kysely reads the affected row count only for these commands. */
function commandOf(sqlText: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sqlText)?.[1]?.toUpperCase();
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' ? word : 'SELECT';
}
