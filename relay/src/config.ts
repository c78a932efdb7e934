import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Everything the relay is told, from the environment (12-factor, for Docker and
 * hosting) with `--port` / `--data-dir` on top for `npm run relay`. Checked once
 * at start: a wrong value stops the relay with one line naming it.
 */

const ms = (fallback: number) => z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').positive('must be above 0').default(fallback);
const flag = z.enum(['true', 'false', '1', '0', '']).default('false').transform((value) => value === 'true' || value === '1');

export const RelayEnv = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (0–65535)' }).int('must be a port number (0–65535)').min(0, 'must be a port number (0–65535)').max(65_535, 'must be a port number (0–65535)').default(8787),
  /** 127.0.0.1 for a relay on the gym's own machine; the Docker image sets 0.0.0.0. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Set → a Postgres server; unset → embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  DATA_DIR: z.string().min(1).default(join(homedir(), '.classdesk-relay')),
  /** 32 bytes, base64 or hex: encrypts each gym's Wellhub token and webhook secret in the database. */
  RELAY_SECRET_KEY: z.string().optional(),
  WELLHUB_BASE_URL: z.url().default('https://api.partners.gympass.com'),
  /** When the relay answers a request nobody answered: after the request (Wellhub's own limit is 15 minutes). */
  FALLBACK_DELAY_MS: ms(10 * 60_000),
  WELLHUB_DEADLINE_MS: ms(15 * 60_000),
  /** How often each instance looks for requests due (a notification wakes it earlier). */
  FALLBACK_POLL_MS: ms(1_000),
  /** How long an instance may hold a request while its PATCH is on the way before another may try. */
  CLAIM_LEASE_MS: ms(30_000),
  WELLHUB_TIMEOUT_MS: ms(5_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_000_000).default(64 * 1_024),
  /** Webhook requests per second per client address (token bucket), and the burst. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
  RATE_LIMIT_BURST: z.coerce.number().int().positive().default(200),
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  TRUST_PROXY: flag,
  SHUTDOWN_GRACE_MS: ms(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RelayConfig = {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  secretKey?: string;
  wellhubBaseUrl: string;
  fallbackDelayMs: number;
  wellhubDeadlineMs: number;
  fallbackPollMs: number;
  claimLeaseMs: number;
  wellhubTimeoutMs: number;
  bodyLimitBytes: number;
  rateLimit: { perSecond: number; burst: number };
  trustProxy: boolean;
  shutdownGraceMs: number;
  logLevel: z.infer<typeof RelayEnv>['LOG_LEVEL'];
};

export class ConfigError extends Error {}

/** Reads the environment (and the two command-line options); throws ConfigError naming the first wrong value. */
export function readConfig(env: NodeJS.ProcessEnv, options: { port?: string; dataDir?: string } = {}): RelayConfig {
  const merged = { ...env, ...(options.port !== undefined ? { PORT: options.port } : {}), ...(options.dataDir !== undefined ? { DATA_DIR: options.dataDir } : {}) };
  const parsed = RelayEnv.safeParse(Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.') || 'environment'}: ${issue?.message ?? 'not valid'}`);
  }
  const e = parsed.data;
  if (e.FALLBACK_DELAY_MS >= e.WELLHUB_DEADLINE_MS) {
    throw new ConfigError(`FALLBACK_DELAY_MS (${e.FALLBACK_DELAY_MS}) must be shorter than WELLHUB_DEADLINE_MS (${e.WELLHUB_DEADLINE_MS}): Wellhub rejects by itself at its deadline.`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(e.DATA_DIR) },
    ...(e.RELAY_SECRET_KEY ? { secretKey: e.RELAY_SECRET_KEY } : {}),
    wellhubBaseUrl: e.WELLHUB_BASE_URL.replace(/\/+$/, ''),
    fallbackDelayMs: e.FALLBACK_DELAY_MS,
    wellhubDeadlineMs: e.WELLHUB_DEADLINE_MS,
    fallbackPollMs: e.FALLBACK_POLL_MS,
    claimLeaseMs: e.CLAIM_LEASE_MS,
    wellhubTimeoutMs: e.WELLHUB_TIMEOUT_MS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimit: { perSecond: e.RATE_LIMIT_PER_SECOND, burst: e.RATE_LIMIT_BURST },
    trustProxy: e.TRUST_PROXY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
  };
}
