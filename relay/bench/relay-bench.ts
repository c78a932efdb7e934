import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { readConfig } from '../src/config.ts';
import { openStore } from '../src/database.ts';
import { createDeskToken, saveGym } from '../src/gyms.ts';
import { startRelay } from '../src/relay.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { TestDesk } from '../test/support/test-desk.ts';

/**
 * The relay's figures on this machine, on a Postgres server and on PGlite: webhooks
 * a second acknowledged at a steady rate with p99 under 1 s (Wellhub's wait), and
 * webhook → desk latency (from the POST leaving Wellhub to the frame at the desk).
 * `node relay/bench/relay-bench.ts` (part of `npm run bench`); RELAY_BENCH_RATES (a second, one run each,
 * stopping at the first that misses), RELAY_BENCH_SECONDS (per run, default 5), RELAY_BENCH_BACKENDS.
 * One gym, check-in events (no fallback work), one desk connected: the gym's row lock is the narrowest
 * point, so this is the worst case for one organisation; several gyms ingest in parallel.
 */

const gymId = '4711';
const secret = 'bench-secret';
const key = '22'.repeat(32);

interface Run { backend: string; rate: number; sent: number; acked: number; p50: number; p99: number; deskP50: number; deskP95: number }

async function run(backend: 'postgres' | 'pglite', database: { url?: string; dir?: string }, rate: number, seconds: number): Promise<Run> {
  const env = { PORT: '0', RELAY_SECRET_KEY: key, LOG_LEVEL: 'silent', RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000', ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dir! }) };
  const relay = await startRelay(readConfig(env), pino({ level: 'silent' }));
  await saveGym(relay.db, relay.box, { id: gymId, name: 'Bench', webhookSecret: secret });
  const desk = new TestDesk(relay.url, (await createDeskToken(relay.db, gymId, 'bench')).token);
  await desk.connect();
  const sentAt = new Map<string, number>();
  const arrivals: number[] = [];
  const seen = desk.events.length;
  const latencies: number[] = [];
  let acked = 0;
  const total = rate * seconds;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const eventId = `bench-${backend}-${rate}-${i}`;
    const body = JSON.stringify({ event_type: 'checkin', event_data: { user: { unique_token: String(5_000_000_000_000 + i) }, gym: { id: 4711 }, timestamp: Date.now(), event_id: eventId } });
    const signature = createHmac('sha1', secret).update(body).digest('hex').toUpperCase();
    const t0 = performance.now();
    sentAt.set(eventId, t0);
    inFlight.push(
      fetch(`${relay.url}/wellhub/webhooks/${gymId}`, { method: 'POST', headers: { 'x-gympass-signature': signature, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(5_000) }).then(
        async (response) => {
          await response.text();
          latencies.push(performance.now() - t0);
          if (response.ok) acked++;
        },
        () => latencies.push(5_000),
      ),
    );
  }
  await Promise.all(inFlight);
  await desk.until(() => desk.events.length - seen >= acked, 60_000).catch(() => undefined);
  for (const event of desk.events.slice(seen)) {
    const id = (JSON.parse(event.body) as { event_data: { event_id: string } }).event_data.event_id;
    const t0 = sentAt.get(id);
    const at = desk.arrivedAt.get(event.seq);
    if (t0 !== undefined && at !== undefined) arrivals.push(at - t0);
  }
  await desk.close();
  await relay.close();
  return { backend, rate, sent: total, acked, p50: pct(latencies, 50), p99: pct(latencies, 99), deskP50: pct(arrivals, 50), deskP95: pct(arrivals, 95) };
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function main() {
  const rates = (process.env['RELAY_BENCH_RATES'] ?? '100,200,400,800').split(',').map(Number);
  const seconds = Number(process.env['RELAY_BENCH_SECONDS'] ?? 5);
  const cluster = await startPostgresCluster();
  const templateDir = join(mkdtempSync(join(tmpdir(), 'relay-bench-')), 'template');
  const template = await openStore({ kind: 'pglite', dataDir: templateDir }, pino({ level: 'silent' }));
  await template.close();
  const results: Run[] = [];
  try {
    const chosen = (process.env['RELAY_BENCH_BACKENDS'] ?? 'postgres,pglite').split(',');
    for (const backend of (['postgres', 'pglite'] as const).filter((b) => chosen.includes(b))) {
      for (const rate of rates) {
        let database: { url?: string; dir?: string };
        if (backend === 'postgres') {
          const name = `bench_${rate}`;
          const admin = new pg.Client({ connectionString: cluster.url });
          await admin.connect();
          await admin.query(`create database ${name}`);
          await admin.end();
          database = { url: cluster.url.replace(/\/postgres$/, `/${name}`) };
        } else {
          const dir = join(mkdtempSync(join(tmpdir(), 'relay-bench-')), 'data');
          cpSync(templateDir, dir, { recursive: true });
          database = { dir };
        }
        const result = await run(backend, database, rate, seconds);
        results.push(result);
        console.log(JSON.stringify(result));
        if (database.dir) rmSync(dirname(database.dir), { recursive: true, force: true });
        if (result.p99 >= 1_000 || result.acked < result.sent) break;
      }
    }
  } finally {
    cluster.stop();
    rmSync(dirname(templateDir), { recursive: true, force: true });
  }
  console.log('\nbackend   rate/s  acked/sent  ack p50  ack p99  desk p50  desk p95 (ms)');
  for (const r of results) console.log(`${r.backend.padEnd(9)} ${String(r.rate).padStart(6)}  ${`${r.acked}/${r.sent}`.padStart(10)}  ${String(r.p50).padStart(7)}  ${String(r.p99).padStart(7)}  ${String(r.deskP50).padStart(8)}  ${String(r.deskP95).padStart(8)}`);
}

await main();
