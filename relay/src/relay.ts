import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import { openStore } from './database.ts';
import { deskHub } from './desk-socket.ts';
import { eventsChannel } from './event-store.ts';
import { startFallbackDecider } from './fallback-decider.ts';
import { gymSecrets } from './gyms.ts';
import { relayHttpServer } from './http-server.ts';
import { rateLimiter } from './rate-limit.ts';
import type { RelayDatabase } from './schema.ts';
import { loadSecretBox, type SecretBox } from './secret-box.ts';
import { wellhubClient } from './wellhub-client.ts';

/** One running relay instance: database, HTTP server, desk hub and fallback, and how to stop them in order. */
export interface RunningRelay {
  url: string;
  port: number;
  instanceId: string;
  /** For the admin commands and tests: the database and the key that opens the gyms' secrets. */
  db: Kysely<RelayDatabase>;
  box: SecretBox;
  close(): Promise<void>;
}

export async function startRelay(config: RelayConfig, log: Logger): Promise<RunningRelay> {
  const instanceId = `relay-${randomBytes(4).toString('hex')}`;
  const store = await openStore(config.database, log);
  const box = await loadSecretBox(config).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const secrets = gymSecrets(store.db, box);
  const decisions = {
    db: store.db,
    wellhub: wellhubClient(config.wellhubBaseUrl, config.wellhubTimeoutMs),
    claimLeaseMs: config.claimLeaseMs,
    wellhubToken: async (gymId: string) => (await secrets(gymId))?.wellhubToken,
  };
  const desks = deskHub({ ...decisions, log, fallbackDelayMs: config.fallbackDelayMs, wellhubDeadlineMs: config.wellhubDeadlineMs });
  await store.listen(eventsChannel, (gymId) => desks.wake(gymId));
  store.onReconnect(() => desks.wakeAll());
  const fallback = startFallbackDecider(decisions, { pollMs: config.fallbackPollMs, instanceId, log });

  let shuttingDown = false;
  const server = relayHttpServer({
    webhooks: {
      db: store.db,
      secrets,
      limiter: rateLimiter(config.rateLimit.perSecond, config.rateLimit.burst),
      bodyLimitBytes: config.bodyLimitBytes,
      trustProxy: config.trustProxy,
      timing: { fallbackDelayMs: config.fallbackDelayMs, wellhubDeadlineMs: config.wellhubDeadlineMs },
      log,
    },
    desks,
    ready: async () => {
      if (shuttingDown) return false;
      await store.ping();
      return true;
    },
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url, instanceId, database: store.kind }, 'relay listening');

  return {
    url,
    port,
    instanceId,
    db: store.db,
    box,
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      // New connections stop; webhooks in flight finish (up to the grace period); then the rest.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await desks.close();
      await fallback.stop();
      const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await store.close();
      log.info({ instanceId }, 'relay stopped');
    },
  };
}
