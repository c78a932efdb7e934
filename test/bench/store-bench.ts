import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeskAction } from '../../src-shared/domain';
import type { Clock } from '../../src-main/core/clock';
import { ChangeFeed } from '../../src-main/core/store/change-feed';
import type { DeskStore } from '../../src-main/core/store/desk-store';
import { applyFetch } from '../../src-main/core/store/fetch-apply';
import { RepeatFetches } from '../../src-main/core/store/repeat-fetches';
import { applyRetention, defaultRetention } from '../../src-main/core/store/retention';
import { openStore } from '../../src-main/core/store/store-opening';
import { localDayAround, syncWindowAround } from '../../src-main/core/sync/sync-window';
import type { ProviderFetch, SyncWindow } from '../../src-main/core/providers/provider';
import { benchNow, chainDataSet, chainStudios, DESK_CONNECTION, type ChainStudio } from './chain-studio';
import { median, millis, note, progress, quantile, table } from './report';

/**
 * Part 5a: the store's own cost, in this process, on a real DeskStore in a temp
 * dir holding the chain data set (written through applyFetch, as a sync does):
 * - one desk action: its commit (store.write + put, fsynced) and ChangeFeed.next();
 * - a quiet pass: an unchanged fetch applied again (applyFetch, retention after a
 *   full window as StoreSync does) and ChangeFeed.next(), which finds nothing.
 */

export interface Stat {
  medianMs: number;
  p95Ms: number;
  n: number;
}

export const stat = (values: number[]): Stat => ({ medianMs: median(values), p95Ms: quantile(values, 0.95), n: values.length });

export interface StoreBenchResult {
  records: number;
  fillMs: number;
  actionWrite: Stat;
  actionNext: Stat;
  actionPublish: Stat;
  quietFull: Stat;
  quietFullChain: Stat;
  quietToday: Stat;
  repeatFull: Stat;
  repeatToday: Stat;
  /** The longest stretch a quiet pass held the event loop (a scan waits at most this long behind it). */
  repeatFullBlock: Stat;
  repeatTodayBlock: Stat;
  quietSeqMoved: boolean;
}

/** Fills a store with every connection's full window, as the first sync does; returns the fetches for replay. */
/**
 * Runs `work` while a setImmediate chain ticks beside it: the longest gap between ticks is the
 * longest stretch `work` kept the event loop to itself, which is what a desk command waits behind.
 */
async function watchBlocks(work: () => Promise<void>): Promise<{ totalMs: number; longestBlockMs: number }> {
  let last = performance.now();
  let longest = 0;
  let watching = true;
  const tick = (): void => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
    if (watching) setImmediate(tick);
  };
  setImmediate(tick);
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  watching = false;
  longest = Math.max(longest, performance.now() - last);
  return { totalMs, longestBlockMs: longest };
}

export async function fillChainStore(store: DeskStore, now: Date, studios: ChainStudio[]): Promise<Map<string, { window: SyncWindow; fetch: ProviderFetch }>> {
  const window = syncWindowAround(now, 1, 14);
  const fetches = new Map<string, { window: SyncWindow; fetch: ProviderFetch }>();
  for (const studio of studios) {
    const fetch = await studio.fetchWindow(window);
    applyFetch(store, studio.connectionId, window, fetch, true);
    fetches.set(studio.connectionId, { window, fetch });
  }
  return fetches;
}

export function finishedAction(index: number, at: Date): DeskAction {
  const iso = at.toISOString();
  return {
    id: randomUUID(),
    kind: 'check_in',
    state: 'confirmed',
    connectionId: `zenoti-${1 + (index % 5)}`,
    bookingId: `zenoti-${1 + (index % 5)}:booking:bench.${index}`,
    createdAt: iso,
    updatedAt: iso,
  };
}

export async function storeBench(actions = 200, rounds = 5): Promise<StoreBenchResult> {
  const now = benchNow();
  const clock: Clock = () => now;
  const dir = await mkdtemp(join(tmpdir(), 'classdesk-bench-store-'));
  const { store } = openStore(dir, clock);
  try {
    const data = chainDataSet(now);
    const studios = chainStudios(data, clock, 0);
    const filled = performance.now();
    const fetches = await fillChainStore(store, now, studios);
    const fillMs = performance.now() - filled;
    const records = store.one<{ n: number }>('SELECT count(*) AS n FROM records WHERE body IS NOT NULL')?.n ?? 0;
    progress('store', `chain store filled: ${records} records in ${millis(fillMs, 0)}`);
    const feed = new ChangeFeed(store);

    const write: number[] = [];
    const next: number[] = [];
    const publish: number[] = [];
    for (let i = 0; i < actions; i += 1) {
      const action = finishedAction(i, now);
      const t0 = performance.now();
      store.write((change) => change.put('deskActions', action, action.updatedAt));
      const t1 = performance.now();
      const changes = feed.next();
      // What the bridge does with it: one JSON text per renderer.
      JSON.stringify({ name: 'changes', payload: changes });
      const t2 = performance.now();
      write.push(t1 - t0);
      next.push(t2 - t1);
      publish.push(t2 - t0);
    }

    const full: number[] = [];
    const chainPass: number[] = [];
    const today: number[] = [];
    // What the core does (StoreSync): an answer identical to the last, into untouched rows, is recognised by its hash.
    const repeats = new RepeatFetches();
    const repeatFull: number[] = [];
    const repeatToday: number[] = [];
    const repeatFullBlock: number[] = [];
    const repeatTodayBlock: number[] = [];
    const seqBefore = store.lastSeq();
    const deskZone = data.locations.find((l) => l.connectionId === DESK_CONNECTION)!.timeZone;
    const todayWindow = localDayAround(now, deskZone);
    const todayFetch = await studios.find((s) => s.connectionId === DESK_CONNECTION)!.fetchWindow(todayWindow);
    for (let round = 0; round < rounds; round += 1) {
      const passStart = performance.now();
      for (const [connectionId, { window, fetch }] of fetches) {
        const t0 = performance.now();
        applyFetch(store, connectionId, window, fetch, true);
        applyRetention(store, now, defaultRetention);
        if (feed.next()) throw new Error('a quiet pass published changes');
        full.push(performance.now() - t0);
      }
      chainPass.push(performance.now() - passStart);
      const t0 = performance.now();
      applyFetch(store, DESK_CONNECTION, todayWindow, todayFetch, false);
      if (feed.next()) throw new Error("a quiet pass of today published changes");
      today.push(performance.now() - t0);
    }
    for (let round = 0; round <= rounds; round += 1) {
      for (const [connectionId, { window, fetch }] of fetches) {
        const pass = await watchBlocks(async () => {
          await repeats.foldIn(store, connectionId, window, fetch, true);
          applyRetention(store, now, defaultRetention);
          if (feed.next()) throw new Error('a quiet pass published changes');
        });
        // The first round tells the hashes; the rounds after it are the desk's quiet passes.
        if (round > 0) {
          repeatFull.push(pass.totalMs);
          repeatFullBlock.push(pass.longestBlockMs);
        }
      }
      const pass = await watchBlocks(async () => {
        await repeats.foldIn(store, DESK_CONNECTION, todayWindow, todayFetch, false);
        if (feed.next()) throw new Error('a quiet pass of today published changes');
      });
      if (round > 0) {
        repeatToday.push(pass.totalMs);
        repeatTodayBlock.push(pass.longestBlockMs);
      }
    }
    return {
      records,
      fillMs,
      actionWrite: stat(write),
      actionNext: stat(next),
      actionPublish: stat(publish),
      quietFull: stat(full),
      quietFullChain: stat(chainPass),
      quietToday: stat(today),
      repeatFull: stat(repeatFull),
      repeatToday: stat(repeatToday),
      repeatFullBlock: stat(repeatFullBlock),
      repeatTodayBlock: stat(repeatTodayBlock),
      quietSeqMoved: store.lastSeq() !== seqBefore,
    };
  } finally {
    store.close();
  }
}

export function printStoreBench(r: StoreBenchResult): void {
  const s = (x: Stat) => `p95 ${millis(x.p95Ms)}, n = ${x.n}`;
  table([
    ['records in the store', String(r.records), `filled through applyFetch in ${millis(r.fillMs, 0)}`],
    ['desk action: commit (write + put, fsync), median', millis(r.actionWrite.medianMs), s(r.actionWrite)],
    ['desk action: ChangeFeed.next() + JSON, median', millis(r.actionNext.medianMs), s(r.actionNext)],
    ['desk action: publish cost (both), median', millis(r.actionPublish.medianMs), `${s(r.actionPublish)}  (target p95 ≤ 5 ms)`],
    ['quiet pass, desk location today, median', millis(r.repeatToday.medianMs), `${s(r.repeatToday)}  (target ≤ 20 ms)`],
    ['quiet pass, one location full window, median', millis(r.repeatFull.medianMs), `${s(r.repeatFull)}  (target ≤ 20 ms)`],
    ['  longest stretch it held the event loop', millis(r.repeatFullBlock.medianMs), `${s(r.repeatFullBlock)}  (what a scan waits behind it)`],
    ['  same, desk location today', millis(r.repeatTodayBlock.medianMs), s(r.repeatTodayBlock)],
    ['compared row by row: desk location today', millis(r.quietToday.medianMs), `${s(r.quietToday)}  (after a desk action touched it)`],
    ['compared row by row: one location full window', millis(r.quietFull.medianMs), s(r.quietFull)],
    ['compared row by row: all 5 locations full window', millis(r.quietFullChain.medianMs), s(r.quietFullChain)],
  ]);
  note(
    [
      'Quiet pass: an unchanged fetch (960 classes, 24,000 bookings and their members a location) folded in as StoreSync',
      'does (RepeatFetches: the same answer into untouched rows is known by its hash), retention after a full window, then',
      'ChangeFeed.next(). "Compared row by row" is applyFetch itself, what a pass costs after anything touched the',
      `connection's rows. The sequence ${r.quietSeqMoved ? 'MOVED (a quiet pass wrote)' : 'did not move'}.`,
    ].join('\n'),
  );
}
