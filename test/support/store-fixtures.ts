import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { DeskAction, Member, Session } from '../../src-shared/domain';
import type { FetchedBooking, ProviderFetch, ProviderRecords, SyncWindow } from '../../src-main/core/providers/provider';
import type { DeskStore } from '../../src-main/core/store/desk-store';
import { openStore, storeFileName } from '../../src-main/core/store/store-opening';

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public now: Date) {}
  readonly read = () => this.now;
  set(iso: string): void {
    this.now = new Date(iso);
  }
  advanceDays(days: number): void {
    this.now = new Date(this.now.getTime() + days * 24 * 3600_000);
  }
}

/** A real store on disk in a fresh temp directory; close it with `store.close()`. */
export function tempStore(clock: ManualClock, prefix = 'classdesk-store-'): { store: DeskStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { store, problem } = openStore(dir, clock.read);
  if (problem) throw new Error(`a fresh store reported a problem: ${problem}`);
  return { store, dir };
}

export const day = (date: string): SyncWindow => ({
  from: `${date}T00:00:00.000Z`,
  to: new Date(Date.parse(`${date}T00:00:00.000Z`) + 24 * 3600_000).toISOString(),
});

export function session(id: string, startsAt: string, connectionId = 'c'): Session {
  return {
    id,
    connectionId,
    locationId: `${connectionId}:loc`,
    classTypeId: `${connectionId}:type`,
    title: id,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(),
    capacity: 10,
    booked: 1,
    waitlisted: 0,
    status: 'scheduled',
  };
}

export function member(id: string, connectionId = 'c', barcode?: string): Member {
  return { id, connectionId, firstName: 'Ada', lastName: id, memberNumber: `N-${id}`, ...(barcode ? { barcode } : {}) };
}

export function booking(id: string, sessionId: string, memberId: string, patch: Partial<FetchedBooking> = {}): FetchedBooking {
  return { id, connectionId: 'c', sessionId, memberId, status: 'booked', source: 'demo', ...patch };
}

export function records(patch: Partial<ProviderRecords> = {}): ProviderRecords {
  return { locations: [], instructors: [], classTypes: [], sessions: [], members: [], bookings: [], ...patch };
}

export function fetchOf(patch: Partial<ProviderRecords> = {}, extra: Partial<ProviderFetch> = {}): ProviderFetch {
  return { records: records(patch), issues: [], ...extra };
}

export function deskAction(id: string, state: DeskAction['state'], at: string, patch: Partial<DeskAction> = {}): DeskAction {
  return { id, kind: 'check_in', state, connectionId: 'c', bookingId: 'b-1', createdAt: at, updatedAt: at, ...patch };
}

export const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

/** Counts rows of the store's change log, read through a connection of its own (not the store's). */
export function rowsInFile(dir: string, where = '1 = 1', ...params: string[]): { tbl: string; id: string; seq: number; body: string | null }[] {
  const db = new DatabaseSync(join(dir, storeFileName), { readOnly: true });
  try {
    return db.prepare(`SELECT tbl, id, seq, body FROM records WHERE ${where} ORDER BY seq`).all(...params) as {
      tbl: string;
      id: string;
      seq: number;
      body: string | null;
    }[];
  } finally {
    db.close();
  }
}
