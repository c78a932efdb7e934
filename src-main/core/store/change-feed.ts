import { recordTables, type CatchUp, type ChangeSet, type RecordSet, type RecordTable, type Snapshot, type SnapshotRest } from '../../../src-shared/contract';
import { DeskError } from '../command-dispatch';
import type { DeskStore } from './desk-store';
import { storeQueries } from './store-queries';

/** A store up to this size comes whole (one studio's): everything is cached at once, members too. */
const wholeUpToRows = 5_000;
/**
 * Rows per part of a bigger store's snapshot, after the desk's today. Small enough that the page reads,
 * checks and writes one part (about 230 kB) in well under 100 ms: a scan while a new desk still catches
 * up waits behind one part, and 5,000-row parts held it 300-550 ms (bench part 4, "Answers over 100 ms").
 */
const partRows = 1_000;

/** The classes a new desk needs before anything else: its location's today (every location's, before it has one). */
export interface DeskFirst {
  days: { locationId: string; from: string; to: string }[];
}

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
  visits: [],
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
  catchUp(storeId: string | undefined, since: number, active: string[], first?: DeskFirst): CatchUp {
    const canCatchUp = storeId === this.store.id && since >= this.store.horizon() && since <= this.store.lastSeq();
    if (canCatchUp) return { kind: 'changes', ...this.since(since) };
    return { kind: 'snapshot', ...this.snapshot(active, first) };
  }

  /**
   * Everything the store holds, at once when it is small; in parts when it is a chain's (the whole of
   * it takes a new renderer many seconds to write): first what `first` names, then `rest` by cursor.
   */
  snapshot(active: string[], first?: DeskFirst): Snapshot {
    const whole = { store: this.store.id, seq: this.store.lastSeq(), active, covered: [...this.store.coverage().keys()] };
    const live = this.store.one<{ n: number }>('SELECT count(*) AS n FROM records WHERE body IS NOT NULL')?.n ?? 0;
    if (!first || live <= wholeUpToRows) return { ...whole, records: this.read('SELECT tbl, id, body FROM records WHERE body IS NOT NULL ORDER BY tbl, first_seq') };
    return { ...whole, records: this.deskFirst(first), more: cursorAfter('', '') };
  }

  /** The next part of a snapshot, by the cursor the previous part ended with. */
  rest(storeId: string, more: string): SnapshotRest {
    if (storeId !== this.store.id) throw new DeskError('conflict', { code: 'desk_service_restarted' });
    const [tbl, id] = cursorParts(more);
    const rows = this.store.rows<ChangedRow>(
      'SELECT tbl, id, body FROM records WHERE body IS NOT NULL AND (tbl > ? OR (tbl = ? AND id > ?)) ORDER BY tbl, id LIMIT ?',
      tbl,
      tbl,
      id,
      partRows,
    );
    const last = rows.at(-1);
    const records = this.collect(rows);
    return rows.length < partRows || !last ? { records } : { records, more: cursorAfter(last.tbl, last.id) };
  }

  /** Reference data, the desk's today with its rosters and members, and desk actions not yet settled. */
  private deskFirst(first: DeskFirst): RecordSet {
    const records = emptyRecordSet();
    records.locations = this.store.all('locations');
    records.instructors = this.store.all('instructors');
    records.classTypes = this.store.all('classTypes');
    records.deskActions = [...this.store.where('deskActions', 'state', 'accepted'), ...this.store.where('deskActions', 'state', 'needs_attention')];
    const members = new Map<string, RecordSet['members'][number]>();
    for (const day of first.days) {
      for (const session of this.store.sessionsAt(day.locationId, day.from, day.to)) {
        records.sessions.push(session);
        for (const booking of this.store.where('bookings', 'session_id', session.id)) {
          records.bookings.push(booking);
          const member = members.has(booking.memberId) ? undefined : this.store.get('members', booking.memberId);
          if (member) members.set(member.id, member);
        }
      }
    }
    records.members = [...members.values()];
    return records;
  }

  private read(sql: string): RecordSet {
    return this.collect(this.store.rows<ChangedRow>(sql));
  }

  private collect(rows: ChangedRow[]): RecordSet {
    const records = emptyRecordSet();
    for (const row of rows) if (row.body && isTable(row.tbl)) (records[row.tbl] as unknown[]).push(JSON.parse(row.body));
    return records;
  }

  private since(from: number): ChangeSet {
    const upserts: Partial<Record<RecordTable, unknown[]>> = {};
    const removals: Partial<Record<RecordTable, string[]>> = {};
    for (const row of this.store.rows<ChangedRow>(storeQueries.changedSince, from)) {
      if (!isTable(row.tbl)) continue;
      if (row.body === null) (removals[row.tbl] ??= []).push(row.id);
      else (upserts[row.tbl] ??= []).push(JSON.parse(row.body));
    }
    const replaced = [...this.store.coverage()].filter(([, firstSeq]) => firstSeq > from).map(([id]) => id);
    // Rows come from the store, which holds only rows of their table's schema type.
    return { store: this.store.id, from, seq: this.store.lastSeq(), replaced, upserts: upserts as ChangeSet['upserts'], removals };
  }
}

const cursorAfter = (tbl: string, id: string) => JSON.stringify([tbl, id]);

function cursorParts(more: string): [string, string] {
  try {
    const parts: unknown = JSON.parse(more);
    if (Array.isArray(parts) && parts.length === 2 && typeof parts[0] === 'string' && typeof parts[1] === 'string') return [parts[0], parts[1]];
  } catch {
    // Not JSON: answered below like any other cursor this feed did not make.
  }
  throw new DeskError('invalid_input', { code: 'snapshot_cursor_invalid' });
}
