import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordTables, type DeskEvent, type RecordSet, type RecordTable, type Snapshot } from '../../src-shared/contract';
import type { Clock } from '../../src-main/core/clock';
import { openCore, type Core } from '../../src-main/core/core';
import { testCredentials } from '../support/test-credentials';

/**
 * A core opened in this process exactly as an app would see it: only commands
 * in and events out. It keeps a replica of the records from the events (as the
 * renderer does) and counts the bytes of every event as JSON.
 */

type Row = RecordSet[RecordTable][number];

export class EventReplica {
  readonly tables = new Map<RecordTable, Map<string, Row>>(recordTables.map((table) => [table, new Map()]));
  seq = 0;

  load(snapshot: Snapshot): void {
    for (const table of recordTables) {
      const rows = new Map<string, Row>();
      for (const row of snapshot.records[table]) rows.set(row.id, row);
      this.tables.set(table, rows);
    }
    this.seq = snapshot.seq;
  }

  /** False when a change set is missing in between (the caller then loads a snapshot). */
  apply(event: DeskEvent): boolean {
    if (event.name !== 'changes') return true;
    const changes = event.payload;
    if (changes.seq !== this.seq + 1) return false;
    for (const table of recordTables) {
      const rows = this.tables.get(table)!;
      for (const row of changes.upserts[table] ?? []) rows.set(row.id, row);
      for (const id of changes.removals[table] ?? []) rows.delete(id);
    }
    this.seq = changes.seq;
    return true;
  }

  rows<K extends RecordTable>(table: K): RecordSet[K][number][] {
    return [...this.tables.get(table)!.values()] as RecordSet[K][number][];
  }

  count(): number {
    let total = 0;
    for (const rows of this.tables.values()) total += rows.size;
    return total;
  }
}

export interface Harness {
  core: Core;
  replica: EventReplica;
  /** Contract events so far and their size as JSON (UTF-8 bytes). */
  events: { count: number; bytes: number; changeSets: number };
  logLines: string[];
  /** Called after every event, once the replica has it. */
  onEvent(listener: (event: DeskEvent) => void): void;
  command<T>(name: string, input: unknown): Promise<T>;
  /** Closes the core, but gives up waiting after `ms` (a pass may be waiting for rate budget). */
  close(ms?: number): Promise<void>;
}

export async function openHarness(clock: Clock): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-bench-'));
  const logLines: string[] = [];
  const core = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [],
    clock,
    log: (message, error) => logLines.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`.trim()),
  });
  const replica = new EventReplica();
  const events = { count: 0, bytes: 0, changeSets: 0 };
  const listeners: ((event: DeskEvent) => void)[] = [];

  const command = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await core.handle(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  let healing = false;
  core.subscribe((event) => {
    events.count += 1;
    events.bytes += Buffer.byteLength(JSON.stringify(event));
    if (event.name === 'changes') events.changeSets += 1;
    if (!replica.apply(event) && !healing) {
      healing = true;
      void command<Snapshot>('getSnapshot', {}).then((snapshot) => {
        replica.load(snapshot);
        healing = false;
      });
    }
    for (const listener of listeners) listener(event);
  });
  replica.load(await command<Snapshot>('getSnapshot', {}));

  return {
    core,
    replica,
    events,
    logLines,
    onEvent: (listener) => listeners.push(listener),
    command,
    close: async (ms = 15_000) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
      await Promise.race([core.close().catch(() => undefined), late]);
      clearTimeout(timer);
    },
  };
}

/** Waits until `done()` is true (checked after every event and every `pollMs`), or `timeoutMs` passed; returns whether it became true. */
export function waitUntil(harness: Harness, done: () => boolean, timeoutMs: number, onTick?: () => void, tickMs = 15_000): Promise<boolean> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = (value: boolean) => {
      if (finished) return;
      finished = true;
      clearInterval(poll);
      clearInterval(tick);
      clearTimeout(timeout);
      resolve(value);
    };
    const check = () => {
      if (!finished && done()) finish(true);
    };
    harness.onEvent(check);
    const poll = setInterval(check, 250);
    const tick = setInterval(() => onTick?.(), tickMs);
    const timeout = setTimeout(() => finish(false), timeoutMs);
    check();
  });
}
