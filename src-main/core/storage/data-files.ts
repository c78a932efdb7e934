import { basename } from 'node:path';

/** What a damaged file costs, and so what Classdesk does when it finds one. */
export interface DataFileKind {
  /** What the file holds, in words for the person reading the error. */
  holds: string;
  /**
   * set_aside: only preferences (or demo data) that the desk can start without: the file is renamed
   * `<name>.corrupt-<time>` for a person to look at and the desk goes on with defaults.
   * keep: real data nobody can make again from here (API keys, the gym's connections): the file is left
   * exactly as it is and the error names it and what to do, since going on would lose it at the next save.
   */
  ifDamaged: 'set_aside' | 'keep';
  /** What to do about a damaged file that is kept. */
  remedy?: string;
}

/**
 * The JSON files in the data directory, by name: one table, so every reader
 * treats a damaged file the same way without each caller deciding again.
 * A file not listed here is treated as real data (kept, named in the error).
 */
const dataFiles: Readonly<Record<string, DataFileKind>> = {
  'desk.json': { holds: 'which location this desk serves', ifDamaged: 'set_aside' },
  'settings.json': { holds: "this desk's own settings", ifDamaged: 'set_aside' },
  'demo-studio.json': { holds: "the demo studio's bookings made at this desk", ifDamaged: 'set_aside' },
  'connections.json': {
    holds: 'the settings of your connections',
    ifDamaged: 'keep',
    remedy: 'Restore it from a backup, or move it away and add the connections again in Connections.',
  },
  'credentials.json': {
    holds: 'the API keys of your connections',
    ifDamaged: 'keep',
    remedy: 'Restore it from a backup, or move it away and enter the API keys again in Connections.',
  },
  'credentials.dev.json': {
    holds: 'the API keys of your connections (browser mode)',
    ifDamaged: 'keep',
    remedy: 'Restore it from a backup, or move it away and enter the API keys again in Connections.',
  },
};

const unknownFile: DataFileKind = {
  holds: 'data Classdesk keeps',
  ifDamaged: 'keep',
  remedy: 'Restore it from a backup, or move it away.',
};

export function dataFileKind(path: string): DataFileKind {
  return dataFiles[basename(path)] ?? unknownFile;
}

/**
 * Where a damaged file is put aside: beside it, with the moment in the name (no colons, which Windows
 * refuses in file names), so several damaged versions never overwrite each other.
 */
export function setAsidePath(path: string, at: Date): string {
  return `${path}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
}

/** A data file that cannot be used: the message names the file, what it holds and what to do. */
export class DataFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}
