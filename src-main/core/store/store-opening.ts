import { chmodSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import type { Clock } from '../clock';
import { DeskStore } from './desk-store';
import { deskMessage, type DeskMessage } from '../../../src-shared/desk-messages';

export const storeFileName = 'desk-store.db';

export interface OpenedStore {
  store: DeskStore;
  /** What went wrong on the way, as a code the desk words for the IT person; absent when all is well. */
  problem?: DeskMessage;
}

/**
 * Opens the data directory's store. A file that is not a readable store is put
 * aside (never deleted: someone may want it) and a fresh store starts, which the
 * next sync fills again. A folder that cannot be written gets a store in memory,
 * loaded with what the file on disk still holds, and says so: the desk keeps
 * working, but nothing new survives a restart.
 */
export function openStore(dataDir: string, clock: Clock): OpenedStore {
  const path = join(dataDir, storeFileName);
  try {
    return { store: probe(openPrivately(path), clock, true) };
  } catch (error) {
    if (isReadOnly(error)) return inMemoryCopyOf(path, dataDir, clock);
    if (!isDamaged(error)) throw error;
    const aside = `${path}.damaged-${clock().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    const store = probe(openPrivately(path), clock, true);
    return {
      store,
      problem: deskMessage('store_put_aside', { file: storeFileName, aside, detail: messageOf(error).slice(0, 2000) }),
    };
  }
}

/** Member data: readable by this user only (SQLite gives the -wal and -shm files the same mode). */
function openPrivately(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  chmodSync(path, 0o600);
  return db;
}

/**
 * Opening reads little, so a file damaged in its middle would pass and fail later, in a sync or a
 * snapshot, for good. `quick_check` reads every page once (about 0.2 s for 70 MB) and fails here instead.
 */
function probe(db: DatabaseSync, clock: Clock, durable: boolean): DeskStore {
  try {
    const store = new DeskStore(db, clock, durable);
    const verdict = db.prepare('PRAGMA quick_check(1)').get() as { quick_check?: string } | undefined;
    if (verdict?.quick_check !== 'ok') throw new Error(`database disk image is malformed: ${verdict?.quick_check ?? 'no answer'}`);
    return store;
  } catch (error) {
    db.close();
    throw error;
  }
}

function inMemoryCopyOf(path: string, dataDir: string, clock: Clock): OpenedStore {
  const problem = deskMessage('store_read_only', { dataDir });
  const memory = new DatabaseSync(':memory:');
  try {
    if (existsSync(path)) memory.deserialize(readOnlyImage(path));
    return { store: probe(memory, clock, false), problem };
  } catch {
    return { store: probe(new DatabaseSync(':memory:'), clock, false), problem };
  }
}

/**
 * The store file's pages, read without writing anything: a WAL database normally needs its -shm file,
 * which a read-only folder cannot hold, so the file is opened `immutable` (what a crash left in a -wal
 * file is not seen). The image's header is switched from WAL to a rollback journal, which a database in
 * memory can run with.
 */
function readOnlyImage(path: string): Uint8Array {
  const url = pathToFileURL(path);
  url.searchParams.set('immutable', '1');
  const onDisk = new DatabaseSync(url, { readOnly: true });
  try {
    const image = onDisk.serialize();
    // Bytes 18 and 19 of the header: file format write and read versions, 2 = WAL, 1 = legacy.
    image[18] = 1;
    image[19] = 1;
    return image;
  } finally {
    onDisk.close();
  }
}

function codeOf(error: unknown): string {
  const value = error as { errstr?: unknown; code?: unknown; message?: unknown };
  return `${String(value.code ?? '')} ${String(value.errstr ?? '')} ${String(value.message ?? '')}`.toLowerCase();
}

const isReadOnly = (error: unknown) => /readonly|read-only|unable to open|cantopen|permission denied|eacces|erofs/.test(codeOf(error));
const isDamaged = (error: unknown) => /not a database|malformed|corrupt|notadb|disk image|newer classdesk/.test(codeOf(error));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
