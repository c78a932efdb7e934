import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { readMeta } from '../../src-renderer/src/data/meta';
import { startSync, type DeskSync } from '../../src-renderer/src/data/sync';
import { FakeCore } from './fake-core';
import { aBooking, aLocation, aMember, aSession, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let sync: DeskSync | undefined;

beforeEach(() => {
  db = freshDatabase();
});
afterEach(async () => {
  sync?.stop();
  sync = undefined;
  await dropDatabase(db);
});

/** Waits until `check` holds, giving the sync's queued IndexedDB work turns to run. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let turn = 0; turn < 200; turn += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition never held');
}

describe('a snapshot that comes in parts (a chain-sized store)', () => {
  it('writes the desk’s classes at once, the rest when it comes, and only then takes the store’s number', async () => {
    const core = new FakeCore({ records: { locations: [aLocation()], sessions: [aSession()], members: [aMember()], bookings: [aBooking()] } });
    core.snapshotInParts = true;
    core.deskLocationId = 'berlin';
    let releaseRest = () => {};
    core.restGate = new Promise<void>((resolve) => (releaseRest = resolve));
    sync = startSync(core, db, () => undefined);

    // Today can paint from the first part while the rest is still on its way, at the desk's own location.
    await until(async () => (await readMeta(db, 'deskLocationId')) === 'berlin');
    await until(async () => (await db.sessions.count()) === 1);
    expect(await db.bookings.count()).toBe(0);
    expect(await readMeta(db, 'lastSeq')).toBeUndefined();

    releaseRest();
    await sync.settled();
    expect(await db.bookings.count()).toBe(1);
    expect(await db.members.count()).toBe(1);
    expect(await readMeta(db, 'store')).toBe(core.store.id);
    expect(core.calls.map((c) => c.command)).toEqual(['hello', 'getChanges', 'getSnapshotRest', 'getChanges']);
  });

  it('lets rows no part named leave only at the end, and keeps what the core cannot refresh', async () => {
    const first = new FakeCore({ records: { locations: [aLocation()], sessions: [aSession(), aSession({ id: 'old-class' })] } });
    sync = startSync(first, db, () => undefined);
    await sync.settled();
    sync.stop();

    // Another store (the desk service's data was reset) that no longer has the old class.
    const next = new FakeCore({ records: { locations: [aLocation()], sessions: [aSession()] } });
    next.store.id = 'store-b';
    next.snapshotInParts = true;
    let releaseRest = () => {};
    next.restGate = new Promise<void>((resolve) => (releaseRest = resolve));
    sync = startSync(next, db, () => undefined);
    await until(async () => next.calls.some((c) => c.command === 'getSnapshotRest'));
    expect(await db.sessions.get('old-class')).toBeDefined();
    releaseRest();
    await sync.settled();
    expect(await db.sessions.get('old-class')).toBeUndefined();
    expect(await readMeta(db, 'store')).toBe('store-b');
  });
});
