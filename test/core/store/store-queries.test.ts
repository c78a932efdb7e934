import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { indexedColumns, storeQueries } from '../../../src-main/core/store/store-queries';
import { storeFileName } from '../../../src-main/core/store/store-opening';
import { ManualClock, tempStore } from '../../support/store-fixtures';

/**
 * Every lookup of the store goes through an index leading with the column it pins, whatever the
 * planner guesses without statistics: a roster read that scans a table's share of the primary key
 * costs a second at a chain's size (found by the bench, 1.6 s for a quiet pass of 11,000 rows).
 */

const { store, dir } = tempStore(new ManualClock(new Date('2026-11-23T09:00:00.000Z')));
const db = new DatabaseSync(join(dir, storeFileName), { readOnly: true });
afterAll(() => {
  db.close();
  store.close();
});

const plan = (sql: string) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => String((row as { detail: string }).detail));

const lookups: [string, string][] = [
  ...indexedColumns.map((column): [string, string] => [`where ${column}`, storeQueries.where(column)]),
  ...indexedColumns.map((column): [string, string] => [`count ${column}`, storeQueries.count(column)]),
  ['sessionsAt', storeQueries.sessionsAt],
  ['sessionIdsBetween', storeQueries.sessionIdsBetween],
  ['idsOf', storeQueries.idsOf],
  ['oldSessions', storeQueries.oldSessions],
  ['finishedActionsBefore', storeQueries.finishedActionsBefore],
  ['waitingActions', storeQueries.waitingActions],
  ['changedSince', storeQueries.changedSince],
  ['oldTombstones', storeQueries.oldTombstones],
];

const windowReads: [string, string][] = [
  ['windowSessions', storeQueries.windowSessions],
  ['windowBookings', storeQueries.windowBookings],
];

describe('the store’s lookups', () => {
  it.each(windowReads)('%s finds the window’s classes by connection and start, not among all the connection’s rows', (_name, sql) => {
    const first = plan(sql)[0] ?? '';
    expect(first).toMatch(/USING INDEX \w+ \(connection_id=\? AND starts_at>\? AND starts_at<\?\)/);
  });


  it.each(lookups)('%s searches an index, never a scan', (_name, sql) => {
    const steps = plan(sql).filter((step) => /records/.test(step));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(step).toMatch(/^SEARCH records USING (COVERING )?INDEX /);
    }
  });
});
