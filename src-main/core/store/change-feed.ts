import { recordTables, type CatchUp, type ChangeSet, type RecordSet, type RecordTable, type Snapshot } from '../../../src-shared/contract';
import type { DeskStore } from './desk-store';

interface ChangedRow {
  tbl: string;
  id: string;
  body: string | null;
}

const emptyRecordSet = (): RecordSet => ({
  locations: [],
  instructors: [],
  classTypes: [],
  sessions: [],
  members: [],
  bookings: [],
  deskActions: [],
});

const isTable = (name: string): name is RecordTable => (recordTables as readonly string[]).includes(name);

/**
 * What renderers are told, read from the store's change log: the rows changed
 * after a sequence number (found through the seq index, so the cost grows with
 * the change, not the cache), or everything when a renderer cannot catch up.
 */
export class ChangeFeed {
  private published: number;

  constructor(private readonly store: DeskStore) {
    this.published = store.lastSeq();
  }

  /** The changes committed since the last call, or nothing when nothing was committed. */
  next(): ChangeSet | undefined {
    const seq = this.store.lastSeq();
    if (seq === this.published) return undefined;
    const changes = this.since(this.published);
    this.published = seq;
    return changes;
  }

  /** A renderer says what it holds; it gets the changes since, or a snapshot when those are gone. */
  catchUp(storeId: string | undefined, since: number, active: string[]): CatchUp {
    const canCatchUp = storeId === this.store.id && since >= this.store.horizon() && since <= this.store.lastSeq();
    if (canCatchUp) return { kind: 'changes', ...this.since(since) };
    return { kind: 'snapshot', ...this.snapshot(active) };
  }

  snapshot(active: string[]): Snapshot {
    const records = emptyRecordSet();
    const seq = this.store.lastSeq();
    for (const row of this.store.rows<ChangedRow>('SELECT tbl, id, body FROM records WHERE body IS NOT NULL ORDER BY tbl, first_seq')) {
      if (row.body && isTable(row.tbl)) (records[row.tbl] as unknown[]).push(JSON.parse(row.body));
    }
    return { store: this.store.id, seq, records, active, covered: [...this.store.coverage().keys()] };
  }

  private since(from: number): ChangeSet {
    const upserts: Partial<Record<RecordTable, unknown[]>> = {};
    const removals: Partial<Record<RecordTable, string[]>> = {};
    for (const row of this.store.rows<ChangedRow>('SELECT tbl, id, body FROM records WHERE seq > ? ORDER BY seq', from)) {
      if (!isTable(row.tbl)) continue;
      if (row.body === null) (removals[row.tbl] ??= []).push(row.id);
      else (upserts[row.tbl] ??= []).push(JSON.parse(row.body));
    }
    const replaced = [...this.store.coverage()].filter(([, firstSeq]) => firstSeq > from).map(([id]) => id);
    // Rows come from the store, which holds only rows of their table's schema type.
    return { store: this.store.id, from, seq: this.store.lastSeq(), replaced, upserts: upserts as ChangeSet['upserts'], removals };
  }
}
