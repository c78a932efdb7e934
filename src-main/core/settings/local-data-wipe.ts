import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deskSettingsFileName } from './config-folder';

/**
 * The files that make up a desk's local data: the store (with SQLite's -wal and -shm), the
 * connections, the desk's own settings, the stored keys (API keys and Wellhub relay desk tokens, one
 * file), the relay cursors (in the store), the demo studio's bookings and the old
 * journal, each with the copies Classdesk set aside beside it (`.corrupt-…`, `.damaged-…`,
 * `.migrated`), which hold the same members and keys. The log folder stays: support needs it to
 * see what happened, and it never holds a key.
 */
export function localDataFiles(credentialsFile: string): string[] {
  return ['desk-store.db', 'connections.json', deskSettingsFileName, 'desk.json', 'demo-studio.json', 'desk-journal.jsonl', credentialsFile];
}

/** Removes the desk's local data from `dataDir`; returns the names removed. Call only with the store closed. */
export async function removeLocalData(dataDir: string, credentialsFile: string): Promise<string[]> {
  const stems = localDataFiles(credentialsFile);
  const names = await readdir(dataDir);
  const doomed = names.filter((name) => stems.some((stem) => name === stem || name.startsWith(`${stem}-`) || name.startsWith(`${stem}.`)));
  for (const name of doomed) await rm(join(dataDir, name), { force: true, recursive: true });
  return doomed;
}
