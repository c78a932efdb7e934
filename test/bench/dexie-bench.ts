import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../e2e/browser';
import { count, median, millis, note, progress, quantile, table } from './report';
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
  search: { medianMs: number; p95Ms: number; maxMs: number; slowest: string; keystrokes: number };
}

interface PageTimes {
  records: number;
  bareMs: number[];
  changeSetMs: number[];
  snapshotMs: number;
  searches: { text: string; ms: number; found: number }[];
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
    progress('dexie', `searches: ${times.searches.map((s) => `"${s.text}" ${s.ms.toFixed(1)} ms (${s.found})`).join(', ')}`);
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
      search: searchStats(times.searches),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

function searchStats(searches: PageTimes['searches']): DexieBenchResult['search'] {
  const ms = searches.map((s) => s.ms);
  const slowest = searches.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { medianMs: median(ms), p95Ms: quantile(ms, 0.95), maxMs: slowest.ms, slowest: slowest.text, keystrokes: searches.length };
}

export function printDexie(r: DexieBenchResult): void {
  table([
    ['records in the change set', count(r.records), '5 locations × 16 days × 60 classes, rosters of 25, 50,000 members'],
    ['bare IndexedDB put', `${count(r.bareRecordsPerSecond)} rec/s`, `${millis(r.bareMs, 0)} (best of ${r.rounds.bareMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`],
    ['Dexie applyChangeSet', `${count(r.changeSetRecordsPerSecond)} rec/s`, `${millis(r.changeSetMs, 0)} (best of ${r.rounds.changeSetMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`],
    ['Dexie applySnapshot (over a full cache)', `${count(r.snapshotRecordsPerSecond)} rec/s`, `${millis(r.snapshotMs, 0)}, clears every table first`],
    ['ratio (applyChangeSet / bare put)', r.ratio.toFixed(2), 'throughput; 1.00 = as fast as bare IndexedDB'],
    ['member search per keystroke, median', millis(r.search.medianMs), `p95 ${millis(r.search.p95Ms)}, slowest ${millis(r.search.maxMs)} ("${r.search.slowest}"), ${r.search.keystrokes} keystrokes  (target ≤ 16 ms)`],
  ]);
  note(
    [
      'Both write into empty stores, one read-write transaction each; the bare stores have version 1\'s indexes, Dexie also',
      'writes the members\' search keys (about 20 a member, one multi-entry index). Searches run over the 50,000 cached members.',
    ].join('\n'),
  );
}
