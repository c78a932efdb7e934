import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/database.ts';
import { startPostgresCluster } from './postgres-cluster.ts';

/**
 * Once per run: a Postgres cluster for every test file, and one migrated PGlite
 * folder that each test copies (making a PGlite folder takes seconds, copying it
 * milliseconds).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    relayPostgresUrl: string;
    relayPgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const [cluster, template] = await Promise.all([startPostgresCluster(), pgliteTemplate()]);
  project.provide('relayPostgresUrl', cluster.url);
  project.provide('relayPgliteTemplate', template);
  return () => {
    cluster.stop();
    rmSync(dirname(template), { recursive: true, force: true });
  };
}

async function pgliteTemplate(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'relay-pglite-template-')), 'data');
  const store = await openStore({ kind: 'pglite', dataDir: dir }, pino({ level: 'silent' }));
  await store.close();
  return dir;
}
