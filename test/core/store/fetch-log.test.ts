import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncWindow } from '../../../src-main/core/providers/provider';
import { openCore, type Core } from '../../../src-main/core/core';
import { lastFullWindowAt, recordFetch } from '../../../src-main/core/store/fetch-log';
import { applyRetention, defaultRetention } from '../../../src-main/core/store/retention';
import { ScriptedStudio } from '../../support/scripted-studio';
import { ManualClock, tempStore } from '../../support/store-fixtures';
import { testCredentials } from '../../support/test-credentials';

const morning = new Date('2026-11-23T09:00:00.000Z');
const minutes = (n: number) => new Date(morning.getTime() + n * 60_000);
const settings = { id: 'front', provider: 'zenoti', label: 'Zenoti Front', scopeId: 'center-1', timeZone: 'UTC' };
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

/** A core syncing by itself (its own timers), the studio kept across restarts so its windows can be counted. */
async function start(dir: string, studio: ScriptedStudio, now: Date) {
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: [new ScriptedStudio(now, 'demo')],
    createProvider: () => studio,
    clock: () => now,
    syncIntervalMs: 60_000,
    firstSyncWaitMs: 1_000,
    log: () => {},
  });
  opened.push(core);
  return core;
}

async function stop(core: Core) {
  await core.close();
  opened.splice(opened.indexOf(core), 1);
}

const isFullWindow = (w: SyncWindow) => Date.parse(w.to) - Date.parse(w.from) > 2 * 24 * 60 * 60_000;

/** Waits until the studio has been asked `count` more windows than `since`, and gives back those. */
async function windowsAfter(studio: ScriptedStudio, since: number, count: number): Promise<SyncWindow[]> {
  const deadline = Date.now() + 5_000;
  while (studio.windows.length < since + count) {
    if (Date.now() > deadline) throw new Error(`asked ${studio.windows.length - since} windows, waited for ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return studio.windows.slice(since);
}

describe('the store remembers which windows came back and when', () => {
  it('lets a core restarted soon after a full window fetch today only, and the window once it is due', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classdesk-fetch-log-'));
    const studio = new ScriptedStudio(morning, settings.id);
    const first = await start(dir, studio, morning);
    await first.handle('saveConnection', { settings, apiKey: 'zk-live-4f1c9a7e1b2d' });
    const firstRun = await windowsAfter(studio, 0, 2);
    expect(firstRun.some(isFullWindow)).toBe(true);
    await stop(first);

    const asked = studio.windows.length;
    await start(dir, studio, minutes(5)).then(stop);
    const fiveMinutesLater = studio.windows.slice(asked);
    expect(fiveMinutesLater.length).toBeGreaterThan(0);
    expect(fiveMinutesLater.some(isFullWindow)).toBe(false);

    const before = studio.windows.length;
    const third = await start(dir, studio, minutes(16));
    expect((await windowsAfter(studio, before, 2)).some(isFullWindow)).toBe(true);
    await stop(third);
  });

  it('does not count a full window the provider left rosters out of, and forgets stretches past the retention', () => {
    const clock = new ManualClock(morning);
    const { store } = tempStore(clock);
    try {
      const window = { from: '2026-11-22T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' };
      recordFetch(store, 'front', { window, fullWindow: true, complete: false, at: minutes(0).toISOString() });
      expect(lastFullWindowAt(store, 'front')).toBeUndefined();
      recordFetch(store, 'front', { window, fullWindow: true, complete: true, at: minutes(3).toISOString() });
      expect(lastFullWindowAt(store, 'front')).toBe(minutes(3).getTime());
      expect(lastFullWindowAt(store, 'other')).toBeUndefined();

      applyRetention(store, new Date('2026-12-20T00:00:00.000Z'), defaultRetention);
      expect(lastFullWindowAt(store, 'front')).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
