import pino from 'pino';
import { readConfig } from '../../src/config.ts';
import { openStore } from '../../src/database.ts';
import { createDeskToken, saveGym } from '../../src/gyms.ts';
import { startRelay, type RunningRelay } from '../../src/relay.ts';
import { parseKey, secretBox } from '../../src/secret-box.ts';
import type { FreshDatabase } from './backends.ts';

/** A fixed key for tests only (32 bytes of 0x11), so separate instances and processes open the same secrets. */
export const testSecretKey = '11'.repeat(32);

/** The environment a test relay runs with: a free port, its database, short timings when the test says so. */
export function testEnv(fresh: FreshDatabase, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    RELAY_SECRET_KEY: testSecretKey,
    LOG_LEVEL: 'silent',
    ...(fresh.database.kind === 'postgres' ? { DATABASE_URL: fresh.database.url } : { DATA_DIR: fresh.database.dataDir }),
    ...overrides,
  };
}

export async function startTestRelay(fresh: FreshDatabase, overrides: Record<string, string> = {}): Promise<RunningRelay> {
  const config = readConfig(testEnv(fresh, overrides));
  return startRelay(config, pino({ level: config.logLevel }));
}

export async function addGym(relay: RunningRelay, gym: { id: string; webhookSecret: string; wellhubToken?: string }): Promise<void> {
  await saveGym(relay.db, relay.box, { name: `Gym ${gym.id}`, ...gym });
}

export async function deskToken(relay: RunningRelay, gymId: string, label = 'front desk'): Promise<string> {
  return (await createDeskToken(relay.db, gymId, label)).token;
}

/** Adds the gym and one desk token before any relay runs (a PGlite folder is one process's at a time). */
export async function seedGym(fresh: FreshDatabase, gym: { id: string; webhookSecret: string; wellhubToken?: string }): Promise<string> {
  const store = await openStore(fresh.database, pino({ level: 'silent' }));
  try {
    await saveGym(store.db, secretBox(parseKey(testSecretKey)), { name: `Gym ${gym.id}`, ...gym });
    return (await createDeskToken(store.db, gym.id, 'front desk')).token;
  } finally {
    await store.close();
  }
}
