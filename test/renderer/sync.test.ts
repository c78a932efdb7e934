import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkState } from '../../src-renderer/src/desk/desk-link';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { useArrivingActions } from '../../src-renderer/src/data/arriving-actions';
import { readMeta } from '../../src-renderer/src/data/meta';
import { startSync, type DeskSync } from '../../src-renderer/src/data/sync';
import { countWrites, type Write } from './count-writes';
import { FakeCore } from './fake-core';
import { aBooking, aConnection, aDeskAction, aLocation, aMember, aSession, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let writes: Write[];
let sync: DeskSync | undefined;
let states: LinkState[];
const report = (state: LinkState) => {
  states.push(state);
};

beforeEach(() => {
  db = freshDatabase();
  writes = countWrites(db);
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

describe('sync', () => {  it('on a new profile says hello, asks for everything with no store, then folds in change sets', async () => {
    const core = coreWithAClass();
    core.store.seq = 4;
    sync = startSync(core, db, report);
    await sync.settled();

    expect(core.calls.map((c) => c.command)).toEqual(['hello', 'getChanges']);
    expect(core.calls[1]?.input).toEqual({ since: 0 });
    expect(await sessionIds()).toEqual(['yoga-1800']);
    expect(await readMeta(db, 'lastSeq')).toBe(4);
    expect(await readMeta(db, 'store')).toBe('store-a');
    expect(states).toEqual(['connecting', 'up']);

    // The core's numbers need not be consecutive: a set applies when it starts where the cache is.
    core.change({ sessions: [aSession({ id: 'spin' })] }, {}, { step: 5 });
    core.change({ bookings: [aBooking()] }, { sessions: ['yoga-1800'] }, { step: 2 });
    await sync.settled();

    expect(await sessionIds()).toEqual(['spin']);
    expect(await db.bookings.count()).toBe(1);
    expect(await readMeta(db, 'lastSeq')).toBe(11);
    expect(core.snapshotsServed).toBe(1);
  });

  it('follows the core’s clock and keeps its last status, writing it only when it moved', async () => {
    const core = coreWithAClass();
    core.now = new Date(Date.now() + 3 * 3_600_000).toISOString();
    sync = startSync(core, db, report);
    await sync.settled();

    const offset = (await readMeta(db, 'clockOffsetMs')) ?? 0;
    expect(Math.abs(offset - 3 * 3_600_000)).toBeLessThan(1000);
    expect(await readMeta(db, 'deskStatus')).toEqual(core.status);

    const failing = {
      ...core.status,
      connections: [{ id: 'demo-1', label: 'Demo studio', state: 'failing' as const, failingSince: '2026-03-20T16:52:00.000Z' }],
    };
    writes.length = 0;
    core.emit({ name: 'status', payload: failing });
    core.emit({ name: 'status', payload: structuredClone(failing) });
    await sync.settled();

    expect(await readMeta(db, 'deskStatus')).toEqual(failing);
    expect(writes).toEqual([{ table: 'meta', type: 'put', keys: ['deskStatus'] }]);
    expect(states).toEqual(['connecting', 'up']);
  });

  it('leaves the link state and the cache alone when the connections list moves', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();
    writes.length = 0;

    core.emit({ name: 'connections', payload: [aConnection({ health: { state: 'failing', rejectedRecords: 0 } })] });
    core.emit({ name: 'connections', payload: [] });
    await sync.settled();

    expect(states).toEqual(['connecting', 'up']);
    expect(writes).toEqual([]);
    expect(await sessionIds()).toEqual(['yoga-1800']);
  });

  it('says the link is down, not up, when the core dies while the snapshot is being written', async () => {
    const core = coreWithAClass();
    let died = false;
    db.sessions.hook('creating', () => {
      if (died) return;
      died = true;
      core.drop();
    });
    sync = startSync(core, db, report);
    await sync.settled();

    expect(died).toBe(true);
    expect(states).toEqual(['connecting', 'down']);
    // What was written stays: the saved schedule is what the desk shows without the core.
    expect(await sessionIds()).toEqual(['yoga-1800']);
  });

  it('goes down keeping the cache, and back up by itself', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();

    core.drop();
    await sync.settled();
    expect(states.at(-1)).toBe('down');
    expect(await sessionIds()).toEqual(['yoga-1800']);
    expect(await db.locations.count()).toBe(1);

    core.change({ sessions: [aSession({ id: 'spin' })] }, { sessions: ['yoga-1800'] }, { step: 8 });
    core.restore();
    await sync.settled();

    expect(states.slice(-2)).toEqual(['connecting', 'up']);
    expect(core.calls.map((c) => c.command)).toEqual(['hello', 'getChanges', 'hello', 'getChanges']);
    expect(await sessionIds()).toEqual(['spin']);
    expect(await readMeta(db, 'lastSeq')).toBe(8);
  });

  it('buffers change sets that arrive during the handshake and applies only the newer ones', async () => {
    const core = coreWithAClass();
    core.store.seq = 1;
    const getChanges = core.api.getChanges;
    // The core publishes while the renderer waits for its catch-up answer; the answer already holds it.
    core.api.getChanges = async (input) => {
      core.change({ sessions: [aSession({ id: 'folded-into-snapshot' })] });
      return getChanges(input);
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
    expect(states).toEqual(['connecting', 'up']);
    expect(await db.locations.count()).toBe(1);
  });

  it('asks again when the core is reachable but failed, without waiting for a reconnect', async () => {
    const core = coreWithAClass();
    const getChanges = core.api.getChanges;
    let failures = 1;
    core.api.getChanges = async (input) => {
      if (failures-- > 0) throw new Error('internal: the core tripped');
      return getChanges(input);
    };
    sync = startSync(core, db, report, { retryMs: 5 });

    await expect.poll(() => states.at(-1)).toBe('up');
    expect(await sessionIds()).toEqual(['yoga-1800']);
    expect(core.calls.filter((c) => c.command === 'hello')).toHaveLength(2);
  });

  it('holds a published desk action in memory until its change set is in the cache, then lets the cache decide', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report, { arriving: useArrivingActions.getState() });
    await sync.settled();

    const action = aDeskAction();
    core.change({ deskActions: [action] });
    // At once, before any IndexedDB write: the roster can show it pending now.
    expect(useArrivingActions.getState().byBooking.get('booking-anna')).toEqual(action);
    expect(await db.deskActions.count()).toBe(0);

    await sync.settled();
    expect(await db.deskActions.get(action.id)).toEqual(action);
    expect(useArrivingActions.getState().byBooking.size).toBe(0);
  });

  it('lets a held action go even when its change set is not written (a gap asks the core again)', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report, { arriving: useArrivingActions.getState() });
    await sync.settled();

    core.change({ sessions: [aSession({ id: 'spin' })] }, {}, { lost: true });
    const confirmed = aDeskAction({ state: 'confirmed' });
    core.change({ deskActions: [confirmed] });
    await sync.settled();
    expect(useArrivingActions.getState().byBooking.size).toBe(0);
    expect(await db.deskActions.get(confirmed.id)).toEqual(confirmed);
  });
});
