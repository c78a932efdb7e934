import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The kit's place in the desk's data folder: one folder per day, one PDF per location. */
export const outageKitFolderName = 'outage-kit';

export function outageKitFolder(dataDir: string): string {
  return join(dataDir, outageKitFolderName);
}

const dayFolderPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A file name IT can read in a folder listing ("studio-mitte"), safe on every file system: letters
 * lose their accents, anything else becomes a dash. A name with nothing left (a Japanese studio
 * name) falls back to the location's id, made safe the same way.
 */
export function fileStem(name: string, fallback: string): string {
  const safe = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  return safe(name) || safe(fallback) || 'location';
}

/** Gives each location of the day its own stem, even where two connections name a studio alike. */
export function uniqueStems(locations: { id: string; name: string }[]): Map<string, string> {
  const taken = new Set<string>();
  const stems = new Map<string, string>();
  for (const location of [...locations].sort((a, b) => a.id.localeCompare(b.id))) {
    const stem = fileStem(location.name, location.id);
    let unique = stem;
    for (let n = 2; taken.has(unique); n += 1) unique = `${stem}-${n}`;
    taken.add(unique);
    stems.set(location.id, unique);
  }
  return stems;
}

export async function dayFolder(kitFolder: string, day: string): Promise<string> {
  const folder = join(kitFolder, day);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  return folder;
}

/** Keeps the newest `keepDays` day folders and removes the older ones: rosters are member data. */
export async function pruneKitDays(kitFolder: string, keepDays: number): Promise<string[]> {
  const entries = await readdir(kitFolder, { withFileTypes: true }).catch(() => []);
  const days = entries
    .filter((entry) => entry.isDirectory() && dayFolderPattern.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .reverse();
  const old = days.slice(keepDays);
  await Promise.all(old.map((day) => rm(join(kitFolder, day), { recursive: true, force: true })));
  return old;
}
