import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { localDayBounds, localDayOf, shiftLocalDay } from '../../src-renderer/src/data/local-day';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { sessionsOnLocalDay } from '../../src-renderer/src/data/today-query';
import { aLocation, aSession, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

let db: DeskDatabase;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(() => dropDatabase(db));

const berlin = aLocation();
const at = (id: string, startsAt: string, locationId = 'berlin') =>
  aSession({ id, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), locationId });

describe('local day bounds', () => {
  it('are 23 hours long on the spring-forward day and 25 on the fall-back day', () => {
    expect(localDayBounds('2026-03-29', 'Europe/Berlin')).toEqual({
      fromUtc: '2026-03-28T23:00:00.000Z',
      toUtc: '2026-03-29T22:00:00.000Z',
    });
    expect(localDayBounds('2026-10-25', 'Europe/Berlin')).toEqual({
      fromUtc: '2026-10-24T22:00:00.000Z',
      toUtc: '2026-10-25T23:00:00.000Z',
    });
  });

  it('name the gym’s date, not the PC’s', () => {
    // 23:30 UTC on the 28th is already the 29th in Berlin and still the 28th in New York.
    const instant = Date.parse('2026-03-28T23:30:00Z');
    expect(localDayOf(instant, 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDayOf(instant, 'America/New_York')).toBe('2026-03-28');
  });

  it('step across month ends', () => {
    expect(shiftLocalDay('2026-03-31', 1)).toBe('2026-04-01');
    expect(shiftLocalDay('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('sessionsOnLocalDay', () => {
  it('returns only that location’s sessions inside the local day, across the DST change', async () => {
    await applySnapshot(
      db,
      snapshotOf(1, {
        locations: [berlin, aLocation({ id: 'hamburg', name: 'Hamburg' })],
        sessions: [
          at('sat-late', '2026-03-28T22:30:00.000Z'), // 23:30 on Saturday in Berlin
          at('sun-midnight', '2026-03-28T23:00:00Z'), // 00:00 on Sunday, stored without milliseconds
          at('sun-morning', '2026-03-29T07:00:00.000Z'), // 09:00 CEST
          at('sun-late', '2026-03-29T21:30:00.000Z'), // 23:30 CEST
          at('mon-midnight', '2026-03-29T22:00:00Z'), // 00:00 on Monday
          at('hamburg-morning', '2026-03-29T07:00:00.000Z', 'hamburg'),
        ],
      }),
    );

    const sunday = await sessionsOnLocalDay(db, berlin, '2026-03-29');

    expect(sunday.map((s) => s.id)).toEqual(['sun-midnight', 'sun-morning', 'sun-late']);
  });

  it('follows the location’s zone, so the same instant can fall on different days', async () => {
    const newYork = aLocation({ id: 'nyc', timeZone: 'America/New_York', locale: 'en-US' });
    await applySnapshot(db, snapshotOf(1, { sessions: [at('nyc-evening', '2026-03-29T01:00:00.000Z', 'nyc')] }));

    expect((await sessionsOnLocalDay(db, newYork, '2026-03-28')).map((s) => s.id)).toEqual(['nyc-evening']);
    expect(await sessionsOnLocalDay(db, newYork, '2026-03-29')).toEqual([]);
  });
});
