import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot, type CommandResult } from '../../src-shared/contract';
import type { Session } from '../../src-shared/domain';
import { openCore, type Core } from '../../src-main/core/core';
import type { ProviderFetch } from '../../src-main/core/providers/provider';
import { ChangeFeed } from '../../src-main/core/store/change-feed';
import type { DeskStore } from '../../src-main/core/store/desk-store';
import { applyFetch } from '../../src-main/core/store/fetch-apply';
import { applyRetention } from '../../src-main/core/store/retention';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { value } from '../support/command-answer';
import { ManualClock, tempStore } from '../support/store-fixtures';

const now = new Date('2026-11-23T09:00:00.000Z');
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

const snapshotOf = (result: CommandResult<unknown>) => Snapshot.parse(value(result));

const session = (id: string, startsAt: string): Session => ({
  id,
  connectionId: 'c',
  locationId: 'l',
  classTypeId: 't',
  title: id,
  startsAt,
  endsAt: startsAt.replace('T09', 'T10'),
  capacity: 10,
  booked: 1,
  waitlisted: 0,
  status: 'scheduled',
});
const records = (sessions: Session[], memberIds: string[] = []): ProviderFetch => ({
  issues: [],
  records: {
    locations: [],
    instructors: [],
    classTypes: [],
    sessions,
    members: memberIds.map((id) => ({ id, connectionId: 'c', firstName: 'A', lastName: id, memberNumber: id })),
    bookings: sessions.map((s) => ({
      id: `b-${s.id}`,
      connectionId: 'c',
      sessionId: s.id,
      memberId: memberIds[0] ?? 'm',
      status: 'booked',
      source: 'demo',
      updatedAt: s.startsAt,
    })),
  },
});

/** The store's live rows, read back the way the renderers get them. */
const live = (store: DeskStore) => new ChangeFeed(store).snapshot([]).records;

describe('the store a sync writes into', () => {
  const monday = session('monday', '2026-11-23T09:00:00.000Z');
  const tuesday = session('tuesday', '2026-11-24T09:00:00.000Z');
  const lastWeek = session('last-week', '2026-11-14T09:00:00.000Z');
  const mondayOnly = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' };
  const stores: DeskStore[] = [];
  afterEach(() => stores.splice(0).forEach((store) => store.close()));
  const newStore = () => {
    const { store } = tempStore(new ManualClock(now));
    stores.push(store);
    return store;
  };
  const ids = (store: DeskStore) => live(store).sessions.map((s) => s.id).sort();

  it('replaces exactly the fetched window: a class gone upstream leaves with its bookings, others stay', () => {
    const store = newStore();
    applyFetch(store, 'c', { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, records([monday, tuesday, lastWeek], ['m1']), true);
    applyFetch(store, 'c', mondayOnly, records([], ['m1']), false);
    expect(ids(store)).toEqual(['last-week', 'tuesday']);
    expect(live(store).bookings.map((b) => b.sessionId).sort()).toEqual(['last-week', 'tuesday']);
  });

  it('prunes classes past the retention limit, and members only a full window no longer names', () => {
    const store = newStore();
    const everything = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
    const fromYesterday = { from: '2026-11-22T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
    applyFetch(store, 'c', everything, records([monday, lastWeek], ['m1']), true);
    applyFetch(store, 'c', fromYesterday, records([monday], ['m2']), true);
    // Last week's class is outside the new window: kept, and so is the member its booking names.
    expect(live(store).members.map((m) => m.id).sort()).toEqual(['m1', 'm2']);
    applyRetention(store, now, { dataDays: 7, actionDays: 30 });
    expect(ids(store)).toEqual(['monday']);
    applyFetch(store, 'c', fromYesterday, records([monday], ['m2']), true);
    expect(live(store).members.map((m) => m.id)).toEqual(['m2']);
  });

  it('takes no change number for a pass that finds nothing new', () => {
    const store = newStore();
    applyFetch(store, 'c', mondayOnly, records([monday], ['m1']), false);
    const seq = store.lastSeq();
    applyFetch(store, 'c', mondayOnly, records([monday], ['m1']), false);
    expect(store.lastSeq()).toBe(seq);
  });
});

describe('the sync engine', () => {
  async function start(studios: ScriptedStudio[], automatic = false, deskLocationId?: string) {
    const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-sync-'));
    if (deskLocationId) await writeFile(join(dataDir, 'desk.json'), JSON.stringify({ locationId: deskLocationId }));
    const core = await openCore({
      dataDir,
      credentials: testCredentials(dataDir),
      fallbackProviders: studios,
      clock: () => now,
      syncIntervalMs: automatic ? 3_600_000 : 0,
      firstSyncWaitMs: 200,
      log: () => {},
    });
    opened.push(core);
    return core;
  }

  it("fetches the desk's today before the whole window", async () => {
    const studio = new ScriptedStudio(now);
    await start([studio]);
    const [first, second] = studio.windows;
    expect(first).toEqual({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' });
    expect(Date.parse(second!.to) - Date.parse(second!.from)).toBeGreaterThan(14 * 24 * 3600_000);
  });

  it('does not let a provider that stopped answering hold up another', async () => {
    const stuck = new ScriptedStudio(now, 'stuck');
    let release = () => {};
    stuck.hang = new Promise<void>((resolve) => (release = resolve));
    const fine = new ScriptedStudio(now, 'fine');
    const core = await start([stuck, fine]);
    const snapshot = snapshotOf(await core.handle('getSnapshot', {}));
    expect(new Set(snapshot.records.sessions.map((s) => s.connectionId))).toEqual(new Set(['fine']));
    release();
  });

  it('asks again at once for a day the provider could not finish within its rate budget', async () => {
    const studio = new ScriptedStudio(now);
    studio.incompleteFetches = 3;
    await start([studio], true);
    const today = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' };
    await expect.poll(() => studio.windows.filter((w) => w.from === today.from && w.to === today.to).length).toBeGreaterThanOrEqual(3);
    const settled = studio.fetches;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(studio.fetches).toBe(settled);
  });

  it("lets the desk's own connection finish today before others spend the rate budget", async () => {
    const fetches: string[] = [];
    const desk = new ScriptedStudio(now, 'desk');
    const other = new ScriptedStudio(now, 'other');
    desk.incompleteFetches = 2;
    for (const studio of [desk, other]) {
      const fetch = studio.fetchWindow.bind(studio);
      studio.fetchWindow = async (window) => {
        fetches.push(studio.connectionId);
        return fetch(window);
      };
    }
    await start([other, desk], true, 'desk:loc-1');
    await expect.poll(() => fetches.filter((c) => c === 'other').length).toBeGreaterThan(0);
    // Twice incomplete, then complete: only then may the other connection fetch.
    expect(fetches.indexOf('other')).toBeGreaterThanOrEqual(3);
    expect(fetches.slice(0, 3)).toEqual(['desk', 'desk', 'desk']);
  });
});
