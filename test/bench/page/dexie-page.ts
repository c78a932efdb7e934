import Dexie from 'dexie';
import { recordTables, type RecordSet } from '../../../src-shared/contract';
import { DeskDatabase } from '../../../src-renderer/src/data/db';
import { applyChangeSet, applySnapshot } from '../../../src-renderer/src/data/replica';
import { findMembers } from '../../../src-renderer/src/screens/check-in/member-search';
import { chainRecords, chainSize, recordCount, type ChainSize } from './chain-records';

/**
 * The bench page: the renderer's real replica code (applyChangeSet /
 * applySnapshot into the real DeskDatabase) against bare IndexedDB puts of the
 * same records into object stores with the same keys and indexes.
 */

export interface ApplyTimes {
  records: number;
  bareMs: number[];
  changeSetMs: number[];
  snapshotMs: number;
  /** Each keystroke's member search over the full cache, as the check-in bar runs it. */
  searches: { text: string; ms: number; found: number }[];
  userAgent: string;
}

/**
 * What staff type at the chain's first location, keystroke by keystroke: a common last name (a
 * thousand members share it), a first and last name, a member number, an e-mail and a phone number.
 */
const typed = ['Hayes', 'hugo hay', 'ZN1042', 'hugo.hayes.7', '+1 5550000007'];
const keystrokes = typed.flatMap((text) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)));

async function timeSearches(db: DeskDatabase, connectionId: string): Promise<ApplyTimes['searches']> {
  // Warm: the first query opens the index.
  await findMembers(db, 'a', connectionId);
  const searches: ApplyTimes['searches'] = [];
  for (const text of keystrokes) {
    const started = performance.now();
    const found = await findMembers(db, text, connectionId);
    searches.push({ text, ms: performance.now() - started, found: found.length });
  }
  return searches;
}

/** The DeskDatabase schema (version 1) in IndexedDB's own terms. */
const stores: Record<string, { keyPath: string; indexes: Record<string, string | string[]> }> = {
  locations: { keyPath: 'id', indexes: {} },
  instructors: { keyPath: 'id', indexes: {} },
  classTypes: { keyPath: 'id', indexes: {} },
  sessions: { keyPath: 'id', indexes: { '[locationId+startsAt]': ['locationId', 'startsAt'], startsAt: 'startsAt' } },
  members: { keyPath: 'id', indexes: { barcode: 'barcode', memberNumber: 'memberNumber', lastName: 'lastName', firstName: 'firstName' } },
  bookings: { keyPath: 'id', indexes: { sessionId: 'sessionId', memberId: 'memberId' } },
  deskActions: { keyPath: 'id', indexes: { bookingId: 'bookingId', state: 'state' } },
  meta: { keyPath: 'key', indexes: {} },
};

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function deleteDatabase(name: string): Promise<void> {
  await request(indexedDB.deleteDatabase(name));
}

async function openBare(name: string): Promise<IDBDatabase> {
  await deleteDatabase(name);
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const [store, shape] of Object.entries(stores)) {
      const created = open.result.createObjectStore(store, { keyPath: shape.keyPath });
      for (const [index, keyPath] of Object.entries(shape.indexes)) created.createIndex(index, keyPath);
    }
  };
  return request(open);
}

/** Every record put in one read-write transaction, as applyChangeSet does, without Dexie. */
async function barePut(records: RecordSet, seq: number): Promise<number> {
  const db = await openBare('bench-bare');
  const started = performance.now();
  const tx = db.transaction(Object.keys(stores), 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  for (const table of recordTables) {
    const store = tx.objectStore(table);
    for (const row of records[table]) store.put(row);
  }
  tx.objectStore('meta').put({ key: 'lastSeq', value: seq });
  await done;
  const ms = performance.now() - started;
  db.close();
  return ms;
}

async function freshDesk(): Promise<DeskDatabase> {
  await Dexie.delete('bench-dexie');
  const db = new DeskDatabase('bench-dexie');
  await db.open();
  return db;
}

async function changeSetApply(records: RecordSet, seq: number): Promise<number> {
  const db = await freshDesk();
  const started = performance.now();
  await applyChangeSet(db, { store: 'bench', from: seq - 1, seq, replaced: [], upserts: records, removals: {} });
  const ms = performance.now() - started;
  db.close();
  return ms;
}

async function run(size: ChainSize = chainSize, rounds = 2): Promise<ApplyTimes> {
  const state = document.getElementById('state');
  const records = chainRecords(size);
  // A small warm-up of both paths: compiled code and opened backing stores before timing.
  const warm = chainRecords({ ...size, locations: 1, days: 1, members: 500 });
  await barePut(warm, 1);
  await changeSetApply(warm, 1);
  const bareMs: number[] = [];
  const changeSetMs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (state) state.textContent = `round ${round + 1}`;
    bareMs.push(await barePut(records, 1));
    changeSetMs.push(await changeSetApply(records, 1));
  }
  // A snapshot over a full cache: every table cleared and filled again in one transaction.
  const db = new DeskDatabase('bench-dexie');
  await db.open();
  const started = performance.now();
  await applySnapshot(db, { store: 'bench', seq: 2, records, active: [], covered: [] });
  const snapshotMs = performance.now() - started;
  if (state) state.textContent = 'member searches';
  const searches = await timeSearches(db, records.locations[0]!.connectionId);
  db.close();
  await Dexie.delete('bench-dexie');
  await deleteDatabase('bench-bare');
  if (state) state.textContent = 'done';
  return { records: recordCount(records), bareMs, changeSetMs, snapshotMs, searches, userAgent: navigator.userAgent };
}

declare global {
  interface Window {
    classdeskBench?: { run: typeof run };
  }
}

window.classdeskBench = { run };
document.getElementById('state')!.textContent = 'ready';
