import { afterEach, describe, expect, it } from 'vitest';
import { ChangeSet, Snapshot } from '../../../src-shared/contract';
import { ChangeFeed } from '../../../src-main/core/store/change-feed';
import type { DeskStore } from '../../../src-main/core/store/desk-store';
import { applyFetch } from '../../../src-main/core/store/fetch-apply';
import { booking, day, deskAction, fetchOf, ids, ManualClock, member, rowsInFile, session, tempStore } from '../../support/store-fixtures';

const morning = '2026-11-23T09:00:00.000Z';
const stores: DeskStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

function open() {
  const opened = tempStore(new ManualClock(new Date(morning)));
  stores.push(opened.store);
  return opened;
}

const monday = session('monday', '2026-11-23T09:00:00.000Z');
const evening = session('evening', '2026-11-23T18:00:00.000Z');
const today = day('2026-11-23');
const fill = (store: DeskStore) =>
  applyFetch(store, 'c', today, fetchOf({ sessions: [monday, evening], members: [member('m1')], bookings: [booking('b1', 'monday', 'm1'), booking('b2', 'evening', 'm1')] }), false);

describe('the change feed', () => {
  it('next() gives only the rows changed since the last call, and nothing when nothing changed', () => {
    const { store } = open();
    fill(store);
    const feed = new ChangeFeed(store);
    expect(feed.next()).toBeUndefined();

    applyFetch(store, 'c', today, fetchOf({ sessions: [{ ...monday, booked: 2 }, evening], members: [member('m1')], bookings: [booking('b1', 'monday', 'm1')] }), false);
    const first = ChangeSet.parse(feed.next());
    expect(first.from).toBe(store.lastSeq() - 1);
    expect(first.seq).toBe(store.lastSeq());
    expect(first.upserts).toEqual({ sessions: [expect.objectContaining({ id: 'monday', booked: 2 })] });
    expect(first.removals).toEqual({ bookings: ['b2'] });
    expect(first.replaced).toEqual([]);
    expect(feed.next()).toBeUndefined();

    store.write((change) => change.put('deskActions', deskAction('6f1b2a9e-8d3c-4c51-9a7e-0b1c2d3e4f50', 'accepted', morning)));
    const second = ChangeSet.parse(feed.next());
    expect(second.from).toBe(first.seq);
    expect(Object.keys(second.upserts)).toEqual(['deskActions']);
    expect(second.removals).toEqual({});
  });

  it('catches a renderer of the same store up from a known seq with only the changes since', () => {
    const { store, dir } = open();
    fill(store);
    const held = store.lastSeq();
    for (let booked = 2; booked <= 4; booked += 1) {
      applyFetch(store, 'c', today, fetchOf({ sessions: [{ ...monday, booked }, evening], bookings: [booking('b1', 'monday', 'm1'), booking('b2', 'evening', 'm1')] }), false);
    }
    const answer = new ChangeFeed(store).catchUp(store.id, held, ['c']);
    expect(answer.kind).toBe('changes');
    if (answer.kind !== 'changes') return;
    expect(answer).toMatchObject({ store: store.id, from: held, seq: held + 3 });
    // The class changed three times; the renderer gets its last state once, and none of the rows that did not move.
    expect(answer.upserts).toEqual({ sessions: [expect.objectContaining({ id: 'monday', booked: 4 })] });
    const changedRows = rowsInFile(dir, 'seq > ?', String(held)).length;
    expect(changedRows).toBe(1);
    expect(rowsInFile(dir).length).toBeGreaterThan(changedRows);

    const upToDate = new ChangeFeed(store).catchUp(store.id, store.lastSeq(), ['c']);
    expect(upToDate).toMatchObject({ kind: 'changes', from: store.lastSeq(), seq: store.lastSeq(), upserts: {}, removals: {} });
  });

  it('answers a snapshot to another store id, a missing id, or a seq it never reached', () => {
    const { store } = open();
    fill(store);
    const feed = new ChangeFeed(store);
    for (const [storeId, since] of [
      ['some-other-store', 0],
      [undefined, 0],
      [store.id, store.lastSeq() + 5],
    ] as const) {
      const answer = feed.catchUp(storeId, since, ['c']);
      expect(answer.kind).toBe('snapshot');
      if (answer.kind !== 'snapshot') continue;
      expect(answer.store).toBe(store.id);
      expect(answer.seq).toBe(store.lastSeq());
      expect(ids(answer.records.sessions)).toEqual(['evening', 'monday']);
    }
  });

  it('answers a snapshot to a renderer behind the horizon', () => {
    const { store } = open();
    fill(store);
    const behind = store.lastSeq();
    applyFetch(store, 'c', today, fetchOf({ sessions: [monday], bookings: [booking('b1', 'monday', 'm1')] }), false);
    // Retention forgot the tombstones up to here (see retention.test.ts for how it gets there).
    store.write(() => store.raiseHorizon(store.lastSeq()));
    const feed = new ChangeFeed(store);
    expect(feed.catchUp(store.id, behind, ['c']).kind).toBe('snapshot');
    expect(feed.catchUp(store.id, store.horizon(), ['c']).kind).toBe('changes');
  });

  it("lists as replaced a connection whose first data came after the renderer's seq", () => {
    const { store } = open();
    fill(store);
    const held = store.lastSeq();
    applyFetch(store, 'zenoti', today, fetchOf({ sessions: [session('z1', morning, 'zenoti')] }), false);
    const answer = ChangeSet.parse(new ChangeFeed(store).catchUp(store.id, held, ['c', 'zenoti']));
    expect(answer.replaced).toEqual(['zenoti']);
    // A renderer that already had zenoti's first data is not told to replace it again.
    applyFetch(store, 'zenoti', today, fetchOf({ sessions: [session('z1', morning, 'zenoti'), session('z2', morning, 'zenoti')] }), false);
    const later = ChangeSet.parse(new ChangeFeed(store).catchUp(store.id, held + 1, ['c', 'zenoti']));
    expect(later.replaced).toEqual([]);
    // An empty first fetch is data too: the connection is covered from then on.
    const before = store.lastSeq();
    applyFetch(store, 'empty', today, fetchOf(), false);
    expect(store.lastSeq()).toBe(before + 1);
    expect(ChangeSet.parse(new ChangeFeed(store).catchUp(store.id, before, ['c'])).replaced).toEqual(['empty']);
  });

  it('a snapshot says which connections the store covers and which are active, and holds only live rows', () => {
    const { store } = open();
    fill(store);
    applyFetch(store, 'c', today, fetchOf({ sessions: [monday], bookings: [booking('b1', 'monday', 'm1')] }), false);
    store.write((change) => change.put('deskActions', deskAction('6f1b2a9e-8d3c-4c51-9a7e-0b1c2d3e4f51', 'confirmed', morning)));
    const snapshot = Snapshot.parse(new ChangeFeed(store).snapshot(['c', 'not-yet-synced']));
    expect(snapshot).toMatchObject({ store: store.id, seq: store.lastSeq(), active: ['c', 'not-yet-synced'], covered: ['c'] });
    expect(ids(snapshot.records.sessions)).toEqual(['monday']);
    expect(ids(snapshot.records.bookings)).toEqual(['b1']);
    expect(snapshot.records.deskActions).toHaveLength(1);

    // A connection that left the desk: its rows leave with tombstones, and it is no longer covered.
    store.write((change) => change.forget('c', ['sessions', 'bookings', 'members']));
    const after = new ChangeFeed(store).snapshot([]);
    expect(after.covered).toEqual([]);
    expect(after.records.sessions).toEqual([]);
    expect(after.records.members).toEqual([]);
  });
});
