import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskAction } from '../../../src-shared/domain';
import { openStore, storeFileName } from '../../../src-main/core/store/store-opening';
import { storeVersion } from '../../../src-main/core/store/store-schema';

const clock = () => new Date('2026-11-23T09:00:00.000Z');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const action = (id: string, fields: Partial<DeskAction>): DeskAction => ({
  id,
  kind: 'check_in',
  state: 'rejected',
  connectionId: 'demo',
  bookingId: 'b-1',
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:01:00.000Z',
  ...fields,
});

const REFUSED = '1a2b3c4d-0000-4000-8000-000000000001';
const VALID = '1a2b3c4d-0000-4000-8000-000000000002';
const CODED = '1a2b3c4d-0000-4000-8000-000000000003';

/** A store as the release before the codes left it: its last migration 3, sentences where codes now go. */
async function storeOfTheReleaseBefore(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'classdesk-codes-'));
  dirs.push(dir);
  const { store } = openStore(dir, clock);
  store.write((change) => {
    change.put('deskActions', action(REFUSED, {}), '2026-11-23T08:01:00.000Z');
    change.put('deskActions', action(VALID, { kind: 'validate_visit', state: 'confirmed', bookingId: undefined, visitorId: '4242000010003' }), '2026-11-23T08:01:00.000Z');
    change.put('deskActions', action(CODED, { error: { code: 'class_full' } }), '2026-11-23T08:01:00.000Z');
  });
  store.saveHealth('zenoti', { state: 'failing', rejectedRecords: 0 });
  store.close();
  const db = new DatabaseSync(join(dir, storeFileName));
  db.prepare("UPDATE records SET body = json_set(body, '$.error', ?) WHERE id = ?").run('Membership paused', REFUSED);
  db.prepare("UPDATE records SET body = json_set(body, '$.outcome', ?) WHERE id = ?").run('Visit valid: Anna Weber', VALID);
  db.prepare("UPDATE health SET body = json_set(body, '$.lastError', ?) WHERE connection_id = ?").run('Zenoti is down.', 'zenoti');
  db.exec('PRAGMA user_version = 3');
  db.close();
  return dir;
}

describe('a store written before messages crossed as codes', () => {
  it('keeps each stored sentence as the system’s words, so an action accepted before the upgrade still shows', async () => {
    // Migrations 5 (the relay's cursors) and 6 (Wellhub class links) run after it and leave records alone.
    expect(storeVersion).toBe(6);
    const dir = await storeOfTheReleaseBefore();
    const { store } = openStore(dir, clock);
    try {
      const get = (id: string) => DeskAction.parse(store.get('deskActions', id));
      expect(get(REFUSED).error).toEqual({ code: 'provider_said', params: { detail: 'Membership paused' } });
      expect(get(VALID).outcome).toEqual({ code: 'provider_said', params: { detail: 'Visit valid: Anna Weber' } });
      // Already a code: left as it is.
      expect(get(CODED).error).toEqual({ code: 'class_full' });
      expect(store.health('zenoti')?.lastError).toEqual({ code: 'provider_said', params: { detail: 'Zenoti is down.' } });
    } finally {
      store.close();
    }
  });
});
