import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';

/**
 * Whole-file JSON state in the data directory. Writes go to a temp file, are
 * fsynced and renamed over the old one, so a crash leaves either the old or the
 * new content, never half of each.
 */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`, { fsync: true, mode: 0o600 });
}

/** Reads and validates; a missing file is `undefined`, a corrupt one is an error that names the file. */
export async function readJsonFile<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} does not hold what Classdesk expects: ${parsed.error.message}`);
  return parsed.data;
}
