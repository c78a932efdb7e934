import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { saveWellhubConnection } from '../../relay/demo/desk-commands.ts';
import { startWellhubDemoWorld } from '../../relay/demo/wellhub-demo-world.ts';
import { startPostgresCluster } from '../../relay/test/support/postgres-cluster.ts';
import { launchChromium } from '../e2e/browser';
import { freePort, startWebDesk } from '../e2e/web-desk';
import { median, millis, progress, quantile, table } from './report';

/**
 * Part 6: Wellhub's webhook → the request on the desk's screen. The Wellhub simulator's signed
 * `booking-requested` is posted to a real relay (PGlite, then a Postgres server), which stores it and
 * answers; the desk (built, browser mode, linked with a desk token) keeps it in its store and shows it
 * in the open Wellhub requests list. Timed from the POST to the row in the page (one clock: this PC).
 */

export interface WellhubScreenRun {
  backend: 'pglite' | 'postgres';
  samples: number;
  ackMedianMs: number;
  ackP99Ms: number;
  screenMedianMs: number;
  screenP95Ms: number;
}

const requests = 40;

/** Page script (this file is type-checked for Node): notes when each request row first appears. */
const watchRequestRows = `(() => {
  const seen = {};
  window.seenRows = seen;
  new MutationObserver(() => {
    const now = Date.now();
    for (const row of document.querySelectorAll('[data-testid="request-row"]')) seen[row.dataset.bookingId] ??= now;
  }).observe(document.body, { childList: true, subtree: true });
})()`;

export async function wellhubScreenBench(): Promise<WellhubScreenRun[]> {
  const cluster = await startPostgresCluster();
  try {
    const runs: WellhubScreenRun[] = [];
    for (const backend of ['pglite', 'postgres'] as const) {
      let databaseUrl: string | undefined;
      if (backend === 'postgres') {
        const admin = new pg.Client({ connectionString: cluster.url });
        await admin.connect();
        await admin.query('create database wellhub_screen');
        await admin.end();
        databaseUrl = cluster.url.replace(/\/postgres$/, '/wellhub_screen');
      }
      runs.push(await runOnce(backend, databaseUrl));
    }
    return runs;
  } finally {
    cluster.stop();
  }
}

async function runOnce(backend: 'pglite' | 'postgres', databaseUrl: string | undefined): Promise<WellhubScreenRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-bench-wellhub-'));
  const world = await startWellhubDemoWorld({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  const token = randomBytes(24).toString('base64url');
  const port = await freePort();
  const desk = await startWebDesk({ port, dataDir: join(dataDir, 'desk'), startAt: new Date().toISOString(), token });
  const browser = await launchChromium();
  try {
    await saveWellhubConnection(world, port, token, () => desk.process.exitCode !== null);
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(desk.url);
    await page.waitForSelector('[data-app-state="ready"]');
    await page.click('[data-testid="show-requests"]', { timeout: 30_000 });
    // Each request row's first moment in the page, by the same wall clock the poster reads.
    await page.evaluate(watchRequestRows);
    const acks: number[] = [];
    const screens: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const postedAt = Date.now();
      const request = await world.requestPlace();
      acks.push(Date.now() - postedAt);
      const shownAt = await page.waitForFunction(
        (number: string) => {
          const seen = (globalThis as unknown as { seenRows?: Record<string, number> }).seenRows ?? {};
          return Object.entries(seen).find(([id]) => id.includes(number))?.[1] ?? false;
        },
        request.bookingNumber,
        { timeout: 15_000, polling: 'raf' },
      );
      screens.push(Number(await shownAt.jsonValue()) - postedAt);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    progress('6', `${backend}: ${requests} requests shown, median ${millis(median(screens))} from the POST`);
    return {
      backend,
      samples: screens.length,
      ackMedianMs: median(acks),
      ackP99Ms: quantile(acks, 0.99),
      screenMedianMs: median(screens),
      screenP95Ms: quantile(screens, 0.95),
    };
  } finally {
    await browser.close();
    await desk.stop();
    await world.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function printWellhubScreen(runs: WellhubScreenRun[]): void {
  table(
    runs.map((run) => [
      `relay on ${run.backend === 'pglite' ? 'PGlite' : 'Postgres'}: webhook → request on the desk's screen`,
      `median ${millis(run.screenMedianMs)}, p95 ${millis(run.screenP95Ms)}`,
      `(${run.samples} requests; the relay's answer to Wellhub: median ${millis(run.ackMedianMs)}, p99 ${millis(run.ackP99Ms)})`,
    ]),
  );
}
