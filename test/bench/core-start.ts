import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { ConnectionSettings } from '../../src-shared/connections';
import type { Clock } from '../../src-main/core/clock';
import { openCore } from '../../src-main/core/core';
import { SealedFileCredentialStore, unencryptedDevelopmentCipher } from '../../src-main/core/credentials/credential-store';
import { ChangeFeed } from '../../src-main/core/store/change-feed';
import { openStore } from '../../src-main/core/store/store-opening';
import { freePort } from '../e2e/web-desk';
import { benchNow, chainDataSet, chainStudios } from './chain-studio';
import { spawnDesk, storeSize } from './chain-desk';
import { count, millis, note, progress, table } from './report';
import { fillChainStore, finishedAction, stat, type Stat } from './store-bench';

/**
 * Part 5b: the built core (`out/main/web.js --data-dir`) started on a store that
 * holds the chain data set and 100,000 finished desk actions (confirmed, within
 * the last 30 days, so retention keeps them): spawn → first answered command (hello
 * over the WebSocket). The five Zenoti connections point at a port nobody listens
 * on (the provider unreachable), so no sync adds work; what the core waits for
 * before it listens is its own.
 */

export interface CoreStartResult {
  records: number;
  actions: number;
  dbBytes: number;
  walBytes: number;
  /** Opening the store in this process: openStore + ChangeFeed + counting waiting actions. */
  openInProcess: Stat;
  toListening: Stat;
  toHello: Stat;
  runs: number[];
}

const ACTIONS = 100_000;
const CENTERS = [1, 2, 3, 4, 5].map((i) => `5e0c7a10-0000-4000-8000-00000000000${i}`);

async function prepare(now: Date, dir: string): Promise<{ records: number }> {
  const clock: Clock = () => now;
  const credentials = new SealedFileCredentialStore(join(dir, 'credentials.dev.json'), unencryptedDevelopmentCipher);
  const deadUrl = `http://127.0.0.1:${await freePort()}`;
  const data = chainDataSet(now);
  const core = await openCore({ dataDir: dir, clock, credentials, fallbackProviders: [], syncIntervalMs: 0, firstSyncWaitMs: 0, log: () => {} });
  for (const [i, location] of data.locations.entries()) {
    const settings: ConnectionSettings = {
      id: location.connectionId,
      provider: 'zenoti',
      label: location.name,
      baseUrl: deadUrl,
      scopeId: CENTERS[i]!,
      timeZone: location.timeZone,
    };
    const saved = await core.handle('saveConnection', { settings, apiKey: 'zenoti-bench-org-key' });
    if (!saved.ok) throw new Error(`saveConnection: ${saved.error.message}`);
  }
  await core.close();

  const { store } = openStore(dir, clock);
  try {
    await fillChainStore(store, now, chainStudios(data, clock, 0));
    for (let batch = 0; batch < ACTIONS; batch += 10_000) {
      store.write((change) => {
        for (let i = batch; i < Math.min(ACTIONS, batch + 10_000); i += 1) {
          // Spread over the last 29 days: all inside the 30 days of retention.
          const action = finishedAction(i, new Date(now.getTime() - (i % 29) * 86_400_000 - 60_000));
          change.put('deskActions', action, action.updatedAt);
        }
      });
    }
    return { records: store.one<{ n: number }>('SELECT count(*) AS n FROM records WHERE body IS NOT NULL')?.n ?? 0 };
  } finally {
    store.close();
  }
}

function hello(pageUrl: string): Promise<void> {
  const url = new URL(pageUrl);
  const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
  return new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'request', id: 1, command: 'hello', input: {} })));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number; result?: { ok: boolean } };
      if (frame.type === 'response' && frame.id === 1) {
        socket.close();
        if (frame.result?.ok) resolve();
        else reject(new Error(`hello failed: ${String(data)}`));
      }
    });
  });
}

export async function coreStartBench(starts = 3): Promise<CoreStartResult> {
  const now = benchNow();
  const dir = await mkdtemp(join(tmpdir(), 'classdesk-bench-start-'));
  const prepared = performance.now();
  const { records } = await prepare(now, dir);
  const size = storeSize(dir);
  progress('start', `store prepared in ${millis(performance.now() - prepared, 0)}: ${records} records (${ACTIONS} desk actions)`);

  const open: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const t0 = performance.now();
    const { store } = openStore(dir, () => now);
    new ChangeFeed(store);
    store.count('deskActions', 'state', 'accepted');
    open.push(performance.now() - t0);
    store.close();
  }

  const listening: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < starts; i += 1) {
    const desk = await spawnDesk(
      ['out/main/web.js', '--port', String(await freePort()), '--data-dir', dir, '--start-at', now.toISOString()],
      randomBytes(24).toString('base64url'),
      60_000,
    );
    await hello(desk.url);
    const helloAt = performance.now();
    listening.push(desk.listeningAt - desk.spawnedAt);
    answered.push(helloAt - desk.spawnedAt);
    progress('start', `start ${i + 1}: listening after ${millis(desk.listeningAt - desk.spawnedAt, 0)}, hello answered after ${millis(helloAt - desk.spawnedAt, 0)}`);
    await desk.stop();
  }
  return {
    records,
    actions: ACTIONS,
    dbBytes: size.db,
    walBytes: size.wal,
    openInProcess: stat(open),
    toListening: stat(listening),
    toHello: stat(answered),
    runs: answered,
  };
}

export function printCoreStart(r: CoreStartResult): void {
  table([
    ['store', `${count(r.records)} records`, `of them ${count(r.actions)} finished desk actions`],
    ['open store in process (openStore, ChangeFeed, count)', millis(r.openInProcess.medianMs), `median of ${r.openInProcess.n}`],
    ['spawn → "Open <url>" printed, median', millis(r.toListening.medianMs), `n = ${r.toListening.n}`],
    ['spawn → hello answered, median', millis(r.toHello.medianMs), `runs ${r.runs.map((ms) => millis(ms, 0)).join(', ')}  (target ≤ 1 s)`],
  ]);
  note('web.js with 5 Zenoti connections whose host does not answer (connection refused): openCore waits for its first sync to end (or firstSyncWaitMs, 5 s) before the server listens.');
}
