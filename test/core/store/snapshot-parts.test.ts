import { afterEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../../src-main/core/store/change-feed';
import type { DeskStore } from '../../../src-main/core/store/desk-store';
import { applyFetch } from '../../../src-main/core/store/fetch-apply';
import { booking, fetchOf, ManualClock, member, session, tempStore } from '../../support/store-fixtures';

/**
 * A chain-sized store reaches a new renderer in parts: first the desk's today (so Today paints at
 * once), then everything by cursor. Together the parts are exactly the store, and a cursor or
 * store id the feed did not make is refused.
 */

const clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
const opened: DeskStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.close()));

/** Two locations, 30 days × 120 classes each with two bookings: far over one part's 5,000 rows. */
function chainStore(): DeskStore {
  const { store } = tempStore(clock);
  opened.push(store);
  const sessions = [];
  const bookings = [];
  const members = Array.from({ length: 400 }, (_, i) => member(`m${i}`));
  for (let d = 0; d < 30; d += 1) {
    for (let n = 0; n < 120; n += 1) {
      const at = new Date(Date.parse('2026-11-23T00:00:00.000Z') + d * 86_400_000 + n * 600_000).toISOString();
      const s = { ...session(`s${d}-${n}`, at), locationId: n % 2 === 0 ? 'c:loc' : 'c:loc-2' };
      sessions.push(s);
      bookings.push(booking(`b${d}-${n}-a`, s.id, `m${(d * 7 + n) % 400}`), booking(`b${d}-${n}-b`, s.id, `m${(d * 13 + n) % 400}`));
    }
  }
  const window = { from: '2026-11-23T00:00:00.000Z', to: '2026-12-23T00:00:00.000Z' };
  applyFetch(store, 'c', window, fetchOf({ sessions, bookings, members, locations: [] }), false);
  return store;
}

describe('a snapshot in parts', () => {
  it('sends the desk location’s today first, then every row once by cursor', () => {
    const store = chainStore();
    const feed = new ChangeFeed(store);
    const today = { locationId: 'c:loc', from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' };
    const first = feed.snapshot(['c'], { days: [today] });
    expect(first.more).toBeDefined();
    expect(first.records.sessions).toHaveLength(60);
    expect(first.records.sessions.every((s) => s.locationId === 'c:loc' && s.startsAt < today.to)).toBe(true);
    expect(first.records.bookings).toHaveLength(120);
    expect(new Set(first.records.members.map((m) => m.id))).toEqual(new Set(first.records.bookings.map((b) => b.memberId)));

    const seen = new Map<string, number>();
    let more = first.more;
    let parts = 0;
    while (more) {
      const part = feed.rest(store.id, more);
      parts += 1;
      for (const row of [...part.records.sessions, ...part.records.bookings, ...part.records.members]) seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
      more = part.more;
    }
    expect(parts).toBeGreaterThan(1);
    const whole = feed.snapshot(['c']);
    expect(whole.more).toBeUndefined();
    const everyId = [...whole.records.sessions, ...whole.records.bookings, ...whole.records.members].map((r) => r.id);
    expect([...seen.keys()].sort()).toEqual(everyId.sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('refuses a cursor it did not make, or one of another store', () => {
    const store = chainStore();
    const feed = new ChangeFeed(store);
    expect(() => feed.rest(store.id, 'DROP TABLE records')).toThrow(/snapshot_cursor_invalid/);
    expect(() => feed.rest('another-store', JSON.stringify(['', '']))).toThrow(/desk_service_restarted/);
  });
});
