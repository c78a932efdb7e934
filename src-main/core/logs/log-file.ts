import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { Redactor } from './redaction';

export const logFileName = 'classdesk.log';

export interface LogFileOptions {
  /** The folder the files go in: `<dataDir>/logs`. */
  dir: string;
  redactor: Redactor;
  /** Size at which the file is rotated, in rotating-file-stream's notation (default 1 MiB). */
  size?: string;
  /** Rotated files kept beside the current one (default 5): classdesk.1.log is the newest. */
  keep?: number;
  /** Where lines go besides the file; the console unless a test silences it. */
  echo?: (line: string) => void;
  now?: () => Date;
}

export interface LogFile {
  /** The core's `log` option: one timestamped, redacted line (and the error's stack) per call. */
  log(message: string, error?: unknown): void;
  /** The newest lines, already redacted, for the diagnostics a support person asks for. */
  recentLines(count?: number): string[];
  close(): Promise<void>;
}

/** Lines kept in memory for diagnostics; the file holds the rest. */
const remembered = 200;

/**
 * Classdesk's log file, rotated by size so a desk that runs for years never fills the disk.
 * Every line passes the redactor first: the file is something people send around.
 */
export function openLogFile(options: LogFileOptions): LogFile {
  const now = options.now ?? (() => new Date());
  const echo = options.echo ?? ((line: string) => console.error(line));
  const recent = readTail(join(options.dir, logFileName));
  const stream = openStream(options, echo);
  return {
    log(message, error) {
      const detail = error === undefined || error === '' ? '' : ` ${describe(error)}`;
      const text = options.redactor.redact(`${now().toISOString()} ${message}${detail}`);
      echo(text);
      const lines = text.split('\n');
      recent.push(...lines);
      if (recent.length > remembered) recent.splice(0, recent.length - remembered);
      stream?.write(`${text}\n`);
    },
    // Redacted again: a key learned since (read from the store later) may sit in an older line.
    recentLines: (count = 50) => recent.slice(-count).map((line) => options.redactor.redact(line)),
    close: () =>
      new Promise((resolve) => {
        if (!stream || stream.writableFinished || stream.destroyed) return resolve();
        // A stream that failed may never finish: its error ends the wait too.
        stream.once('error', () => resolve());
        stream.end(() => resolve());
      }),
  };
}

/**
 * The rotating file, or none when its folder cannot be made: a desk without a log file still opens
 * (the console keeps the lines), since refusing to start over logging would help nobody.
 */
function openStream(options: LogFileOptions, echo: (line: string) => void): RotatingFileStream | undefined {
  try {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    echo(`Classdesk: no log file, ${options.dir} cannot be made: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  // Classical logrotate naming (classdesk.1.log … classdesk.5.log) is what support people expect to find;
  // in that mode the library passes the rotated file's number where it would otherwise pass a time.
  const stream = createStream((count) => (typeof count === 'number' ? `classdesk.${count}.log` : logFileName), {
    path: options.dir,
    size: options.size ?? '1M',
    rotate: options.keep ?? 5,
    mode: 0o600,
  });
  // A full disk or a locked file must never take the desk down with it: the console still has the line.
  stream.on('error', (error: Error) => echo(`Classdesk: the log file cannot be written: ${error.message}`));
  return stream;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
}

/** What the previous run wrote last, so diagnostics right after a restart still show it. */
function readTail(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(-remembered);
  } catch {
    return [];
  }
}
