import { recordTables, type ChangeSet, type RecordSet, type RecordTable, type Snapshot } from '../../src-shared/contract';
import { emptyRecords } from './fixtures';

type Row = { id: string; connectionId: string };
const providerTables = recordTables.filter((table) => table !== 'deskActions');
const rowsOf = (records: RecordSet, table: RecordTable): Row[] => records[table];

interface Logged {
  seq: number;
  changed: Map<RecordTable, Set<string>>;
  replaced: string[];
}

/**
 * The core's durable store as the renderer sees it through the contract: an id, sequence
 * numbers (not necessarily consecutive), a log of what changed at each, and a horizon before
 * which the tombstones are gone. Catch-up answers follow the contract's rules, not the core's code.
 */
export class FakeStore {
  id = 'store-a';
  seq = 0;
  /** Changes after this seq can still be told; a desk further behind gets a snapshot. */
  horizon = 0;
  records: RecordSet;
  /** Connections the core serves, and those it has fetched data for. */
  active: string[];
  covered: string[];
  private log: Logged[] = [];

  constructor(records: Partial<RecordSet>, connections: string[]) {
    this.records = { ...emptyRecords(), ...records };
    this.active = [...connections];
    this.covered = [...connections];
  }

  /** Everything the store holds: only covered connections have rows, desk actions whole. */
  snapshot(): Snapshot {
    const records = emptyRecords();
    for (const table of recordTables) {
      const rows = rowsOf(this.records, table).filter((row) => table === 'deskActions' || this.covered.includes(row.connectionId));
      (records[table] as Row[]) = rows;
    }
    return structuredClone({ store: this.id, seq: this.seq, records, active: this.active, covered: this.covered });
  }

  /** Whether a desk holding `since` of `store` can be told the changes (else it needs a snapshot). */
  canTell(store: string | undefined, since: number): boolean {
    return store === this.id && since >= this.horizon && since <= this.seq;
  }

  /** The rows changed after `since`, as they stand now, and the ids gone since. */
  changesSince(since: number): ChangeSet {
    const changed = new Map<RecordTable, Set<string>>();
    const replaced = new Set<string>();
    for (const entry of this.log.filter((logged) => logged.seq > since)) {
      for (const [table, ids] of entry.changed) for (const id of ids) note(changed, table, id);
      for (const connection of entry.replaced) replaced.add(connection);
    }
    const upserts: ChangeSet['upserts'] = {};
    const removals: ChangeSet['removals'] = {};
    for (const table of recordTables) {
      const ids = changed.get(table) ?? new Set<string>();
      const rows = rowsOf(this.records, table).filter((row) => ids.has(row.id) || replaced.has(row.connectionId));
      const gone = [...ids].filter((id) => !rows.some((row) => row.id === id));
      if (rows.length > 0) (upserts[table] as Row[] | undefined) = rows;
      if (gone.length > 0) removals[table] = gone;
    }
    return structuredClone({ store: this.id, from: since, seq: this.seq, replaced: [...replaced], upserts, removals });
  }

  /**
   * Changes rows and returns the change set the core would push. A `replaced` connection's
   * earlier rows leave the store; its rows in `upserts` are all it has now.
   */
  change(upserts: ChangeSet['upserts'], removals: ChangeSet['removals'], replaced: string[], step: number): ChangeSet {
    const changed = new Map<RecordTable, Set<string>>();
    for (const table of providerTables) {
      const [gone, kept] = partition(rowsOf(this.records, table), (row) => replaced.includes(row.connectionId));
      (this.records[table] as Row[]) = kept;
      for (const row of gone) note(changed, table, row.id);
    }
    for (const table of recordTables) {
      const rows = (upserts[table] ?? []) as Row[];
      const ids = [...rows.map((row) => row.id), ...(removals[table] ?? [])];
      (this.records[table] as Row[]) = [...rowsOf(this.records, table).filter((row) => !ids.includes(row.id)), ...rows];
      for (const id of ids) note(changed, table, id);
    }
    for (const connection of replaced) if (!this.covered.includes(connection)) this.covered.push(connection);
    const from = this.seq;
    this.seq += step;
    this.log.push({ seq: this.seq, changed, replaced });
    return structuredClone({ store: this.id, from, seq: this.seq, replaced, upserts, removals });
  }

  /** The core prunes its tombstones: desks behind `seq` get a snapshot from now on. */
  forgetUpTo(seq: number): void {
    this.horizon = seq;
    this.log = this.log.filter((logged) => logged.seq > seq);
  }

  /** A new store (its data directory was replaced): old sequence numbers mean nothing any more. */
  renew(id: string): void {
    this.id = id;
    this.log = [];
    this.horizon = this.seq;
  }
}

function note(changed: Map<RecordTable, Set<string>>, table: RecordTable, id: string): void {
  const ids = changed.get(table) ?? new Set<string>();
  ids.add(id);
  changed.set(table, ids);
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
