import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrateToLatest } from './migrations.ts';
import { pglitePool } from './pglite-pool.ts';
import type { RelayDatabase } from './schema.ts';

/**
 * One query layer (Kysely, Postgres dialect) over either a Postgres server
 * (DATABASE_URL, `pg` pool) or embedded PGlite (a folder). LISTEN/NOTIFY works on
 * both: across instances on a server, within the process on PGlite.
 */
export interface RelayStore {
  kind: 'postgres' | 'pglite';
  db: Kysely<RelayDatabase>;
  /** Calls `onPayload` for every notification on `channel`, from any instance. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<void>;
  /** Called after the listening connection was lost and made again: notifications may have been missed. */
  onReconnect(callback: () => void): void;
  /** Rejects while the database cannot answer (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(database: RelayConfig['database'], log: Logger): Promise<RelayStore> {
  const store = database.kind === 'postgres' ? await openPostgres(database.url, log) : await openPglite(database.dataDir);
  await migrateToLatest(store.db as Kysely<unknown>);
  return store;
}

async function openPglite(dataDir: string): Promise<RelayStore> {
  // PGlite takes no lock on its folder; two processes writing one folder ruin it.
  const unlock = await lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    await unlock();
    throw error;
  }
  const db = new Kysely<RelayDatabase>({ dialect: new PostgresDialect({ pool: pglitePool(pglite) }) });
  return {
    kind: 'pglite',
    db,
    async listen(channel, onPayload) {
      await pglite.listen(channel, onPayload);
    },
    onReconnect() {
      // One process, one session: nothing to lose.
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
      await pglite.close();
      await unlock();
    },
  };
}

async function openPostgres(url: string, log: Logger): Promise<RelayStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  pool.on('error', (error) => log.warn({ err: error.message }, 'idle database connection failed'));
  const db = new Kysely<RelayDatabase>({ dialect: new PostgresDialect({ pool }) });
  const channels = new Map<string, (payload: string) => void>();
  const reconnectCallbacks: (() => void)[] = [];
  let listener: pg.Client | undefined;
  let closed = false;

  // One dedicated session holds the LISTENs; when it drops it is made again and everyone is told.
  const connectListener = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => channels.get(message.channel)?.(message.payload ?? ''));
    client.on('error', (error) => {
      log.warn({ err: error.message }, 'database listener lost; connecting again');
      listener = undefined;
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void reconnect(), 500).unref();
    });
    await client.connect();
    for (const channel of channels.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    listener = client;
  };
  const reconnect = async (): Promise<void> => {
    try {
      await connectListener();
      for (const callback of reconnectCallbacks) callback();
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'database listener could not connect; trying again');
      if (!closed) setTimeout(() => void reconnect(), 1_000).unref();
    }
  };
  await connectListener();

  return {
    kind: 'postgres',
    db,
    async listen(channel, onPayload) {
      channels.set(channel, onPayload);
      await listener?.query(`listen ${pg.escapeIdentifier(channel)}`);
    },
    onReconnect(callback) {
      reconnectCallbacks.push(callback);
    },
    async ping() {
      if (!listener) throw new Error('database listener not connected');
      await sql`select 1`.execute(db);
    },
    async close() {
      closed = true;
      await listener?.end().catch(() => undefined);
      await db.destroy();
    },
  };
}
