import { existsSync } from 'node:fs';
import { deskLatencyBench, printDeskLatency, type DeskLatencyResult } from './desk-latency';
import { dexieBench, printDexie, type DexieBenchResult } from './dexie-bench';
import { magiclineBench, printMagicline, type MagiclineBenchResult } from './magicline-bench';
import { bytes, count, machine, millis, progress, seconds, section, table } from './report';
import { printZenoti, printZenotiWindow, zenotiBench, type ZenotiBenchResult } from './zenoti-bench';

/**
 * `npm run bench` (after `electron-vite build`): prints figures, asserts nothing about speed.
 * BENCH_ZENOTI_CAP_S (default 240) bounds the wait in part 1; BENCH_PARTS=1,2,3,4 picks parts.
 */

const zenotiCapMs = Number(process.env['BENCH_ZENOTI_CAP_S'] ?? 240) * 1000;
const parts = new Set((process.env['BENCH_PARTS'] ?? '1,2,3,4').split(',').map((part) => part.trim()));
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
  }
}

section('Summary');
const na = 'n/a';
table([
  ['1 Zenoti desk today complete', zenoti ? (zenoti.completeMs === null ? `> ${seconds(zenoti.capMs, 0)}` : seconds(zenoti.completeMs)) : na, zenoti ? `lower bound ${seconds(zenoti.lowerBoundMs)}, ratio ${zenoti.ratio === null ? `> ${(zenoti.capMs / zenoti.lowerBoundMs).toFixed(1)}` : zenoti.ratio.toFixed(2)}` : ''],
  ['2 Magicline full window', magicline?.completeMs != null ? seconds(magicline.completeMs, 2) : na, magicline ? `${count(magicline.requests)} requests, ${bytes(magicline.eventBytes + magicline.snapshotBytes)} over the contract` : ''],
  ['2 Zenoti full window (projected)', zenoti ? `${zenoti.fullWindow.projectedMinutes.toFixed(1)} min` : na, zenoti ? `${count(zenoti.fullWindow.calls)} calls at 60/min` : ''],
  ['3 Dexie applyChangeSet', dexie ? `${count(dexie.changeSetRecordsPerSecond)} rec/s` : na, dexie ? `bare put ${count(dexie.bareRecordsPerSecond)} rec/s, ratio ${dexie.ratio.toFixed(2)}` : ''],
  ['4 scan → row shows check-in', desk ? millis(desk.shownMedianMs) : na, desk ? `median; p95 ${millis(desk.shownP95Ms)}, n = ${desk.samples}` : ''],
  ['4 scan → durable answer', desk ? millis(desk.ackMedianMs) : na, desk ? `median; p95 ${millis(desk.ackP95Ms)}` : ''],
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
  },
  deskLatency: desk && {
    samples: desk.samples,
    shownMedianMs: round(desk.shownMedianMs),
    shownP95Ms: round(desk.shownP95Ms),
    ackMedianMs: round(desk.ackMedianMs),
    ackP95Ms: round(desk.ackP95Ms),
  },
};
console.log(`\nBENCH_JSON ${JSON.stringify(json)}`);
progress('bench', failures.length === 0 ? 'done' : `done; parts that failed: ${failures.join(', ')}`);
// A core that was still waiting for rate budget when its part ended must not keep the process alive.
process.exit(failures.length === 0 ? 0 : 1);
