import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStore } from '../../../src-main/core/store/desk-store';
import { applyFetch } from '../../../src-main/core/store/fetch-apply';
import { booking, day, fetchOf, ids, ManualClock, member, rowsInFile, session, tempStore } from '../../support/store-fixtures';

const morning = '2026-11-23T09:00:00.000Z';
const stores: DeskStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

function open(clock = new ManualClock(new Date(morning))) {
  const opened = tempStore(clock);
  stores.push(opened.store);
  return { ...opened, clock };
}

const monday = session('monday', '2026-11-23T09:00:00.000Z');
const mondayEvening = session('monday-evening', '2026-11-23T18:00:00.000Z');
const tuesday = session('tuesday', '2026-11-24T09:00:00.000Z');
const twoDays = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' };

describe('a fetch applied to the store', () => {
  it('replaces exactly its window: a deleted class leaves with its bookings as tombstones, the rest stays', () => {
    const { store, dir } = open();
    applyFetch(
      store,
      'c',
      twoDays,
      fetchOf({
        sessions: [monday, mondayEvening, tuesday],
        members: [member('m1')],
        bookings: [booking('b1', 'monday', 'm1'), booking('b2', 'monday-evening', 'm1'), booking('b3', 'tuesday', 'm1')],
      }),
      true,
    );
    // Another connection's class on the same day is none of this fetch's business.
    applyFetch(store, 'other', day('2026-11-23'), fetchOf({ sessions: [session('other-monday', morning, 'other')] }), false);
    const before = store.lastSeq();

    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday], members: [member('m1')], bookings: [booking('b1', 'monday', 'm1')] }), false);

    expect(ids(store.all('sessions'))).toEqual(['monday', 'other-monday', 'tuesday']);
    expect(ids(store.all('bookings'))).toEqual(['b1', 'b3']);
    const tombstones = rowsInFile(dir, 'body IS NULL');
    expect(tombstones.map((row) => `${row.tbl}:${row.id}`).sort()).toEqual(['bookings:b2', 'sessions:monday-evening']);
    // One change: the class and its booking left together.
    expect(store.lastSeq()).toBe(before + 1);
    expect(new Set(tombstones.map((row) => row.seq))).toEqual(new Set([before + 1]));
  });

  it('removes a booking that disappeared from a fetched roster, and only that one', () => {
    const { store } = open();
    const roster = [booking('b1', 'monday', 'm1'), booking('b2', 'monday', 'm2')];
    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday], members: [member('m1'), member('m2')], bookings: roster }), false);
    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday], bookings: [roster[0]!] }), false);
    expect(ids(store.all('bookings'))).toEqual(['b1']);
  });

  it('takes no sequence number for rows that did not change, whatever order the adapter built their keys in', () => {
    const { store, dir } = open();
    const fetch = fetchOf({ sessions: [monday, tuesday], members: [member('m1')], bookings: [booking('b1', 'monday', 'm1')] });
    applyFetch(store, 'c', twoDays, fetch, true);
    const seq = store.lastSeq();
    const rows = rowsInFile(dir).length;
    const reordered = fetchOf({
      sessions: [tuesday, { ...monday, room: undefined }].map((s) => Object.fromEntries(Object.entries(s).reverse()) as typeof s),
      members: [member('m1')],
      bookings: [booking('b1', 'monday', 'm1')],
    });
    applyFetch(store, 'c', twoDays, reordered, true);
    expect(store.lastSeq()).toBe(seq);
    expect(rowsInFile(dir).length).toBe(rows);
    expect(rowsInFile(dir, 'seq > ?', String(seq))).toEqual([]);
  });

  it('stamps a booking without updatedAt with the change time once, and keeps it while the booking is unchanged', () => {
    const { store, clock } = open();
    const apply = (status: 'booked' | 'checked_in') =>
      applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday], bookings: [booking('b1', 'monday', 'm1', { status })] }), false);
    apply('booked');
    expect(store.get('bookings', 'b1')?.updatedAt).toBe(morning);
    clock.set('2026-11-23T09:05:00.000Z');
    const seq = store.lastSeq();
    apply('booked');
    expect(store.get('bookings', 'b1')?.updatedAt).toBe(morning);
    expect(store.lastSeq()).toBe(seq);
    clock.set('2026-11-23T09:10:00.000Z');
    apply('checked_in');
    expect(store.get('bookings', 'b1')).toMatchObject({ status: 'checked_in', updatedAt: '2026-11-23T09:10:00.000Z' });
  });

  it("keeps the provider's own updatedAt where it gives one", () => {
    const { store } = open();
    const given = '2026-11-20T12:00:00.000Z';
    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday], bookings: [booking('b1', 'monday', 'm1', { updatedAt: given })] }), false);
    expect(store.get('bookings', 'b1')?.updatedAt).toBe(given);
  });

  it('keeps the last bookings of a class whose roster could not be read, and marks the class rosterUnread', () => {
    const { store } = open();
    const roster = [booking('b1', 'monday', 'm1'), booking('b2', 'monday', 'm2')];
    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday, mondayEvening], members: [member('m1'), member('m2')], bookings: [...roster, booking('b3', 'monday-evening', 'm1')] }), false);
    expect(store.get('sessions', 'monday')?.rosterUnread).toBeUndefined();

    // Monday's roster failed; the evening class was read and is now empty.
    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [{ ...monday, booked: 3 }, mondayEvening] }, { unreadRosters: ['monday'] }), false);
    expect(store.get('sessions', 'monday')).toMatchObject({ booked: 3, rosterUnread: true });
    expect(store.get('sessions', 'monday-evening')?.rosterUnread).toBeUndefined();
    expect(ids(store.where('bookings', 'session_id', 'monday'))).toEqual(['b1', 'b2']);
    expect(store.where('bookings', 'session_id', 'monday-evening')).toEqual([]);

    // Read again: the roster is what the provider says, and the mark goes.
    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday, mondayEvening], bookings: [roster[1]!] }), false);
    expect(store.get('sessions', 'monday')?.rosterUnread).toBeUndefined();
    expect(ids(store.where('bookings', 'session_id', 'monday'))).toEqual(['b2']);
  });

  it('a full window replaces reference data and members, but keeps members named on kept bookings', () => {
    const { store } = open();
    const reference = {
      locations: [
        { id: 'l1', connectionId: 'c', name: 'Berlin', timeZone: 'Europe/Berlin', locale: 'de-DE' },
        { id: 'l2', connectionId: 'c', name: 'Old', timeZone: 'Europe/Berlin', locale: 'de-DE' },
      ],
      instructors: [
        { id: 'i1', connectionId: 'c', name: 'Ines' },
        { id: 'i2', connectionId: 'c', name: 'Gone' },
      ],
      classTypes: [
        { id: 't1', connectionId: 'c', name: 'Yoga' },
        { id: 't2', connectionId: 'c', name: 'Gone' },
      ],
    };
    const lastWeek = session('last-week', '2026-11-16T09:00:00.000Z');
    applyFetch(
      store,
      'c',
      { from: '2026-11-15T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' },
      fetchOf({
        ...reference,
        sessions: [lastWeek, monday],
        members: [member('kept-by-booking'), member('fresh'), member('forgotten')],
        bookings: [booking('old', 'last-week', 'kept-by-booking'), booking('b1', 'monday', 'fresh')],
      }),
      true,
    );
    // A narrower fetch only adds: nothing leaves.
    applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [monday], members: [member('fresh')], bookings: [booking('b1', 'monday', 'fresh')] }), false);
    expect(ids(store.all('members'))).toEqual(['forgotten', 'fresh', 'kept-by-booking']);
    expect(store.all('locations')).toHaveLength(2);

    applyFetch(
      store,
      'c',
      { from: '2026-11-22T00:00:00.000Z', to: '2026-12-07T00:00:00.000Z' },
      fetchOf({
        locations: [reference.locations[0]!],
        instructors: [reference.instructors[0]!],
        classTypes: [reference.classTypes[0]!],
        sessions: [monday],
        members: [member('fresh')],
        bookings: [booking('b1', 'monday', 'fresh')],
      }),
      true,
    );
    expect(ids(store.all('locations'))).toEqual(['l1']);
    expect(ids(store.all('instructors'))).toEqual(['i1']);
    expect(ids(store.all('classTypes'))).toEqual(['t1']);
    // Last week's class lies outside the new window: it stays, and so does the member its booking names.
    expect(ids(store.all('members'))).toEqual(['fresh', 'kept-by-booking']);
  });

  it("never touches another connection's members or reference data", () => {
    const { store } = open();
    applyFetch(store, 'other', twoDays, fetchOf({ members: [member('theirs', 'other')], classTypes: [{ id: 'ot', connectionId: 'other', name: 'Spin' }] }), true);
    applyFetch(store, 'c', twoDays, fetchOf({ members: [member('ours')] }), true);
    expect(ids(store.all('members'))).toEqual(['ours', 'theirs']);
    expect(ids(store.all('classTypes'))).toEqual(['ot']);
  });
});
