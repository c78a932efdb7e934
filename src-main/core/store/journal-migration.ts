import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DeskAction } from '../../../src-shared/domain';
import { fromLegacyText } from '../../../src-shared/desk-messages';
import type { DeskStore } from './desk-store';

/** The desk journal of releases before the store: one JSON line per state change of an action. */
export const legacyJournalName = 'desk-journal.jsonl';

export interface JournalMigration {
  /** Actions taken over into the store (their latest state each); those it already knew are left as they are. */
  actions: number;
  /** Lines (1-based) that could not be read; the file is kept aside so nothing is silently lost. */
  unreadableLines: number[];
  /** Where the old file now lies. */
  keptAs: string;
}

/**
 * Takes an old journal over into the store: on the first start of this release, and again if an older
 * release wrote a new one since. Every line that parses counts, the last one too when its newline is
 * missing (it was fsynced whole; only the newline did not make it), and any line ending (\n, \r\n, \r)
 * is a line end. Only actions the store does not know are taken: the store's own state of an action is
 * newer than any journal's, and a crash between the import and the rename imports nothing twice. The
 * file is then renamed, never deleted, and never over an earlier kept one.
 */
export function migrateLegacyJournal(store: DeskStore, dataDir: string): JournalMigration | undefined {
  const path = join(dataDir, legacyJournalName);
  if (!existsSync(path)) return undefined;
  const { actions, unreadableLines } = readLegacyJournal(readFileSync(path, 'utf8'));
  const taken = store.write((change) => {
    let count = 0;
    for (const action of actions.values()) {
      if (store.get('deskActions', action.id)) continue;
      change.put('deskActions', action, action.updatedAt);
      count += 1;
    }
    return count;
  });
  const keptAs = freeName(`${path}.migrated`);
  renameSync(path, keptAs);
  return { actions: taken, unreadableLines, keptAs };
}

function freeName(wanted: string): string {
  let name = wanted;
  for (let n = 2; existsSync(name); n += 1) name = `${wanted}-${n}`;
  return name;
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
    const result = DeskAction.safeParse(withCodedMessages(JSON.parse(line)));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** An action of a release before the codes carries its error or outcome as a sentence: kept as the system's words. */
function withCodedMessages(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') return raw;
  const action = { ...(raw as Record<string, unknown>) };
  for (const field of ['error', 'outcome']) {
    const text = action[field];
    if (typeof text === 'string') action[field] = fromLegacyText(text);
  }
  return action;
}
