import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskDatabase } from '../../src-renderer/src/data/db';
import { readMeta, readPosition } from '../../src-renderer/src/data/meta';
import { findMembers } from '../../src-renderer/src/screens/check-in/member-search';
import { aMember, aSession, dropDatabase } from './fixtures';

const name = `classdesk-upgrade-${crypto.randomUUID()}`;
let db: DeskDatabase | undefined;
afterEach(async () => {
  if (db) await dropDatabase(db);
});

/** A desk's cache as version 1 of the app left it: no connectionId index, the last sync time alone. */
async function versionOneCache(): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores({
    locations: 'id',
    instructors: 'id',
    classTypes: 'id',
    sessions: 'id, [locationId+startsAt], startsAt',
    members: 'id, barcode, memberNumber, lastName, firstName',
    bookings: 'id, sessionId, memberId',
    deskActions: 'id, bookingId, state',
    meta: 'key',
  });
  await old.table('sessions').bulkPut([aSession(), aSession({ id: 'zen-yoga', connectionId: 'zenoti' })]);
  await old.table('members').bulkPut([aMember({ firstName: 'Elif', lastName: 'Şahin' })]);
  await old.table('meta').bulkPut([
    { key: 'lastSeq', value: 41 },
    { key: 'lastSyncAt', value: '2026-03-20T16:45:00.000Z' },
  ]);
  old.close();
}

describe('the cache of an earlier version', () => {
  it('opens with its rows findable by connection, its sync time kept, and its numbers not trusted', async () => {
    await versionOneCache();
    db = new DeskDatabase(name);

    expect((await db.sessions.where('connectionId').equals('zenoti').toArray()).map((s) => s.id)).toEqual(['zen-yoga']);
    expect((await readMeta(db, 'deskStatus'))?.lastSyncAt).toBe('2026-03-20T16:45:00.000Z');
    expect(await db.table('meta').get('lastSyncAt')).toBeUndefined();
    // Its seq belongs to no known store: the first catch-up asks as a new desk.
    expect(await readPosition(db)).toEqual({ seq: 0 });
    // Members cached before search keys existed are found like new ones.
    expect((await findMembers(db, 'sahin', aMember().connectionId)).map((m) => m.lastName)).toEqual(['Şahin']);
  });
});
