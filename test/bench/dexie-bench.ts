import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../e2e/browser';
import { count, millis, note, progress, table } from './report';
import { serveDirectory } from './static-server';

/**
 * Part 3: records a second the renderer's replica code writes into Dexie in
 * Chromium, against bare IndexedDB puts of the same records, in the same run.
 * The page (test/bench/page) is built with Vite and served on 127.0.0.1.
 */

export interface DexieBenchResult {
  records: number;
  bareMs: number;
  changeSetMs: number;
  snapshotMs: number;
  bareRecordsPerSecond: number;
  changeSetRecordsPerSecond: number;
  snapshotRecordsPerSecond: number;
  /** Dexie applyChangeSet throughput / bare put throughput. */
  ratio: number;
  rounds: { bareMs: number[]; changeSetMs: number[] };
}

interface PageTimes {
  records: number;
  bareMs: number[];
  changeSetMs: number[];
  snapshotMs: number;
}

const pageRoot = join(dirname(fileURLToPath(import.meta.url)), 'page');

export async function dexieBench(): Promise<DexieBenchResult> {
  const outDir = await mkdtemp(join(tmpdir(), 'classdesk-bench-page-'));
  const built = performance.now();
  await build({
    root: pageRoot,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    base: './',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
  });
  progress('dexie', `bench page built with Vite in ${millis(performance.now() - built, 0)}`);
  const server = await serveDirectory(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction('window.classdeskBench !== undefined', undefined, { timeout: 30_000 });
    progress('dexie', 'applying a chain-sized change set (2 rounds of bare IndexedDB and Dexie, then one snapshot)');
    const times = await page.evaluate<PageTimes>('window.classdeskBench.run()');
    if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);
    const best = (values: number[]) => Math.min(...values);
    const bareMs = best(times.bareMs);
    const changeSetMs = best(times.changeSetMs);
    const perSecond = (ms: number) => (times.records / ms) * 1000;
    progress('dexie', `done: ${count(times.records)} records`);
    return {
      records: times.records,
      bareMs,
      changeSetMs,
      snapshotMs: times.snapshotMs,
      bareRecordsPerSecond: perSecond(bareMs),
      changeSetRecordsPerSecond: perSecond(changeSetMs),
      snapshotRecordsPerSecond: perSecond(times.snapshotMs),
      ratio: perSecond(changeSetMs) / perSecond(bareMs),
      rounds: { bareMs: times.bareMs, changeSetMs: times.changeSetMs },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function printDexie(r: DexieBenchResult): void {
  table([
    ['records in the change set', count(r.records), '5 locations × 16 days × 60 classes, rosters of 25, 50,000 members'],
    ['bare IndexedDB put', `${count(r.bareRecordsPerSecond)} rec/s`, `${millis(r.bareMs, 0)} (best of ${r.rounds.bareMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`],
    ['Dexie applyChangeSet', `${count(r.changeSetRecordsPerSecond)} rec/s`, `${millis(r.changeSetMs, 0)} (best of ${r.rounds.changeSetMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`],
    ['Dexie applySnapshot (over a full cache)', `${count(r.snapshotRecordsPerSecond)} rec/s`, `${millis(r.snapshotMs, 0)}, clears every table first`],
    ['ratio (applyChangeSet / bare put)', r.ratio.toFixed(2), 'throughput; 1.00 = as fast as bare IndexedDB'],
  ]);
  note('Both write into empty stores with the same keys and indexes (DeskDatabase version 1), one read-write transaction each.');
}
