import { readFile, rename } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import { DataFileError, dataFileKind, setAsidePath, type DataFileKind } from './data-files';

/**
 * Whole-file JSON state in the data directory. Writes go to a temp file, are
 * fsynced and renamed over the old one, so a crash leaves either the old or the
 * new content, never half of each.
 */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`, { fsync: true, mode: 0o600 });
}

export interface ReadJsonOptions {
  /** Overrides what the data-file table says about this file. */
  kind?: DataFileKind;
  /** Told when a damaged file was set aside; the default writes one line to the console's error stream. */
  onSetAside?: (message: string) => void;
  now?: () => Date;
}

/**
 * Reads and validates; a missing file is `undefined`. A damaged one (not JSON, or
 * not what the schema expects) is set aside when it holds only preferences, and
 * then also `undefined` so the caller goes on with its defaults; otherwise it is
 * left as it is and the error names the file, what it holds and what to do.
 */
export async function readJsonFile<T extends z.ZodType>(path: string, schema: T, options: ReadJsonOptions = {}): Promise<z.infer<T> | undefined> {
  const kind = options.kind ?? dataFileKind(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new DataFileError(path, `Classdesk cannot open ${path}, which holds ${kind.holds} (${code ?? String(error)}). Check that this user may read it.`);
  }
  const problem = problemOf(text, schema);
  if (problem.ok) return problem.value;
  if (kind.ifDamaged === 'set_aside') {
    const aside = setAsidePath(path, options.now?.() ?? new Date());
    await rename(path, aside);
    const told = options.onSetAside ?? ((message: string) => console.error(message));
    told(`${path}, which holds ${kind.holds}, ${problem.what}; it was set aside as ${aside} and Classdesk goes on with defaults.`);
    return undefined;
  }
  throw new DataFileError(path, `Classdesk cannot use ${path}, which holds ${kind.holds}: it ${problem.what}. Classdesk left it as it is. ${kind.remedy ?? ''}`.trim());
}

type Checked<T> = { ok: true; value: T } | { ok: false; what: string };

function problemOf<T extends z.ZodType>(text: string, schema: T): Checked<z.infer<T>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Only the parser's own words, never the file's content: it may hold secrets.
    const reason = error instanceof SyntaxError ? error.message.replace(/, "[\s\S]*$/, '') : 'unreadable';
    return { ok: false, what: text.trim() === '' ? 'is empty' : `is not valid JSON (${reason})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`)
    .join('; ');
  return { ok: false, what: `does not hold what Classdesk expects (${fields})` };
}
