import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageForLog } from '../../../src-shared/desk-messages';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot, type Hello } from '../../../src-shared/contract';
import type { Core } from '../../../src-main/core/core';
import { ProviderError } from '../../../src-main/core/provider-error';
import { applyFetch } from '../../../src-main/core/store/fetch-apply';
import { openStore, storeFileName } from '../../../src-main/core/store/store-opening';
import { value } from '../../support/command-answer';
import { openScriptedCore } from '../../support/scripted-core';
import { ScriptedStudio } from '../../support/scripted-studio';
import { day, fetchOf, ids, member, session } from '../../support/store-fixtures';

const morning = new Date('2026-11-23T09:00:00.000Z');
const clock = () => morning;
const garbage = 'This is not an SQLite database, it is a receipt printer log.\n'.repeat(200);

const opened: Core[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const newDir = () => mkdtempSync(join(tmpdir(), 'classdesk-damaged-'));
const asideFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith(`${storeFileName}.damaged-`));

/** A store file with 2,000 members and a class, closed cleanly (the WAL folded into the file). */
function writtenStore(dir: string): void {
  const { store } = openStore(dir, clock);
  const members = Array.from({ length: 2000 }, (_, i) => member(`m${i}`, 'c', `${100000 + i}`));
  applyFetch(store, 'c', day('2026-11-23'), fetchOf({ sessions: [session('s1', '2026-11-23T10:00:00.000Z')], members }), false);
  store.close();
}

/** Bit rot or a bad sector: the middle half of the file overwritten, its length unchanged. */
function scribbleOverMiddle(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0x5a), 0, Math.floor(size / 2), Math.floor(size / 4));
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes `dir` unwritable. Tests may run as root, where permission bits do not stop writes (root ignores
 * 0o500), so as root the directory is made immutable with `chattr +i` instead: no file can be created,
 * renamed or deleted in it, which is what a read-only folder means to SQLite (it cannot create the -wal
 * and -shm files). Needs CAP_LINUX_IMMUTABLE and a file system with the attribute (ext4, xfs, btrfs);
 * without either the test fails and says so rather than passing on a folder that is writable after all.
 */
function makeUnwritable(dir: string): void {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o500);
    cleanups.push(() => chmodSync(dir, 0o700));
  } else {
    execFileSync('chattr', ['+i', dir]);
    cleanups.push(() => execFileSync('chattr', ['-i', dir]));
  }
  let writable = true;
  try {
    writeFileSync(join(dir, 'probe'), 'x');
  } catch {
    writable = false;
  }
  expect(writable, `could not make ${dir} unwritable for this test`).toBe(false);
}

async function start(dir: string, studio = new ScriptedStudio(morning), logs: string[] = []) {
  const core = await openScriptedCore(dir, studio, clock, logs);
  opened.push(core);
  return { core, studio, logs };
}

const hello = async (core: Core) => value<Hello>(await core.handle('hello', {}));
const snapshot = async (core: Core) => Snapshot.parse(value(await core.handle('getSnapshot', {})));

describe('opening a damaged store file', () => {
  it('puts a file that is not a database aside, never deleting it, and starts a fresh store', () => {
    const dir = newDir();
    writeFileSync(join(dir, storeFileName), garbage);
    const { store, problem } = openStore(dir, clock);
    try {
      const [aside] = asideFiles(dir);
      expect(aside).toBeDefined();
      expect(readFileSync(join(dir, aside!), 'utf8')).toBe(garbage);
      expect(problem).toMatchObject({ code: 'store_put_aside', params: { file: storeFileName, aside: join(dir, aside!) } });
      expect(store.durable).toBe(true);
      applyFetch(store, 'c', day('2026-11-23'), fetchOf({ members: [member('m1')] }), false);
      expect(ids(store.all('members'))).toEqual(['m1']);
    } finally {
      store.close();
    }
    // The fresh store is a good store: the next start finds nothing wrong and keeps what it holds.
    const again = openStore(dir, clock);
    expect(again.problem).toBeUndefined();
    expect(ids(again.store.all('members'))).toEqual(['m1']);
    again.store.close();
  });

  it('puts a truncated store file aside with its full remaining bytes, and says so', () => {
    const dir = newDir();
    writtenStore(dir);
    const path = join(dir, storeFileName);
    const half = Math.floor(statSync(path).size / 2);
    truncateSync(path, half);
    const { store, problem } = openStore(dir, clock);
    try {
      expect(problem?.code).toBe('store_put_aside');
      const [aside] = asideFiles(dir);
      expect(statSync(join(dir, aside!)).size).toBe(half);
      // Whatever was opened answers every query: no malformed-page error later, mid-sync.
      expect(store.all('members')).toEqual([]);
      expect(store.where('members', 'barcode', '100001')).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('finds out at opening a store whose pages in the middle are damaged, not mid-sync later', () => {
    const dir = newDir();
    writtenStore(dir);
    scribbleOverMiddle(join(dir, storeFileName));
    const { store, problem } = openStore(dir, clock);
    try {
      // Header, schema and the small tables are intact; the records' pages are not. Opening must tell,
      // or every later read and every sync fails with "database disk image is malformed".
      expect(problem?.code).toBe('store_put_aside');
      expect(asideFiles(dir)).toHaveLength(1);
      expect(() => store.all('members')).not.toThrow();
      expect(() => applyFetch(store, 'c', day('2026-11-23'), fetchOf({ members: [member('m1')] }), true)).not.toThrow();
    } finally {
      store.close();
    }
  });

  it('through the core: a store with damaged pages still gives a snapshot and takes the next sync', async () => {
    const dir = newDir();
    writtenStore(dir);
    scribbleOverMiddle(join(dir, storeFileName));
    const { core } = await start(dir);
    expect((await hello(core)).status.storeProblem?.code).toBe('store_put_aside');
    expect(ids((await snapshot(core)).records.sessions)).toEqual(['s-later', 's-now']);
  });

  it('through the core: starts, names the problem in the status, and syncs and journals as usual', async () => {
    const dir = newDir();
    writeFileSync(join(dir, storeFileName), garbage);
    const { core, studio, logs } = await start(dir);
    const status = (await hello(core)).status;
    expect(status.storeProblem).toMatchObject({ code: 'store_put_aside', params: { aside: expect.stringMatching(/desk-store\.db\.damaged-/) } });
    // The log keeps the code and its parameters, for support.
    expect(logs.join('\n')).toContain(messageForLog(status.storeProblem!));
    expect(asideFiles(dir)).toHaveLength(1);
    expect(ids((await snapshot(core)).records.sessions)).toEqual(['s-later', 's-now']);
    const action = value<{ state: string }>(await core.handle('checkIn', { actionId: randomUUID(), bookingId: 'b-1' }));
    expect(action.state).toBe('confirmed');
    expect(studio.applied).toHaveLength(1);
  });

  it('through the core: a truncated store is put aside too, and the desk fills again from the provider', async () => {
    const dir = newDir();
    writtenStore(dir);
    truncateSync(join(dir, storeFileName), Math.floor(statSync(join(dir, storeFileName)).size / 2));
    const { core } = await start(dir);
    expect((await hello(core)).status.storeProblem?.code).toBe('store_put_aside');
    expect(asideFiles(dir)).toHaveLength(1);
    expect(ids((await snapshot(core)).records.sessions)).toEqual(['s-later', 's-now']);
  });
});

describe('a data folder that cannot be written', () => {
  it('opens a store in memory that keeps what the file on disk holds, and says why', () => {
    const dir = newDir();
    writtenStore(dir);
    makeUnwritable(dir);
    const { store, problem } = openStore(dir, clock);
    try {
      expect(problem).toEqual({ code: 'store_read_only', params: { dataDir: dir } });
      expect(store.durable).toBe(false);
      expect(store.all('members')).toHaveLength(2000);
      expect(ids(store.all('sessions'))).toEqual(['s1']);
    } finally {
      store.close();
    }
    expect(asideFiles(dir)).toEqual([]);
  });

  it('through the core: serves the stored schedule while the provider is down, and names the problem', async () => {
    const dir = newDir();
    const first = await start(dir);
    await first.core.close();
    opened.splice(opened.indexOf(first.core), 1);
    makeUnwritable(dir);
    const studio = new ScriptedStudio(morning);
    studio.failure = new Error('ECONNRESET');
    const { core } = await start(dir, studio);
    expect((await hello(core)).status.storeProblem?.code).toBe('store_read_only');
    expect(ids((await snapshot(core)).records.sessions)).toEqual(['s-later', 's-now']);
  });

  it("through the core: refuses new desk actions with 'unavailable', sends nothing and writes nothing", async () => {
    const dir = newDir();
    const first = await start(dir);
    await first.core.close();
    opened.splice(opened.indexOf(first.core), 1);
    const before = readFileSync(join(dir, storeFileName));
    makeUnwritable(dir);
    const { core, studio } = await start(dir);
    // The provider answers, so the booking is known whatever the store could load.
    expect(ids((await snapshot(core)).records.bookings)).toEqual(['b-1', 'b-2']);
    const result = await core.handle('checkIn', { actionId: randomUUID(), bookingId: 'b-1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    if (!result.ok) expect(result.error.message.code).toBe('store_read_only');
    const scan = await core.handle('checkInByBarcode', { actionId: randomUUID(), barcode: '1000000000001', locationId: 'loc-1' });
    expect(scan).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(studio.calls).toEqual([]);
    expect((await snapshot(core)).records.deskActions).toEqual([]);
    expect(readFileSync(join(dir, storeFileName)).equals(before)).toBe(true);
    expect(existsSync(join(dir, `${storeFileName}-wal`))).toBe(false);
  });

  it('through the core: a provider that fails is still named per connection, with the store problem beside it', async () => {
    const dir = newDir();
    makeUnwritable(dir);
    const studio = new ScriptedStudio(morning);
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    const { core } = await start(dir, studio);
    const { status } = await hello(core);
    expect(status).toMatchObject({ connection: 'offline', storeProblem: { code: 'store_read_only', params: expect.any(Object) } });
    expect(status.connections).toEqual([expect.objectContaining({ id: 'scripted', state: 'failing' })]);
  });

  it('never lets its in-memory store pass for the file: it has a store id of its own', () => {
    const dir = newDir();
    writtenStore(dir);
    const onDisk = openStore(dir, clock).store;
    const fileId = onDisk.id;
    onDisk.close();
    makeUnwritable(dir);
    const { store } = openStore(dir, clock);
    try {
      // Changes made in memory take numbers the file never gets; a renderer holding them must get a snapshot
      // from the file's store later, not "the changes since" a number that means something else there.
      expect(store.id).not.toBe(fileId);
    } finally {
      store.close();
    }
  });

  it('through the core: an action confirmed in memory is not sent again once the folder can be written', async () => {
    const dir = newDir();
    const studio = new ScriptedStudio(morning);
    const first = await start(dir, studio);
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    const actionId = randomUUID();
    expect(value<{ state: string }>(await first.core.handle('checkIn', { actionId, bookingId: 'b-1' })).state).toBe('accepted');
    await first.core.close();
    opened.splice(opened.indexOf(first.core), 1);

    studio.failure = undefined;
    studio.calls.splice(0);
    makeUnwritable(dir);
    const readOnly = await start(dir, studio);
    await readOnly.core.handle('syncNow', {});
    await readOnly.core.close();
    opened.splice(opened.indexOf(readOnly.core), 1);
    cleanups.splice(0).forEach((cleanup) => cleanup());

    const writable = await start(dir, studio);
    await writable.core.handle('syncNow', {});
    // Whatever the read-only run did with it, the provider hears of the check-in once, and the desk ends confirmed.
    expect(studio.calls.filter((call) => call.actionId === actionId)).toHaveLength(1);
    expect(studio.applied).toEqual([actionId]);
    expect((await snapshot(writable.core)).records.deskActions).toEqual([expect.objectContaining({ id: actionId, state: 'confirmed' })]);
  });
});
