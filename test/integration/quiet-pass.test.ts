/// <reference types="node" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskEvent, RecordSet } from '../../src-shared/contract';
import { recordTables } from '../../src-shared/contract';
import { createProvider } from '../../src-main/core/connections/provider-registry';
import { openCore, type Core } from '../../src-main/core/core';
import { openDemoStudio } from '../../src-main/core/providers/demo/demo-studio';
import { DeskDatabase } from '../../src-renderer/src/data/db';
import { startSync, type DeskSync } from '../../src-renderer/src/data/sync';
import { SIM_API_KEY, SportAllianceSimulator } from '../simulators/sport-alliance-simulator';
import { testCredentials } from '../support/test-credentials';
import { cachedRecords } from './cached-records';
import { coreLink } from './core-link';
import { countWrites, type Write } from '../renderer/count-writes';

/**
 * "Unchanged data costs nothing": the real core and the real renderer sync
 * (Dexie on an in-memory IndexedDB), joined in one process. Once the first
 * snapshot is in, a sync pass that finds nothing new upstream sends no event at
 * all and writes nothing to IndexedDB; one change upstream sends one change set
 * and writes only the rows that changed.
 */

const START = new Date('2026-05-12T08:00:00.000Z'); // a Tuesday, 10:00 in Berlin
const CONNECTION = 'ml-quiet';
/** The desk's clock runs on a minute between passes, as the today rhythm does. */
let nowMs = START.getTime();

const sim = new SportAllianceSimulator({ now: START });
let simUrl: string;
let dataDir: string;
let core: Core;
let db: DeskDatabase;
let sync: DeskSync;
const events: DeskEvent[] = [];
let writes: Write[] = [];

/** One pass, as the today rhythm runs them: a minute after the last. */
async function syncPass(minutes = 1): Promise<void> {
  nowMs += minutes * 60_000;
  const result = await core.handle('syncNow', {});
  expect(result.ok).toBe(true);
  await sync.settled();
}

/**
 * The last-sync time alone is told at most every five minutes (SyncStatus): a pass five
 * minutes on tells it, so the next four quiet passes have nothing at all to tell.
 */
async function afterLastSyncTold(): Promise<void> {
  await syncPass(5);
  events.length = 0;
  writes.length = 0;
}

const cached = () => cachedRecords(db);

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

async function expectSameAsCore(): Promise<void> {
  const result = await core.handle('getSnapshot', {});
  if (!result.ok) throw new Error(result.error.message.code);
  const snapshot = result.value as { records: RecordSet };
  const mine = await cached();
  for (const table of recordTables) expect(byId(mine[table] as { id: string }[]), table).toEqual(byId(snapshot.records[table] as { id: string }[]));
}

beforeAll(async () => {
  simUrl = await sim.start();
  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-quiet-'));
  const clock = () => new Date(nowMs);
  core = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [await openDemoStudio({ dataDir, clock })],
    createProvider: (kind, context) => createProvider(kind, { ...context, http: { timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 20 } } }),
    clock,
    syncIntervalMs: 0,
    log: () => undefined,
  });
  core.subscribe((event) => events.push(event));
  db = new DeskDatabase(`classdesk-quiet-${crypto.randomUUID()}`);
  writes = countWrites(db);
  sync = startSync(coreLink(core), db, () => undefined);
  await sync.settled();
});

afterAll(async () => {
  sync?.stop();
  db?.close();
  await db?.delete();
  await core?.close();
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Connection events seen in the quiet Magicline passes (a health whose only news is the sync time). */
let quietConnectionEvents: DeskEvent[] = [];

describe('a quiet sync pass', () => {
  it('with the demo studio: no event, no IndexedDB write', async () => {
    expect(await db.sessions.count()).toBeGreaterThan(0);
    await afterLastSyncTold();
    await syncPass();
    await syncPass();
    await syncPass();
    expect(events).toEqual([]);
    expect(writes).toEqual([]);
    await expectSameAsCore();
  });

  it('with a Magicline connection: no change set, no status, no IndexedDB write', async () => {
    const saved = await core.handle('saveConnection', {
      settings: { id: CONNECTION, provider: 'magicline', label: 'Quiet studio', baseUrl: simUrl },
      apiKey: SIM_API_KEY,
    });
    expect(saved.ok).toBe(true);
    await syncPass();
    // A member booked at the desk, so bookings, members and desk actions are in the picture too.
    const slot = sim.studio.slotAt('2026-05-13T18:00')!;
    const customer = sim.studio.customers.find((c) => !c.noContingent && !c.idle && sim.studio.validate(c, slot) === 'AVAILABLE')!;
    const booked = await core.handle('bookMember', {
      actionId: crypto.randomUUID(),
      sessionId: `${CONNECTION}:session:${slot.id}`,
      memberId: `${CONNECTION}:member:${customer.id}`,
    });
    expect(booked.ok && (booked.value as { state: string }).state).toBe('confirmed');
    await syncPass();
    expect(await db.sessions.filter((s) => s.connectionId === CONNECTION).count()).toBeGreaterThan(100);
    expect(await db.sessions.filter((s) => s.connectionId === 'demo').count()).toBe(0);
    expect(await db.bookings.count()).toBeGreaterThan(0);
    expect(await db.members.count()).toBeGreaterThan(0);
    expect(await db.deskActions.count()).toBe(1);
    await expectSameAsCore();

    await afterLastSyncTold();
    const requestsBefore = sim.log.length;
    await syncPass();
    await syncPass();
    await syncPass();
    expect(sim.log.length).toBeGreaterThan(requestsBefore); // the passes did ask Magicline
    quietConnectionEvents = events.filter((e) => e.name === 'connections');
    expect(events.filter((e) => e.name !== 'connections')).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('with a Magicline connection: no connections event either (nothing about the connection changed but the time)', () => {
    const told = quietConnectionEvents.map((e) => (e.name === 'connections' ? e.payload.map((c) => c.health) : e.name));
    expect(told).toEqual([]);
  });

  it('tells the last-sync time alone at most every five minutes, and writes nothing else', async () => {
    events.length = 0;
    writes.length = 0;
    for (let minute = 0; minute < 6; minute += 1) await syncPass();
    const statuses = events.flatMap((e) => (e.name === 'status' ? [e.payload] : []));
    expect(events.filter((e) => e.name === 'changes')).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(1);
    expect(statuses.length).toBeLessThanOrEqual(2);
    expect(statuses.every((s) => s.connection === 'online' && s.pendingActions === 0)).toBe(true);
    expect(writes).toEqual(statuses.map(() => ({ table: 'meta', type: 'put', keys: ['deskStatus'] })));
  });

  it('one change upstream: one change set, of that row only, and only that row written', async () => {
    await afterLastSyncTold();
    // Upstream, someone books the 19:00 class through the member app.
    const changed = sim.studio.slotAt('2026-05-13T19:00')!;
    changed.othersBooked += 1;
    const sessionId = `${CONNECTION}:session:${changed.id}`;
    await syncPass();
    const changeSets = events.flatMap((e) => (e.name === 'changes' ? [e.payload] : []));
    expect(events.filter((e) => e.name !== 'connections').map((e) => e.name)).toEqual(['changes']);
    expect(changeSets[0]?.removals).toEqual({});
    expect(Object.keys(changeSets[0]?.upserts ?? {})).toEqual(['sessions']);
    expect(changeSets[0]?.upserts.sessions?.map((s) => s.id)).toEqual([sessionId]);
    expect(writes).toEqual([
      { table: 'sessions', type: 'put', keys: [sessionId] },
      { table: 'meta', type: 'put', keys: ['lastSeq'] },
    ]);
    expect((await db.sessions.get(sessionId))?.booked).toBe(sim.studio.counts(changed).booked + changed.additionalParticipants);
    await expectSameAsCore();
  });
});
