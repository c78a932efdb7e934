import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DeskAction } from '../../../src-shared/domain';
import type { DeskStore } from './desk-store';

/** The desk journal of releases before the store: one JSON line per state change of an action. */
export const legacyJournalName = 'desk-journal.jsonl';
const migratedMark = 'legacy_journal_migrated';

export interface JournalMigration {
  /** Actions taken over into the store (their latest state each). */
  actions: number;
  /** Lines (1-based) that could not be read; the file is kept aside so nothing is silently lost. */
  unreadableLines: number[];
  /** Where the old file now lies. */
  keptAs?: string;
}

/**
 * Takes the old journal over into the store on the first start of this release.
 * Every line that parses counts, the last one too when its newline is missing
 * (it was fsynced whole; only the newline did not make it), and any line ending
 * (\n, \r\n, \r) is a line end. The import and its mark commit together; the file
 * is then renamed, never deleted, so a crash in between imports nothing twice.
 */
export function migrateLegacyJournal(store: DeskStore, dataDir: string): JournalMigration | undefined {
  const path = join(dataDir, legacyJournalName);
  if (!existsSync(path)) return undefined;
  const keptAs = `${path}.migrated`;
  if (store.meta(migratedMark) !== undefined) {
    renameSync(path, keptAs);
    return { actions: 0, unreadableLines: [], keptAs };
  }
  const { actions, unreadableLines } = readLegacyJournal(readFileSync(path, 'utf8'));
  store.write((change) => {
    for (const action of actions.values()) change.put('deskActions', action, action.updatedAt);
    store.setMeta(migratedMark, change.at);
  });
  renameSync(path, keptAs);
  return { actions: actions.size, unreadableLines, keptAs };
}

export function readLegacyJournal(text: string): { actions: Map<string, DeskAction>; unreadableLines: number[] } {
  const actions = new Map<string, DeskAction>();
  const unreadableLines: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line);
    if (parsed) actions.set(parsed.id, parsed);
    else unreadableLines.push(index + 1);
  });
  return { actions, unreadableLines };
}

function parseLine(line: string): DeskAction | undefined {
  try {
    const result = DeskAction.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
