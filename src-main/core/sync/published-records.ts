import { recordTables, type ChangeSet, type RecordSet, type RecordTable } from '../../../src-shared/contract';

type Row = RecordSet[RecordTable][number];
interface Published {
  row: Row;
  print: string;
}

export interface RecordDiff {
  upserts: ChangeSet['upserts'];
  removals: ChangeSet['removals'];
  empty: boolean;
}

/**
 * What renderers have been sent, one fingerprint per record. Diffing a fresh
 * fetch against it is how an unchanged pass costs nothing: no event, no write.
 */
export class PublishedRecords {
  private readonly tables = new Map<RecordTable, Map<string, Published>>(
    recordTables.map((table) => [table, new Map()]),
  );

  /** The changes that bring a renderer from what was published to `next`, which becomes the published state. */
  advanceTo(next: RecordSet): RecordDiff {
    const upserts: Partial<Record<RecordTable, Row[]>> = {};
    const removals: Partial<Record<RecordTable, string[]>> = {};
    for (const table of recordTables) {
      const before = this.table(table);
      const seen = new Set<string>();
      const changed: Row[] = [];
      for (const row of next[table]) {
        seen.add(row.id);
        const print = JSON.stringify(row);
        if (before.get(row.id)?.print !== print) {
          before.set(row.id, { row, print });
          changed.push(row);
        }
      }
      const gone = [...before.keys()].filter((rowId) => !seen.has(rowId));
      for (const rowId of gone) before.delete(rowId);
      if (changed.length > 0) upserts[table] = changed;
      if (gone.length > 0) removals[table] = gone;
    }
    const empty = Object.keys(upserts).length === 0 && Object.keys(removals).length === 0;
    // Each table's rows are that table's schema type; the generic Row union loses that link.
    return { upserts: upserts as ChangeSet['upserts'], removals, empty };
  }

  /** Everything published so far, for a renderer that (re)connects. */
  current(): RecordSet {
    const entries = recordTables.map((table) => [table, [...this.table(table).values()].map((p) => p.row)]);
    return Object.fromEntries(entries) as RecordSet;
  }

  private table(table: RecordTable): Map<string, Published> {
    const rows = this.tables.get(table);
    if (!rows) throw new Error(`Unknown table ${table}`);
    return rows;
  }
}
