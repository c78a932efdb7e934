import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskJournal } from '../../../src-main/core/desk/desk-journal';
import type { DeskStore } from '../../../src-main/core/store/desk-store';
import { RepeatFetches } from '../../../src-main/core/store/repeat-fetches';
import { storeFileName } from '../../../src-main/core/store/store-opening';
import { booking, day, deskAction, fetchOf, ManualClock, member, session, tempStore } from '../../support/store-fixtures';

/**
 * The same answer again into rows nobody touched since is not compared row by row. Seen from outside
 * by a row changed behind the store's back: a repeat leaves it, a fetch compared in full puts it right.
 */

const clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
const opened: DeskStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.close()));

const fetch = () =>
  fetchOf({ sessions: [session('s1', '2026-11-23T10:00:00.000Z')], bookings: [booking('b1', 's1', 'm1')], members: [member('m1')] });

async function storeWithFetch() {
  const { store, dir } = tempStore(clock);
  opened.push(store);
  const repeats = new RepeatFetches();
  await repeats.foldIn(store, 'c', day('2026-11-23'), fetch(), false);
  return { store, dir, repeats };
}

/** Changes the class's title in the file, as no code path of the store would. */
function tamper(dir: string): void {
  const db = new DatabaseSync(join(dir, storeFileName));
  db.prepare("UPDATE records SET body = json_set(body, '$.title', 'tampered') WHERE tbl = 'sessions' AND id = 's1'").run();
  db.close();
}

describe('a fetch that repeats the last answer', () => {
  it('is not compared again while nothing touched the connection’s rows', async () => {
    const { store, dir, repeats } = await storeWithFetch();
    tamper(dir);
    await repeats.foldIn(store, 'c', day('2026-11-23'), fetch(), false);
    expect(store.get('sessions', 's1')?.title).toBe('tampered');
  });

  it('is compared in full once a desk action touched the connection', async () => {
    const { store, dir, repeats } = await storeWithFetch();
    tamper(dir);
    new DeskJournal(store).record(deskAction('0f0f0f0f-0000-4000-8000-000000000001', 'accepted', clock.now.toISOString(), { bookingId: 'b1' }));
    await repeats.foldIn(store, 'c', day('2026-11-23'), fetch(), false);
    expect(store.get('sessions', 's1')?.title).toBe('s1');
  });

  it('is compared in full when the answer differs, or for another window', async () => {
    const { store, dir, repeats } = await storeWithFetch();
    tamper(dir);
    await repeats.foldIn(store, 'c', day('2026-11-24'), fetchOf(), false);
    await repeats.foldIn(store, 'c', day('2026-11-23'), fetch(), false);
    // The other window's fetch wrote nothing for this connection, so this is still a repeat.
    expect(store.get('sessions', 's1')?.title).toBe('tampered');
    const changed = fetch();
    changed.records.sessions[0]!.booked = 5;
    await repeats.foldIn(store, 'c', day('2026-11-23'), changed, false);
    expect(store.get('sessions', 's1')).toMatchObject({ title: 's1', booked: 5 });
  });

  it('is compared in full when a desk action touched the connection while the answer was being hashed', async () => {
    const { store, dir } = tempStore(clock);
    opened.push(store);
    const repeats = new RepeatFetches();
    // Enough members that hashing the answer yields to the event loop between slices.
    const big = () => {
      const fetched = fetch();
      for (let i = 2; i <= 5000; i += 1) fetched.records.members.push(member(`m${i}`));
      return fetched;
    };
    await repeats.foldIn(store, 'c', day('2026-11-23'), big(), false);
    tamper(dir);
    const folding = repeats.foldIn(store, 'c', day('2026-11-23'), big(), false);
    new DeskJournal(store).record(deskAction('0f0f0f0f-0000-4000-8000-000000000002', 'accepted', clock.now.toISOString(), { bookingId: 'b1' }));
    await folding;
    expect(store.get('sessions', 's1')?.title).toBe('s1');
  });
});
