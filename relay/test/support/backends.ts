import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { RelayConfig } from '../../src/config.ts';

/** Every relay test that touches storage runs on both: embedded PGlite and a Postgres server. */
export const backends = ['pglite', 'postgres'] as const;
export type Backend = (typeof backends)[number];

export interface FreshDatabase {
  database: RelayConfig['database'];
  drop(): Promise<void>;
}

/** An empty, migrated database of its own: a copied PGlite folder, or a new database on the test cluster. */
export async function freshDatabase(backend: Backend): Promise<FreshDatabase> {
  if (backend === 'pglite') {
    const parent = mkdtempSync(join(tmpdir(), 'relay-pglite-'));
    const dir = join(parent, 'data');
    cpSync(inject('relayPgliteTemplate'), dir, { recursive: true });
    return { database: { kind: 'pglite', dataDir: dir }, drop: async () => rmSync(parent, { recursive: true, force: true }) };
  }
  const adminUrl = inject('relayPostgresUrl');
  const name = `relay_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return {
    database: { kind: 'postgres', url },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
