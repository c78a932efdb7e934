import { afterEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../../src-main/core/store/change-feed';
import type { DeskStore } from '../../../src-main/core/store/desk-store';
import { applyFetch } from '../../../src-main/core/store/fetch-apply';
import { applyRetention } from '../../../src-main/core/store/retention';
import { openStore } from '../../../src-main/core/store/store-opening';
import { booking, day, deskAction, fetchOf, ids, ManualClock, member, rowsInFile, session, tempStore } from '../../support/store-fixtures';

const policy = { dataDays: 7, actionDays: 30 };
const stores: DeskStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

function open(start: string) {
  const clock = new ManualClock(new Date(start));
  const opened = tempStore(clock);
  stores.push(opened.store);
  return { ...opened, clock };
}

const actionIds = {
  oldConfirmed: '0d0e1a6c-1f2b-4c3d-8e4f-5a6b7c8d9e01',
  oldRejected: '0d0e1a6c-1f2b-4c3d-8e4f-5a6b7c8d9e02',
  oldAttention: '0d0e1a6c-1f2b-4c3d-8e4f-5a6b7c8d9e03',
  oldAccepted: '0d0e1a6c-1f2b-4c3d-8e4f-5a6b7c8d9e04',
  recentConfirmed: '0d0e1a6c-1f2b-4c3d-8e4f-5a6b7c8d9e05',
};

describe('retention', () => {
  it('lets classes older than the data retention leave with their bookings; younger ones stay', () => {
    const { store, dir } = open('2026-11-23T09:00:00.000Z');
    const eightDaysAgo = session('eight-days-ago', '2026-11-15T08:00:00.000Z');
    const sixDaysAgo = session('six-days-ago', '2026-11-17T09:00:00.000Z');
    const today = session('today', '2026-11-23T10:00:00.000Z');
    applyFetch(
      store,
      'c',
      { from: '2026-11-14T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' },
      fetchOf({
        sessions: [eightDaysAgo, sixDaysAgo, today],
        members: [member('m1')],
        bookings: [booking('b-old', 'eight-days-ago', 'm1'), booking('b-old-2', 'eight-days-ago', 'm1'), booking('b-six', 'six-days-ago', 'm1'), booking('b-today', 'today', 'm1')],
      }),
      true,
    );
    const outcome = applyRetention(store, new Date('2026-11-23T09:00:00.000Z'), policy);
    expect(outcome).toMatchObject({ sessions: 1 });
    expect(ids(store.all('sessions'))).toEqual(['six-days-ago', 'today']);
    expect(ids(store.all('bookings'))).toEqual(['b-six', 'b-today']);
    // They leave as tombstones, so renderers holding them hear of it.
    expect(rowsInFile(dir, 'body IS NULL').map((row) => row.id).sort()).toEqual(['b-old', 'b-old-2', 'eight-days-ago']);
    expect(new ChangeFeed(store).catchUp(store.id, store.lastSeq() - 1, []).kind).toBe('changes');
  });

  it('lets finished desk actions older than the action retention leave, never accepted ones', () => {
    const { store, clock } = open('2026-10-01T09:00:00.000Z');
    store.write((change) => {
      change.put('deskActions', deskAction(actionIds.oldConfirmed, 'confirmed', clock.now.toISOString()));
      change.put('deskActions', deskAction(actionIds.oldRejected, 'rejected', clock.now.toISOString()));
      change.put('deskActions', deskAction(actionIds.oldAttention, 'needs_attention', clock.now.toISOString()));
      change.put('deskActions', deskAction(actionIds.oldAccepted, 'accepted', clock.now.toISOString()));
    });
    clock.set('2026-11-20T09:00:00.000Z');
    store.write((change) => change.put('deskActions', deskAction(actionIds.recentConfirmed, 'confirmed', clock.now.toISOString())));

    clock.set('2026-11-23T09:00:00.000Z');
    const outcome = applyRetention(store, clock.now, policy);
    expect(outcome.deskActions).toBe(3);
    expect(ids(store.all('deskActions'))).toEqual([actionIds.oldAccepted, actionIds.recentConfirmed].sort());

    // Years later, the accepted action is still waiting to be sent: it never leaves by age.
    clock.set('2029-01-01T00:00:00.000Z');
    applyRetention(store, clock.now, policy);
    expect(ids(store.all('deskActions'))).toEqual([actionIds.oldAccepted]);
  });

  it('measures a desk action by its last change, not its creation', () => {
    const { store, clock } = open('2026-10-01T09:00:00.000Z');
    const created = clock.now.toISOString();
    store.write((change) => change.put('deskActions', deskAction(actionIds.oldConfirmed, 'accepted', created)));
    // Confirmed only when the provider answered again, seven weeks later.
    clock.set('2026-11-20T09:00:00.000Z');
    store.write((change) => change.put('deskActions', deskAction(actionIds.oldConfirmed, 'confirmed', created, { updatedAt: clock.now.toISOString() })));
    clock.set('2026-11-23T09:00:00.000Z');
    applyRetention(store, clock.now, policy);
    expect(ids(store.all('deskActions'))).toEqual([actionIds.oldConfirmed]);
  });

  it('deletes old tombstones and raises the horizon, so a renderer from before it gets a snapshot', () => {
    const { store, dir, clock } = open('2026-11-10T09:00:00.000Z');
    const tuesday = session('tuesday', '2026-11-10T18:00:00.000Z');
    const friday = session('friday', '2026-11-13T18:00:00.000Z');
    applyFetch(store, 'c', day('2026-11-10'), fetchOf({ sessions: [tuesday], bookings: [booking('b1', 'tuesday', 'm1'), booking('b2', 'tuesday', 'm1')] }), false);
    applyFetch(store, 'c', day('2026-11-13'), fetchOf({ sessions: [friday] }), false);
    const renderer = store.lastSeq();
    // b2 disappears upstream on the 10th: a tombstone.
    applyFetch(store, 'c', day('2026-11-10'), fetchOf({ sessions: [tuesday], bookings: [booking('b1', 'tuesday', 'm1')] }), false);
    const removal = store.lastSeq();
    expect(rowsInFile(dir, 'body IS NULL').map((row) => row.id)).toEqual(['b2']);

    // Two days later a renderer that held `renderer` can still catch up: the tombstone is there.
    clock.set('2026-11-12T09:00:00.000Z');
    applyRetention(store, clock.now, policy);
    expect(store.horizon()).toBe(0);
    expect(new ChangeFeed(store).catchUp(store.id, renderer, []).kind).toBe('changes');

    // Eight days after the removal it is forgotten; the sessions leave by age too (new, younger tombstones).
    clock.set('2026-11-18T10:00:00.000Z');
    const outcome = applyRetention(store, clock.now, policy);
    expect(outcome.tombstones).toBe(1);
    expect(rowsInFile(dir, "id = 'b2'")).toEqual([]);
    expect(store.horizon()).toBe(removal);
    expect(ids(store.all('sessions'))).toEqual(['friday']);

    const feed = new ChangeFeed(store);
    const behind = feed.catchUp(store.id, renderer, ['c']);
    expect(behind.kind).toBe('snapshot');
    if (behind.kind === 'snapshot') expect(ids(behind.records.sessions)).toEqual(['friday']);
    // A renderer that had seen the removal still gets only changes.
    expect(feed.catchUp(store.id, removal, ['c']).kind).toBe('changes');
  });

  it('keeps its horizon across a restart of the store', () => {
    const { store, dir, clock } = open('2026-11-10T09:00:00.000Z');
    applyFetch(store, 'c', day('2026-11-10'), fetchOf({ sessions: [session('s', '2026-11-10T18:00:00.000Z')] }), false);
    applyFetch(store, 'c', day('2026-11-10'), fetchOf(), false);
    clock.set('2026-11-20T09:00:00.000Z');
    applyRetention(store, clock.now, policy);
    const horizon = store.horizon();
    expect(horizon).toBeGreaterThan(0);
    const id = store.id;
    store.close();
    stores.splice(stores.indexOf(store), 1);
    const reopened = openStore(dir, clock.read).store;
    stores.push(reopened);
    expect(reopened.id).toBe(id);
    expect(reopened.horizon()).toBe(horizon);
    expect(new ChangeFeed(reopened).catchUp(id, horizon - 1, []).kind).toBe('snapshot');
  });
  it('lets Wellhub visits from the relay leave once their validation window is past the data retention', () => {
    const { store } = open('2026-11-23T09:00:00.000Z');
    const visit = (id: string, checkedInAt: string) => ({
      id,
      connectionId: 'c',
      memberId: 'c:member:1',
      checkedInAt,
      validateBy: new Date(Date.parse(checkedInAt) + 20 * 60_000).toISOString(),
      updatedAt: checkedInAt,
    });
    store.write((change) => {
      change.put('visits', visit('old', '2026-11-15T08:00:00.000Z'));
      change.put('visits', visit('recent', '2026-11-17T09:00:00.000Z'));
    });
    const left = applyRetention(store, new Date('2026-11-23T09:00:00.000Z'), policy);
    expect(left.visits).toBe(1);
    expect(ids(store.all('visits'))).toEqual(['recent']);
  });
});
