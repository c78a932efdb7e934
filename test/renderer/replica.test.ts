import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src-shared/contract';
import type { Booking } from '../../src-shared/domain';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { readMeta, writeMeta } from '../../src-renderer/src/data/meta';
import { applyChangeSet, applySnapshot } from '../../src-renderer/src/data/replica';
import { countWrites, type Write } from './count-writes';
import { aBooking, aDeskAction, aLocation, aMember, aSession, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

let db: DeskDatabase;
let writes: Write[];
beforeEach(() => {
  db = freshDatabase();
  writes = countWrites(db);
});
afterEach(() => dropDatabase(db));

// IndexedDB refuses a row without its primary key, which makes a write fail halfway through.
const rowWithoutId = { ...aBooking(), id: undefined } as unknown as Booking;

const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((row) => row.id).sort();

function changeSet(from: number, seq: number, parts: Partial<Pick<ChangeSet, 'upserts' | 'removals' | 'replaced'>>): ChangeSet {
  return { store: 'store-a', from, seq, replaced: [], upserts: {}, removals: {}, ...parts };
}

/** Two systems side by side: Magicline's Berlin and Zenoti's Brooklyn. */
async function twoSystems(): Promise<void> {
  await applySnapshot(
    db,
    snapshotOf(3, {
      locations: [aLocation({ connectionId: 'magicline' }), aLocation({ id: 'brooklyn', connectionId: 'zenoti' })],
      sessions: [aSession({ connectionId: 'magicline' }), aSession({ id: 'zen-yoga', connectionId: 'zenoti' })],
      members: [aMember({ connectionId: 'magicline' }), aMember({ id: 'zen-anna', connectionId: 'zenoti' })],
      bookings: [aBooking({ connectionId: 'magicline' }), aBooking({ id: 'zen-booking', connectionId: 'zenoti' })],
      deskActions: [aDeskAction({ id: crypto.randomUUID(), connectionId: 'zenoti' })],
    }),
  );
}

describe('applySnapshot', () => {
  it('replaces every cached table and records the store and seq', async () => {
    await applySnapshot(db, snapshotOf(3, { sessions: [aSession({ id: 'old' })], members: [aMember({ id: 'gone' })] }));
    await applySnapshot(db, snapshotOf(7, { locations: [aLocation()], sessions: [aSession({ id: 'new' })] }, 'store-b'));

    expect(await ids(db.sessions.toArray())).toEqual(['new']);
    expect(await db.members.count()).toBe(0);
    expect(await db.locations.count()).toBe(1);
    expect(await readMeta(db, 'lastSeq')).toBe(7);
    expect(await readMeta(db, 'store')).toBe('store-b');
  });

  it('keeps the rows of an active connection the core has no data for, and drops a removed one', async () => {
    await twoSystems();
    // The core lost Zenoti's data (or has not fetched it yet) and Magicline was removed; Wellhub is new.
    await applySnapshot(db, {
      store: 'store-b',
      seq: 1,
      active: ['zenoti', 'wellhub'],
      covered: ['wellhub'],
      records: { ...snapshotOf(0, {}).records, sessions: [aSession({ id: 'wellhub-spin', connectionId: 'wellhub' })] },
    });

    expect(await ids(db.sessions.toArray())).toEqual(['wellhub-spin', 'zen-yoga']);
    expect(await ids(db.locations.toArray())).toEqual(['brooklyn']);
    expect(await ids(db.members.toArray())).toEqual(['zen-anna']);
    expect(await ids(db.bookings.toArray())).toEqual(['zen-booking']);
    // Desk actions are the core's own list: the snapshot's is the whole list, here none.
    expect(await db.deskActions.count()).toBe(0);
  });

  it('replaces the rows of a covered connection, stale ones included', async () => {
    await twoSystems();
    await applySnapshot(db, {
      ...snapshotOf(4, { sessions: [aSession({ id: 'zen-spin', connectionId: 'zenoti' })] }),
      active: ['magicline', 'zenoti'],
      covered: ['zenoti'],
    });

    expect(await ids(db.sessions.toArray())).toEqual(['yoga-1800', 'zen-spin']);
    expect(await ids(db.members.toArray())).toEqual(['anna']);
  });

  it('keeps what describes the desk rather than the data', async () => {
    await writeMeta(db, 'clockOffsetMs', 1234);
    await applySnapshot(db, snapshotOf(1, {}));
    expect(await readMeta(db, 'clockOffsetMs')).toBe(1234);
  });

  it('is all or nothing: a failure halfway leaves the previous cache whole', async () => {
    await applySnapshot(db, snapshotOf(2, { sessions: [aSession()], bookings: [aBooking()] }));

    await expect(
      applySnapshot(db, snapshotOf(5, { sessions: [aSession({ id: 'other' })], bookings: [rowWithoutId] }, 'store-b')),
    ).rejects.toThrow();

    expect(await ids(db.sessions.toArray())).toEqual(['yoga-1800']);
    expect(await ids(db.bookings.toArray())).toEqual(['booking-anna']);
    expect(await readMeta(db, 'lastSeq')).toBe(2);
    expect(await readMeta(db, 'store')).toBe('store-a');
  });
});

describe('applyChangeSet', () => {
  it('upserts, removes and stores the seq', async () => {
    await applySnapshot(db, snapshotOf(1, { sessions: [aSession(), aSession({ id: 'pilates' })], members: [aMember()] }));

    await applyChangeSet(
      db,
      changeSet(1, 2, {
        upserts: { sessions: [aSession({ booked: 13 }), aSession({ id: 'spin' })], bookings: [aBooking()] },
        removals: { sessions: ['pilates'] },
      }),
    );

    const sessions = await db.sessions.orderBy('id').toArray();
    expect(sessions.map((s) => [s.id, s.booked])).toEqual([
      ['spin', 12],
      ['yoga-1800', 13],
    ]);
    expect(await db.bookings.count()).toBe(1);
    expect(await db.members.count()).toBe(1);
    expect(await readMeta(db, 'lastSeq')).toBe(2);
  });

  it('drops every older row of a replaced connection, and only of that one', async () => {
    await twoSystems();
    writes.length = 0;

    await applyChangeSet(
      db,
      changeSet(3, 9, {
        replaced: ['zenoti'],
        upserts: { sessions: [aSession({ id: 'zen-spin', connectionId: 'zenoti' })] },
      }),
    );

    expect(await ids(db.sessions.toArray())).toEqual(['yoga-1800', 'zen-spin']);
    expect(await ids(db.locations.toArray())).toEqual(['berlin']);
    expect(await ids(db.members.toArray())).toEqual(['anna']);
    expect(await ids(db.bookings.toArray())).toEqual(['booking-anna']);
    // Desk actions are not the provider's rows: a replaced connection keeps its desk history.
    expect(await db.deskActions.count()).toBe(1);
    expect(writes.filter((write) => write.table === 'deskActions')).toEqual([]);
  });

  it('writes nothing at all for a set that changes nothing', async () => {
    await applySnapshot(db, snapshotOf(4, { sessions: [aSession()] }));
    writes.length = 0;

    await applyChangeSet(db, changeSet(4, 5, { upserts: { sessions: [] }, removals: { bookings: [] } }));

    expect(writes).toEqual([]);
  });

  it('never moves the seq past rows it could not write', async () => {
    await applySnapshot(db, snapshotOf(4, { sessions: [aSession()] }));

    await expect(
      applyChangeSet(db, changeSet(4, 5, { upserts: { sessions: [aSession({ booked: 19 })], bookings: [rowWithoutId] } })),
    ).rejects.toThrow();

    expect((await db.sessions.get('yoga-1800'))?.booked).toBe(12);
    expect(await readMeta(db, 'lastSeq')).toBe(4);
  });
});
