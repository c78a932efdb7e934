import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../src-shared/domain';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { readMeta, writeMeta } from '../../src-renderer/src/data/meta';
import { applyChangeSet, applySnapshot } from '../../src-renderer/src/data/replica';
import { aBooking, aLocation, aMember, aSession, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

let db: DeskDatabase;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(() => dropDatabase(db));

// IndexedDB refuses a row without its primary key, which makes a write fail halfway through.
const rowWithoutId = { ...aBooking(), id: undefined } as unknown as Booking;

describe('applySnapshot', () => {
  it('replaces every cached table and records the seq', async () => {
    await applySnapshot(db, snapshotOf(3, { sessions: [aSession({ id: 'old' })], members: [aMember({ id: 'gone' })] }));
    await applySnapshot(db, snapshotOf(7, { locations: [aLocation()], sessions: [aSession({ id: 'new' })] }));

    expect((await db.sessions.toArray()).map((s) => s.id)).toEqual(['new']);
    expect(await db.members.count()).toBe(0);
    expect(await db.locations.count()).toBe(1);
    expect(await readMeta(db, 'lastSeq')).toBe(7);
  });

  it('keeps what describes the desk rather than the data', async () => {
    await writeMeta(db, 'clockOffsetMs', 1234);
    await applySnapshot(db, snapshotOf(1, {}));
    expect(await readMeta(db, 'clockOffsetMs')).toBe(1234);
  });

  it('is all or nothing: a failure halfway leaves the previous cache whole', async () => {
    await applySnapshot(db, snapshotOf(2, { sessions: [aSession()], bookings: [aBooking()] }));

    await expect(
      applySnapshot(db, snapshotOf(5, { sessions: [aSession({ id: 'other' })], bookings: [rowWithoutId] })),
    ).rejects.toThrow();

    expect((await db.sessions.toArray()).map((s) => s.id)).toEqual(['yoga-1800']);
    expect((await db.bookings.toArray()).map((b) => b.id)).toEqual(['booking-anna']);
    expect(await readMeta(db, 'lastSeq')).toBe(2);
  });
});

describe('applyChangeSet', () => {
  it('upserts, removes and stores the seq', async () => {
    await applySnapshot(
      db,
      snapshotOf(1, { sessions: [aSession(), aSession({ id: 'pilates' })], members: [aMember()] }),
    );

    await applyChangeSet(db, {
      seq: 2,
      upserts: { sessions: [aSession({ booked: 13 }), aSession({ id: 'spin' })], bookings: [aBooking()] },
      removals: { sessions: ['pilates'] },
    });

    const sessions = await db.sessions.orderBy('id').toArray();
    expect(sessions.map((s) => [s.id, s.booked])).toEqual([
      ['spin', 12],
      ['yoga-1800', 13],
    ]);
    expect(await db.bookings.count()).toBe(1);
    expect(await db.members.count()).toBe(1);
    expect(await readMeta(db, 'lastSeq')).toBe(2);
  });

  it('never moves the seq past rows it could not write', async () => {
    await applySnapshot(db, snapshotOf(4, { sessions: [aSession()] }));

    await expect(
      applyChangeSet(db, {
        seq: 5,
        upserts: { sessions: [aSession({ booked: 19 })], bookings: [rowWithoutId] },
        removals: {},
      }),
    ).rejects.toThrow();

    expect((await db.sessions.get('yoga-1800'))?.booked).toBe(12);
    expect(await readMeta(db, 'lastSeq')).toBe(4);
  });
});
