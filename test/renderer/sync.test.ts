import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src-shared/domain';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { readMeta } from '../../src-renderer/src/data/meta';
import { startSync, type DeskSync } from '../../src-renderer/src/data/sync';
import { FakeCore } from './fake-core';
import { aBooking, aConnection, aLocation, aMember, aSession, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let sync: DeskSync | undefined;
let states: ConnectionState[];
const report = (state: ConnectionState) => states.push(state);

beforeEach(() => {
  db = freshDatabase();
  states = [];
});
afterEach(async () => {
  sync?.stop();
  sync = undefined;
  await dropDatabase(db);
});

function coreWithAClass(): FakeCore {
  return new FakeCore({ records: { locations: [aLocation()], sessions: [aSession()], members: [aMember()] } });
}

const sessionIds = async () => (await db.sessions.orderBy('id').toArray()).map((s) => s.id);

describe('sync', () => {
  it('says hello, takes a snapshot, then folds in change sets in order', async () => {
    const core = coreWithAClass();
    core.seq = 4;
    sync = startSync(core, db, report);
    await sync.settled();

    expect(core.calls.map((c) => c.command)).toEqual(['hello', 'getSnapshot']);
    expect(await sessionIds()).toEqual(['yoga-1800']);
    expect(await readMeta(db, 'lastSeq')).toBe(4);
    expect(states).toEqual(['syncing', 'online']);

    core.change({ sessions: [aSession({ id: 'spin' })] });
    core.change({ bookings: [aBooking()] }, { sessions: ['yoga-1800'] });
    await sync.settled();

    expect(await sessionIds()).toEqual(['spin']);
    expect(await db.bookings.count()).toBe(1);
    expect(await readMeta(db, 'lastSeq')).toBe(6);
    expect(core.snapshotsServed).toBe(1);
  });

  it('follows the core’s clock and remembers its last sync', async () => {
    const core = coreWithAClass();
    core.now = new Date(Date.now() + 3 * 3_600_000).toISOString();
    sync = startSync(core, db, report);
    await sync.settled();

    const offset = (await readMeta(db, 'clockOffsetMs')) ?? 0;
    expect(Math.abs(offset - 3 * 3_600_000)).toBeLessThan(1000);
    expect(await readMeta(db, 'lastSyncAt')).toBe('2026-03-20T16:49:00.000Z');

    core.emit({ name: 'status', payload: { connection: 'syncing', lastSyncAt: '2026-03-20T16:55:00.000Z', pendingActions: 0 } });
    await sync.settled();
    expect(await readMeta(db, 'lastSyncAt')).toBe('2026-03-20T16:55:00.000Z');
    expect(states.at(-1)).toBe('syncing');
  });

  it('leaves the connection state and the cache alone when the connections list moves', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();
    expect(states).toEqual(['syncing', 'online']);

    core.emit({ name: 'connections', payload: [aConnection({ health: { state: 'failing', rejectedRecords: 0 } })] });
    core.emit({ name: 'connections', payload: [] });
    await sync.settled();

    expect(states).toEqual(['syncing', 'online']);
    expect(await readMeta(db, 'lastSyncAt')).toBe('2026-03-20T16:49:00.000Z');
    expect(await sessionIds()).toEqual(['yoga-1800']);
    expect(core.snapshotsServed).toBe(1);
  });

  it('heals a gap in seq with a fresh snapshot', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();

    core.change({ sessions: [aSession({ id: 'lost-on-the-way' })] }, {}, true);
    core.change({ sessions: [aSession({ id: 'spin' })] });
    await sync.settled();

    expect(core.snapshotsServed).toBe(2);
    expect(await sessionIds()).toEqual(['lost-on-the-way', 'spin', 'yoga-1800']);
    expect(await readMeta(db, 'lastSeq')).toBe(2);
  });

  it('ignores a change set it already has', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();
    const first = core.change({ sessions: [aSession({ booked: 15 })] });
    await sync.settled();

    core.emit({ name: 'changes', payload: { ...first, upserts: { sessions: [aSession({ booked: 1 })] } } });
    await sync.settled();

    expect((await db.sessions.get('yoga-1800'))?.booked).toBe(15);
    expect(core.snapshotsServed).toBe(1);
  });

  it('goes offline keeping the cache, and back online by itself with a new snapshot', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();

    core.drop();
    await sync.settled();
    expect(states.at(-1)).toBe('offline');
    expect(await sessionIds()).toEqual(['yoga-1800']);
    expect(await db.locations.count()).toBe(1);

    // While the desk was away the core moved on; it must catch up without a gap check.
    core.records.sessions = [aSession({ id: 'spin' })];
    core.seq = 9;
    core.restore();
    await sync.settled();

    expect(states.slice(-2)).toEqual(['syncing', 'online']);
    expect(core.calls.map((c) => c.command)).toEqual(['hello', 'getSnapshot', 'hello', 'getSnapshot']);
    expect(await sessionIds()).toEqual(['spin']);
    expect(await readMeta(db, 'lastSeq')).toBe(9);
  });

  it('buffers change sets that arrive during the handshake and applies only the newer ones', async () => {
    const core = coreWithAClass();
    core.seq = 1;
    const hello = core.api.hello;
    // The core publishes while the renderer is between hello and the snapshot.
    core.api.hello = async (input) => {
      const answer = await hello(input);
      core.change({ sessions: [aSession({ id: 'folded-into-snapshot' })] });
      return answer;
    };
    sync = startSync(core, db, report);
    await sync.settled();
    core.change({ sessions: [aSession({ id: 'after' })] });
    await sync.settled();

    expect(await sessionIds()).toEqual(['after', 'folded-into-snapshot', 'yoga-1800']);
    expect(core.snapshotsServed).toBe(1);
    expect(await readMeta(db, 'lastSeq')).toBe(3);
  });

  it('asks nothing before a connection opens, then syncs', async () => {
    const core = new FakeCore({ open: false, records: { locations: [aLocation()] } });
    sync = startSync(core, db, report);
    await sync.settled();
    expect(core.calls).toEqual([]);

    core.restore();
    await sync.settled();
    expect(states).toEqual(['syncing', 'online']);
    expect(await db.locations.count()).toBe(1);
  });

  it('asks again when the core is reachable but failed, without waiting for a reconnect', async () => {
    const core = coreWithAClass();
    const getSnapshot = core.api.getSnapshot;
    let failures = 1;
    core.api.getSnapshot = async (input) => {
      if (failures-- > 0) throw new Error('internal: the core tripped');
      return getSnapshot(input);
    };
    sync = startSync(core, db, report, { retryMs: 5 });

    await expect.poll(() => states.at(-1)).toBe('online');
    expect(await sessionIds()).toEqual(['yoga-1800']);
    expect(core.calls.filter((c) => c.command === 'hello')).toHaveLength(2);
  });
});
