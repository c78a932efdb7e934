import { existsSync } from 'node:fs';
import { deskLatencyBench, printDeskLatency, type DeskLatencyResult } from './desk-latency';
import { dexieBench, printDexie, type DexieBenchResult } from './dexie-bench';
import { magiclineBench, printMagicline, type MagiclineBenchResult } from './magicline-bench';
import { chainDeskBench, printChainDesk, type ChainDeskResult } from './chain-desk-bench';
import { coreStartBench, printCoreStart, type CoreStartResult } from './core-start';
import { bytes, count, machine, median, millis, progress, seconds, section, table } from './report';
import { printStoreBench, storeBench, type StoreBenchResult } from './store-bench';
import { printWellhubScreen, wellhubScreenBench, type WellhubScreenRun } from './wellhub-screen-bench';
import { printZenoti, printZenotiWindow, zenotiBench, type ZenotiBenchResult } from './zenoti-bench';

/**
 * `npm run bench` (after `electron-vite build`): prints figures, asserts nothing about speed.
 * BENCH_ZENOTI_CAP_S (default 240) bounds the wait in part 1; BENCH_PARTS=1,2,3,4,5,6 picks parts.
 */

const zenotiCapMs = Number(process.env['BENCH_ZENOTI_CAP_S'] ?? 240) * 1000;
const parts = new Set((process.env['BENCH_PARTS'] ?? '1,2,3,4,5,6').split(',').map((part) => part.trim()));
const failures: string[] = [];

async function part<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    failures.push(name);
    console.log(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

const m = machine();
section('Classdesk bench');
table([
  ['date', m.date],
  ['os', m.os],
  ['cpu', `${m.cores} × ${m.cpu}`],
  ['memory', `${m.memoryGiB} GiB (${m.freeMemoryGiB} GiB free)`],
  ['node', m.node],
  ['chromium', m.chromium],
]);

let zenoti: ZenotiBenchResult | undefined;
let magicline: MagiclineBenchResult | undefined;
let dexie: DexieBenchResult | undefined;
let desk: DeskLatencyResult | undefined;
let chainDesk: ChainDeskResult | undefined;
let store: StoreBenchResult | undefined;
let start: CoreStartResult | undefined;
let wellhub: WellhubScreenRun[] | undefined;

if (parts.has('1')) {
  section("1. Zenoti chain: desk location's today complete (5 centers, one key, 60 calls/min, 50 ms)");
  zenoti = await part('1', () => zenotiBench(zenotiCapMs));
  if (zenoti) printZenoti(zenoti);
}
if (parts.has('2')) {
  section('2. Full window (yesterday to +14 days): Magicline chain of 5 studios, 50 ms; Zenoti projected');
  magicline = await part('2', () => magiclineBench(120_000));
  if (magicline) printMagicline(magicline);
  if (zenoti) printZenotiWindow(zenoti);
}
if (parts.has('3')) {
  section('3. Dexie apply throughput in Chromium (replica code vs bare IndexedDB)');
  dexie = await part('3', () => dexieBench());
  if (dexie) printDexie(dexie);
}
if (parts.has('4')) {
  section('4. Desk action latency: barcode + Enter in the built web desk (demo studio)');
  if (!existsSync('out/main/web.js')) {
    failures.push('4');
    console.log('  FAILED: out/main/web.js is missing; run `npx electron-vite build` first (npm run bench does).');
  } else {
    desk = await part('4', () => deskLatencyBench(40));
    if (desk) printDeskLatency(desk);
    section('4b. The desk at chain scale in Chromium: first paint, scans, cold opens, store size, RSS');
    chainDesk = await part('4b', () => chainDeskBench());
    if (chainDesk) printChainDesk(chainDesk);
  }
}
if (parts.has('5')) {
  section('5. The core\'s store at chain scale: publish cost of a desk action, quiet pass (in process)');
  store = await part('5', () => storeBench());
  if (store) printStoreBench(store);
  section('5b. Core start: out/main/web.js on the chain store with 100,000 finished desk actions');
  if (!existsSync('out/main/web.js')) {
    failures.push('5b');
    console.log('  FAILED: out/main/web.js is missing; run `npx electron-vite build` first (npm run bench does).');
  } else {
    start = await part('5b', () => coreStartBench());
    if (start) printCoreStart(start);
  }
}
if (parts.has('6')) {
  section("6. Wellhub: a webhook to the relay (PGlite, Postgres) → the request on the desk's screen");
  if (!existsSync('out/main/web.js')) {
    failures.push('6');
    console.log('  FAILED: out/main/web.js is missing; run `npx electron-vite build` first (npm run bench does).');
  } else {
    wellhub = await part('6', () => wellhubScreenBench());
    if (wellhub) printWellhubScreen(wellhub);
  }
}

section('Summary');
const na = 'n/a';
table([
  ['1 Zenoti desk today complete', zenoti ? (zenoti.completeMs === null ? `> ${seconds(zenoti.capMs, 0)}` : seconds(zenoti.completeMs)) : na, zenoti ? `lower bound ${seconds(zenoti.lowerBoundMs)}, ratio ${zenoti.ratio === null ? `> ${(zenoti.capMs / zenoti.lowerBoundMs).toFixed(1)}` : zenoti.ratio.toFixed(2)}` : ''],
  ['2 Magicline full window', magicline?.completeMs != null ? seconds(magicline.completeMs, 2) : na, magicline ? `${count(magicline.requests)} requests, ${bytes(magicline.eventBytes + magicline.snapshotBytes)} over the contract` : ''],
  ['2 Zenoti full window (projected)', zenoti ? `${zenoti.fullWindow.projectedMinutes.toFixed(1)} min` : na, zenoti ? `${count(zenoti.fullWindow.calls)} calls at 60/min` : ''],
  ['3 Dexie applyChangeSet', dexie ? `${count(dexie.changeSetRecordsPerSecond)} rec/s` : na, dexie ? `bare put ${count(dexie.bareRecordsPerSecond)} rec/s, ratio ${dexie.ratio.toFixed(2)}` : ''],
  ['3 member search per keystroke (50,000)', dexie ? millis(dexie.search.p95Ms) : na, dexie ? `p95; median ${millis(dexie.search.medianMs)}, slowest ${millis(dexie.search.maxMs)} (target ≤ 16 ms)` : ''],
  ['4 scan → row shows check-in', desk ? millis(desk.shownMedianMs) : na, desk ? `median; p95 ${millis(desk.shownP95Ms)}, n = ${desk.samples}` : ''],
  ['4 scan → durable answer', desk ? millis(desk.ackMedianMs) : na, desk ? `median; p95 ${millis(desk.ackP95Ms)}` : ''],
  ...chainRows(),
]);

const round = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(digits)));
const json = {
  date: m.date,
  machine: { cpu: m.cpu, cores: m.cores, memoryGiB: m.memoryGiB, node: m.node, chromium: m.chromium },
  zenotiDeskToday: zenoti && {
    completeS: round(zenoti.completeMs === null ? null : zenoti.completeMs / 1000),
    capS: zenoti.capMs / 1000,
    lowerBoundS: round(zenoti.lowerBoundMs / 1000),
    ratio: round(zenoti.ratio, 2),
    minCalls: zenoti.minCalls,
    requests: zenoti.requests.total,
    rateLimited: zenoti.requests.rateLimited,
    classesDone: `${zenoti.atEnd.sessions}/${zenoti.todaySessions}`,
    listsDone: `${zenoti.atEnd.lists}/${zenoti.listsNeeded}`,
  },
  zenotiFullWindowProjected: zenoti && { calls: zenoti.fullWindow.calls, minutes: round(zenoti.fullWindow.projectedMinutes) },
  magiclineFullWindow: magicline && {
    completeS: round(magicline.completeMs === null ? null : magicline.completeMs / 1000, 2),
    sessions: magicline.sessions,
    requests: magicline.requests,
    eventBytes: magicline.eventBytes,
    snapshotBytes: magicline.snapshotBytes,
  },
  dexie: dexie && {
    records: dexie.records,
    changeSetPerS: Math.round(dexie.changeSetRecordsPerSecond),
    snapshotPerS: Math.round(dexie.snapshotRecordsPerSecond),
    barePutPerS: Math.round(dexie.bareRecordsPerSecond),
    ratio: round(dexie.ratio, 2),
    searchP95Ms: round(dexie.search.p95Ms, 1),
    searchMaxMs: round(dexie.search.maxMs, 1),
  },
  ...chainJson(),
  deskLatency: desk && {
    samples: desk.samples,
    shownMedianMs: round(desk.shownMedianMs),
    shownP95Ms: round(desk.shownP95Ms),
    ackMedianMs: round(desk.ackMedianMs),
    ackP95Ms: round(desk.ackP95Ms),
  },
};
function chainRows(): [string, string, string][] {
  const p95 = (ms: number | undefined, target: string) => (ms === undefined ? '' : `p95 ${millis(ms)} (target ${target})`);
  const cold = (rows: { paintedAt: number }[] | undefined) => (rows ? millis(median(rows.map((r) => r.paintedAt))) : na);
  return [
    ['4b chain scan → row shows pending', chainDesk ? millis(chainDesk.scans.shownMedianMs) : na, p95(chainDesk?.scans.shownP95Ms, '≤ 50 ms')],
    ['4b chain scan → durable answer', chainDesk ? millis(chainDesk.scans.ackMedianMs) : na, p95(chainDesk?.scans.ackP95Ms, '≤ 100 ms')],
    ['4b cold open, core running', cold(chainDesk?.coldWithCore), 'median of 5, nav → first class row painted (target ≤ 300 ms)'],
    ['4b cold open, core not running', cold(chainDesk?.coldWithoutCore), 'median of 5 (target ≤ 300 ms)'],
    ['4b new renderer, fresh profile: first row', chainDesk ? millis(chainDesk.firstPaint.paintedAt) : na, `target ≤ 1 s; whole chain cached after ${chainDesk?.catchUpMs == null ? na : seconds(chainDesk.catchUpMs)}`],
    ['4b store on disk (db + wal)', chainDesk ? bytes(chainDesk.dbBytes + chainDesk.walBytes) : na, chainDesk ? `${bytes(chainDesk.dbBytes)} + ${bytes(chainDesk.walBytes)}` : ''],
    ['4b core RSS after full sync', chainDesk ? bytes(chainDesk.rssAfterSync) : na, chainDesk ? `${bytes(chainDesk.rssAfterRenderer)} after a fresh renderer caught up` : ''],
    ['5 desk action publish cost (core)', store ? millis(store.actionPublish.medianMs, 2) : na, p95(store?.actionPublish.p95Ms, '≤ 5 ms')],
    ['5 quiet pass, desk location today', store ? millis(store.repeatToday.medianMs) : na, `median; ${p95(store?.repeatToday.p95Ms, '≤ 20 ms')}`],
    ['5 quiet pass, one location full window', store ? millis(store.repeatFull.medianMs) : na, `median; ${p95(store?.repeatFull.p95Ms, '≤ 20 ms')}`],
    ['5 quiet pass, longest hold of the event loop', store ? millis(store.repeatFullBlock.p95Ms) : na, 'p95 over full-window passes: the longest a scan waits behind one'],
    ['5 row by row (after a touch), today / full', store ? millis(store.quietToday.medianMs) : na, store ? `full window ${millis(store.quietFull.medianMs)}` : ''],
    ['5b core start → hello (100k actions)', start ? millis(start.toHello.medianMs, 0) : na, start ? `median of ${start.toHello.n} (target ≤ 1 s); listening after ${millis(start.toListening.medianMs, 0)}` : ''],
    ...(wellhub ?? []).map((run): [string, string, string] => [`6 webhook → desk screen (${run.backend})`, millis(run.screenMedianMs), `median; p95 ${millis(run.screenP95Ms)}; relay answers Wellhub p99 ${millis(run.ackP99Ms)}`]),
  ];
}

function chainJson() {
  const r1 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(1)));
  const cold = (rows: { paintedAt: number }[]) => ({ medianMs: r1(median(rows.map((r) => r.paintedAt))), runsMs: rows.map((r) => r1(r.paintedAt)) });
  return {
    chainDesk: chainDesk && {
      scanShownMedianMs: r1(chainDesk.scans.shownMedianMs),
      scanShownP95Ms: r1(chainDesk.scans.shownP95Ms),
      scanAckMedianMs: r1(chainDesk.scans.ackMedianMs),
      scanAckP95Ms: r1(chainDesk.scans.ackP95Ms),
      scanSamples: chainDesk.scans.samples,
      coldOpenWithCore: cold(chainDesk.coldWithCore),
      coldOpenWithoutCore: cold(chainDesk.coldWithoutCore),
      freshFirstRowMs: r1(chainDesk.firstPaint.paintedAt),
      freshWholeCacheMs: r1(chainDesk.catchUpMs ?? undefined),
      storeDbBytes: chainDesk.dbBytes,
      storeWalBytes: chainDesk.walBytes,
      rssAfterSyncBytes: chainDesk.rssAfterSync,
      rssAfterRendererBytes: chainDesk.rssAfterRenderer,
      fullSyncMs: chainDesk.syncedMs,
    },
    store: store && {
      records: store.records,
      actionPublishMedianMs: r1(store.actionPublish.medianMs),
      actionPublishP95Ms: r1(store.actionPublish.p95Ms),
      actionCommitP95Ms: r1(store.actionWrite.p95Ms),
      actionNextP95Ms: r1(store.actionNext.p95Ms),
      quietFullWindowMedianMs: r1(store.quietFull.medianMs),
      quietFullWindowP95Ms: r1(store.quietFull.p95Ms),
      quietChainMedianMs: r1(store.quietFullChain.medianMs),
      quietTodayMedianMs: r1(store.quietToday.medianMs),
      quietTodayP95Ms: r1(store.quietToday.p95Ms),
      repeatTodayMedianMs: r1(store.repeatToday.medianMs),
      repeatTodayP95Ms: r1(store.repeatToday.p95Ms),
      repeatFullWindowMedianMs: r1(store.repeatFull.medianMs),
      repeatFullWindowP95Ms: r1(store.repeatFull.p95Ms),
      repeatFullWindowLongestBlockP95Ms: r1(store.repeatFullBlock.p95Ms),
    },
    coreStart: start && {
      records: start.records,
      actions: start.actions,
      toHelloMedianMs: r1(start.toHello.medianMs),
      toHelloRunsMs: start.runs.map(r1),
      toListeningMedianMs: r1(start.toListening.medianMs),
      openStoreInProcessMs: r1(start.openInProcess.medianMs),
    },
    wellhubScreen: wellhub?.map((run) => ({ ...run, ackMedianMs: r1(run.ackMedianMs), ackP99Ms: r1(run.ackP99Ms), screenMedianMs: r1(run.screenMedianMs), screenP95Ms: r1(run.screenP95Ms) })),
  };
}

console.log(`\nBENCH_JSON ${JSON.stringify(json)}`);
progress('bench', failures.length === 0 ? 'done' : `done; parts that failed: ${failures.join(', ')}`);
// A core that was still waiting for rate budget when its part ended must not keep the process alive.
process.exit(failures.length === 0 ? 0 : 1);
