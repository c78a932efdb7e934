import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../../../src-shared/connections';
import { Snapshot, type DeskEvent } from '../../../src-shared/contract';
import { openCore, type Core } from '../../../src-main/core/core';
import type { FreshDatabase } from '../../../relay/test/support/backends.ts';
import { seedGym, startTestRelay } from '../../../relay/test/support/relay-harness.ts';
import { deliverWebhook } from '../../../relay/test/support/wellhub-sender.ts';
import { startWellhub } from '../../../relay/test/support/wellhub-world.ts';
import type { RunningRelay } from '../../../relay/src/relay.ts';
import type { SignedWebhook, WellhubSimulator } from '../../simulators/wellhub-simulator';
import { value } from '../../support/command-answer';
import { testCredentials } from '../../support/test-credentials';

/**
 * A real relay (in this process, on an embedded PGlite folder of its own), the Wellhub simulator it
 * answers to, and desks: real cores in data folders of their own, linked to the relay. The relay runs
 * on a fixed port so it can be stopped and started again at the same address, as after an outage.
 */
export class RelayWorld {
  relay: RunningRelay | undefined;
  readonly folders: string[] = [];

  private constructor(
    readonly sim: WellhubSimulator,
    readonly simUrl: string,
    private readonly fresh: FreshDatabase,
    readonly deskToken: string,
    readonly port: number,
  ) {}

  static async start(): Promise<RelayWorld> {
    const { sim, url } = await startWellhub();
    const parent = await mkdtemp(join(tmpdir(), 'classdesk-relay-pglite-'));
    // An empty folder: the relay migrates it when it first opens it (seedGym does).
    const fresh: FreshDatabase = { database: { kind: 'pglite', dataDir: join(parent, 'data') }, drop: () => rm(parent, { recursive: true, force: true }) };
    const token = await seedGym(fresh, { id: String(sim.gymId), webhookSecret: sim.webhookSecret, wellhubToken: sim.token });
    const world = new RelayWorld(sim, url, fresh, token, await freePort());
    await world.startRelay();
    return world;
  }

  get relayUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async startRelay(): Promise<void> {
    this.relay = await startTestRelay(this.fresh, { PORT: String(this.port), WELLHUB_BASE_URL: this.simUrl, FALLBACK_POLL_MS: '200' });
  }

  async stopRelay(): Promise<void> {
    await this.relay?.close();
    this.relay = undefined;
  }

  /** Posts a signed webhook to the relay as Wellhub does; the relay must store it. */
  async post(webhook: SignedWebhook): Promise<void> {
    const delivery = await deliverWebhook(`${this.relayUrl}/wellhub/webhooks/${this.sim.gymId}`, webhook.body, webhook.signature);
    if (!delivery.acknowledged) throw new Error(`the relay did not store the webhook (${String(delivery.status)})`);
  }

  async dataDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'classdesk-relay-desk-'));
    this.folders.push(dir);
    return dir;
  }

  async close(): Promise<void> {
    await this.stopRelay();
    await this.sim.stop();
    await this.fresh.drop();
    await Promise.all(this.folders.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

export interface Desk {
  core: Core;
  dir: string;
  events: DeskEvent[];
  logs: string[];
}

/** A core on `dir` (a restart when the folder was used before), no timers: the test drives syncs. */
export async function openDesk(dir: string): Promise<Desk> {
  const logs: string[] = [];
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: [],
    syncIntervalMs: 0,
    firstSyncWaitMs: 100,
    relayBackoff: { firstMs: 50, maxMs: 400, refusedMs: 60_000, heartbeatMs: 5_000, answerWithinMs: 5_000 },
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`),
  });
  const events: DeskEvent[] = [];
  core.subscribe((event) => events.push(event));
  return { core, dir, events, logs };
}

export const connectionId = 'wellhub-berlin';

export function wellhubSettings(world: RelayWorld, id = connectionId, relayUrl = world.relayUrl) {
  return { id, provider: 'wellhub', label: 'Wellhub Berlin', baseUrl: world.simUrl, scopeId: String(world.sim.gymId), timeZone: world.sim.timeZone, relayUrl };
}

export async function snapshot(core: Core): Promise<Snapshot> {
  return Snapshot.parse(value(await core.handle('getSnapshot', {})));
}

export async function connection(core: Core, id = connectionId): Promise<Connection | undefined> {
  return Connection.array().parse(value(await core.handle('listConnections', {}))).find((c) => c.id === id);
}

export const bookingIdOf = (bookingNumber: string, id = connectionId) => `${id}:booking:${bookingNumber}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
