import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A pid file in the PGlite folder, like Postgres's postmaster.pid: a second relay
 * on the same folder stops with a clear message instead of corrupting it. A file
 * left by a process that is gone (killed) is taken over.
 */

export class DataDirInUseError extends Error {}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'relay.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createPidFile(file)) return () => rm(file, { force: true });
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new DataDirInUseError(`The data directory ${dataDir} is in use by another relay (process ${holder}); stop it first.`);
    }
    await rm(file, { force: true });
  }
  throw new DataDirInUseError(`The data directory ${dataDir} could not be locked.`);
}

/** false when the file is already there. */
async function createPidFile(file: string): Promise<boolean> {
  try {
    await writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
