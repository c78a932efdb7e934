import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkState } from '../../src-renderer/src/desk/desk-link';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { readMeta } from '../../src-renderer/src/data/meta';
import { startSync, type DeskSync } from '../../src-renderer/src/data/sync';
import { countWrites, rowsWritten, type Write } from './count-writes';
import { FakeCore } from './fake-core';
import { aBooking, aLocation, aMember, aSession, dropDatabase, freshDatabase } from './fixtures';

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
const asked = (core: FakeCore) => core.calls.filter((c) => c.command !== 'hello').map((c) => [c.command, c.input]);

describe('catching up with the core’s store', () => {
  it('on reconnect asks for the changes since its seq and writes only the changed rows', async () => {
    const core = coreWithAClass();
    core.store.records.sessions.push(aSession({ id: 'pilates' }), aSession({ id: 'boxing' }));
    sync = startSync(core, db, report);
    await sync.settled();
    core.drop();
    await sync.settled();

    // While the desk was away: one class changed, one left, a booking came, and the seq jumped.
    core.change({ sessions: [aSession({ id: 'pilates', booked: 3 })] }, { sessions: ['boxing'] });
    core.change({ bookings: [aBooking()] }, {}, { step: 4 });
    writes.length = 0;
    core.restore();
    await sync.settled();

    expect(asked(core).at(-1)).toEqual(['getChanges', { store: 'store-a', since: 0 }]);
    expect(core.snapshotsServed).toBe(1);
    expect(await sessionIds()).toEqual(['pilates', 'yoga-1800']);
    expect((await db.sessions.get('pilates'))?.booked).toBe(3);
    const written = rowsWritten(writes);
    expect(written['sessions']).toEqual(['pilates', 'boxing']);
    expect(written['bookings']).toEqual(['booking-anna']);
    expect(written['locations']).toBeUndefined();
    expect(written['members']).toBeUndefined();
    expect(written['deskActions']).toBeUndefined();
    expect(await readMeta(db, 'lastSeq')).toBe(5);
    expect(states.slice(-3)).toEqual(['down', 'connecting', 'up']);
  });

  it('asks since the seq it holds after a reload, with nothing written when nothing changed', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();
    core.change({ sessions: [aSession({ booked: 14 })] }, {}, { step: 3 });
    await sync.settled();
    sync.stop();

    // A reload: a new sync on the same IndexedDB, the core unchanged.
    writes.length = 0;
    core.calls.length = 0;
    sync = startSync(core, db, report);
    await sync.settled();

    expect(asked(core)).toEqual([['getChanges', { store: 'store-a', since: 3 }]]);
    expect(core.snapshotsServed).toBe(1);
    // The clock offset moves with every hello; no row, no seq and no unchanged status is written.
    expect(writes.map((write) => write.table)).toEqual(['meta']);
    expect(writes[0]?.keys).toEqual(['clockOffsetMs']);
  });

  it('takes a snapshot when the core holds another store', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();
    core.drop();
    await sync.settled();

    // The core's data directory was replaced: its numbers start over in a store of another id.
    core.store.renew('store-b');
    core.store.records.sessions = [aSession({ id: 'spin' })];
    core.restore();
    await sync.settled();

    expect(asked(core).at(-1)).toEqual(['getChanges', { store: 'store-a', since: 0 }]);
    expect(core.snapshotsServed).toBe(2);
    expect(await sessionIds()).toEqual(['spin']);
    expect(await readMeta(db, 'store')).toBe('store-b');
  });

  it('behind the core’s horizon gets a snapshot that keeps active-but-uncovered systems and drops removed ones', async () => {
    const core = new FakeCore({
      active: ['magicline', 'zenoti', 'wellhub'],
      records: {
        sessions: [
          aSession({ id: 'ml-yoga', connectionId: 'magicline' }),
          aSession({ id: 'zen-yoga', connectionId: 'zenoti' }),
          aSession({ id: 'wh-yoga', connectionId: 'wellhub' }),
        ],
        members: [aMember({ id: 'zen-anna', connectionId: 'zenoti' }), aMember({ id: 'wh-anna', connectionId: 'wellhub' })],
      },
    });
    sync = startSync(core, db, report);
    await sync.settled();
    core.drop();
    await sync.settled();

    // While away: Wellhub was removed, Zenoti's data is not in the store (yet), Magicline moved on,
    // and the core pruned the tombstones the desk would need.
    core.store.active = ['magicline', 'zenoti'];
    core.store.covered = ['magicline'];
    core.change({ sessions: [aSession({ id: 'ml-spin', connectionId: 'magicline' })] }, { sessions: ['ml-yoga'] }, { lost: true });
    core.store.forgetUpTo(core.store.seq);
    core.restore();
    await sync.settled();

    expect(core.snapshotsServed).toBe(2);
    expect(await sessionIds()).toEqual(['ml-spin', 'zen-yoga']);
    expect((await db.members.toArray()).map((m) => m.id)).toEqual(['zen-anna']);
    expect(await readMeta(db, 'lastSeq')).toBe(1);
  });

  it('asks for what it missed when a change set does not follow the cache', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();

    core.change({ sessions: [aSession({ id: 'lost-on-the-way' })] }, {}, { lost: true });
    core.change({ sessions: [aSession({ id: 'spin' })] });
    await sync.settled();

    expect(asked(core).at(-1)).toEqual(['getChanges', { store: 'store-a', since: 0 }]);
    expect(core.snapshotsServed).toBe(1);
    expect(await sessionIds()).toEqual(['lost-on-the-way', 'spin', 'yoga-1800']);
    expect(await readMeta(db, 'lastSeq')).toBe(2);
  });

  it('drops the stale rows of a connection the core replaced', async () => {
    const core = new FakeCore({
      active: ['demo-1', 'zenoti'],
      records: { sessions: [aSession(), aSession({ id: 'zen-old', connectionId: 'zenoti' })] },
    });
    sync = startSync(core, db, report);
    await sync.settled();

    core.change({ sessions: [aSession({ id: 'zen-new', connectionId: 'zenoti' })] }, {}, { replaced: ['zenoti'] });
    await sync.settled();

    expect(await sessionIds()).toEqual(['yoga-1800', 'zen-new']);
  });

  it('ignores a change set it already has', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();
    const first = core.change({ sessions: [aSession({ booked: 15 })] });
    await sync.settled();
    writes.length = 0;

    core.emit({ name: 'changes', payload: { ...first, upserts: { sessions: [aSession({ booked: 1 })] } } });
    await sync.settled();

    expect((await db.sessions.get('yoga-1800'))?.booked).toBe(15);
    expect(writes).toEqual([]);
    expect(core.calls.filter((c) => c.command === 'getChanges')).toHaveLength(1);
  });

  it('writes nothing for a change set that changes nothing', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();
    writes.length = 0;

    core.change({});
    await sync.settled();
    // The cursor still moved on: the next set follows without asking again.
    core.change({ sessions: [aSession({ booked: 16 })] });
    await sync.settled();

    expect(writes.map((write) => write.table)).toEqual(['sessions', 'meta']);
    expect(core.calls.filter((c) => c.command === 'getChanges')).toHaveLength(1);
  });

  it('catches up when a live change set comes from another store', async () => {
    const core = coreWithAClass();
    sync = startSync(core, db, report);
    await sync.settled();

    core.store.renew('store-b');
    core.change({ sessions: [aSession({ id: 'spin' })] });
    await sync.settled();

    expect(core.snapshotsServed).toBe(2);
    expect(await readMeta(db, 'store')).toBe('store-b');
    expect(await sessionIds()).toEqual(['spin', 'yoga-1800']);
  });

});
