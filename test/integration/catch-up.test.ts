/// <reference types="node" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordTables, Snapshot, type RecordSet } from '../../src-shared/contract';
import { openCore, type Core } from '../../src-main/core/core';
import { openDemoStudio } from '../../src-main/core/providers/demo/demo-studio';
import { ProviderError } from '../../src-main/core/provider-error';
import { DeskDatabase } from '../../src-renderer/src/data/db';
import { startSync, type DeskSync } from '../../src-renderer/src/data/sync';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { cachedRecords } from './cached-records';
import { switchableCoreLink, type SwitchableLink } from './core-link';
import { countWrites, rowsPut, type Write } from '../renderer/count-writes';

/**
 * A renderer that comes back says what it holds and gets what it missed: the
 * real core and the real renderer sync (Dexie on an in-memory IndexedDB), the
 * wire between them cut and restored. Counted at IndexedDB: a reconnect costs
 * the rows that changed, not the cache; a renderer too far behind gets a
 * snapshot that loses nothing; a core that lost its store never empties the desk.
 */

const START = new Date('2026-11-23T08:00:00.000Z');
const dayMs = 24 * 3_600_000;
let nowMs = START.getTime();
const clock = () => new Date(nowMs);

interface Desk {
  core: Core;
  dir: string;
  db: DeskDatabase;
  link: SwitchableLink;
  sync: DeskSync;
  writes: Write[];
}
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  nowMs = START.getTime();
});

async function coreOn(dir: string, studio: ScriptedStudio | 'demo'): Promise<Core> {
  const fallback = studio === 'demo' ? await openDemoStudio({ dataDir: dir, clock }) : studio;
  const core = await openCore({ dataDir: dir, credentials: testCredentials(dir), fallbackProviders: [fallback], clock, syncIntervalMs: 0, log: () => undefined });
  cleanup.push(() => core.close());
  return core;
}

async function desk(studio: ScriptedStudio | 'demo'): Promise<Desk> {
  const dir = await mkdtemp(join(tmpdir(), 'classdesk-catch-up-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const core = await coreOn(dir, studio);
  const db = new DeskDatabase(`classdesk-catch-up-${crypto.randomUUID()}`);
  cleanup.push(async () => {
    db.close();
    await db.delete();
  });
  const writes = countWrites(db);
  const link = switchableCoreLink(core);
  const sync = startSync(link, db, () => undefined);
  cleanup.push(async () => sync.stop());
  await sync.settled();
  return { core, dir, db, link, sync, writes };
}

async function coreRecords(core: Core): Promise<RecordSet> {
  const result = await core.handle('getSnapshot', {});
  if (!result.ok) throw new Error(result.error.message.code);
  return Snapshot.parse(result.value).records;
}

const sorted = (records: RecordSet) =>
  Object.fromEntries(recordTables.map((t) => [t, [...(records[t] as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id))]));

async function expectSameAsCore(d: Desk): Promise<void> {
  expect(sorted(await cachedRecords(d.db))).toEqual(sorted(await coreRecords(d.core)));
}

async function sync(core: Core): Promise<void> {
  const result = await core.handle('syncNow', {});
  if (!result.ok) throw new Error(result.error.message.code);
}

describe('a renderer that reconnects', () => {
  it('with a known sequence gets only the changes since, and writes only those rows', async () => {
    const d = await desk('demo');
    const cachedRows = rowsPut(d.writes);
    expect(cachedRows).toBeGreaterThan(3_000);

    d.link.drop();
    // Someone booked on a class whose check-in is open now (after a class, members who never came stay booked until marked).
    const records = await coreRecords(d.core);
    const checkInOpen = (sessionId: string) => {
      const session = records.sessions.find((s) => s.id === sessionId);
      return session !== undefined && Date.parse(session.startsAt) - 3_600_000 <= nowMs && nowMs < Date.parse(session.endsAt);
    };
    const booking = records.bookings.find((b) => b.status === 'booked' && checkInOpen(b.sessionId));
    expect(booking).toBeDefined();
    const checkIn = await d.core.handle('checkIn', { actionId: crypto.randomUUID(), bookingId: booking!.id });
    expect(checkIn.ok).toBe(true);
    d.writes.length = 0;

    d.link.restore();
    await d.sync.settled();
    const written = d.writes.filter((w) => w.table !== 'meta').flatMap((w) => w.keys);
    // The booking, the desk action, and what the provider's answer moved (its class's counts): a handful, not the cache.
    expect(written).toContain(booking!.id);
    expect(rowsPut(d.writes)).toBeLessThan(10);
    expect(d.writes.some((w) => w.type === 'deleteRange')).toBe(false);
    await expectSameAsCore(d);
  });

  it('behind the oldest tombstone the core keeps gets a snapshot that loses nothing', async () => {
    const studio = new ScriptedStudio(START);
    const d = await desk(studio);
    d.link.drop();
    // A class removed upstream leaves a tombstone; eight days on, retention forgets it (and old classes go).
    const removed = studio.records.sessions.pop()!;
    studio.records.bookings = studio.records.bookings.filter((b) => b.sessionId !== removed.id);
    await sync(d.core);
    nowMs += 8 * dayMs;
    await sync(d.core);
    studio.records.members.push({ id: 'late-joiner', connectionId: studio.connectionId, firstName: 'Lia', lastName: 'Late', memberNumber: 'M-late' });
    await sync(d.core);

    d.link.restore();
    await d.sync.settled();
    const mine = await cachedRecords(d.db);
    expect(mine.sessions.map((s) => s.id)).not.toContain(removed.id);
    expect(mine.members.map((m) => m.id)).toContain('late-joiner');
    await expectSameAsCore(d);
  });

  it('to a core that lost its store keeps the desk until that core has fresher data, then takes it', async () => {
    const studio = new ScriptedStudio(START);
    const d = await desk(studio);
    const before = await cachedRecords(d.db);
    expect(before.sessions.length).toBeGreaterThan(0);

    // The data folder is gone (a new PC profile, a wiped disk) and the provider is unreachable.
    d.link.drop();
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    const freshDir = await mkdtemp(join(tmpdir(), 'classdesk-catch-up-'));
    cleanup.push(() => rm(freshDir, { recursive: true, force: true }));
    const blank = await coreOn(freshDir, studio);
    d.link.restore(blank);
    await d.sync.settled();
    expect((await cachedRecords(d.db)).sessions).toEqual(before.sessions);

    // The provider answers again: its data replaces the old rows, removals included.
    studio.failure = undefined;
    const dropped = studio.records.sessions.pop()!;
    studio.records.bookings = studio.records.bookings.filter((b) => b.sessionId !== dropped.id);
    await sync(blank);
    await d.sync.settled();
    expect((await cachedRecords(d.db)).sessions.map((s) => s.id)).not.toContain(dropped.id);
    expect(sorted(await cachedRecords(d.db))).toEqual(sorted(await coreRecords(blank)));
  });
});
