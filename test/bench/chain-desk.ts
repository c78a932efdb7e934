import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Starting the bench's chain web desk (chain-core.ts) or the built out/main/web.js as child processes; their memory and store size. */

export interface ChildDesk {
  url: string;
  process: ChildProcess;
  /** performance.now() in this process when the child was spawned, and when it printed its address. */
  spawnedAt: number;
  listeningAt: number;
  output(): string;
  stop(): Promise<void>;
}

export function spawnDesk(args: string[], token: string, timeoutMs = 300_000): Promise<ChildDesk> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, CLASSDESK_WEB_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise<ChildDesk>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`desk did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', read);
        child.stdout.on('data', (more: Buffer) => (output += more.toString()));
        resolve({
          url: match[1],
          process: child,
          spawnedAt,
          listeningAt: performance.now(),
          output: () => output,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`desk exited with ${code}:\n${output}`));
    });
  });
}

/** The bench's chain desk: the core with five ChainStudio providers, the built renderer. */
export function startChainDesk(options: { port: number; dataDir: string; startAt: Date; token: string; latencyMs: number }): Promise<ChildDesk> {
  return spawnDesk(
    [
      '--import',
      'tsx',
      'test/bench/chain-core.ts',
      '--port',
      String(options.port),
      '--data-dir',
      options.dataDir,
      '--start-at',
      options.startAt.toISOString(),
      '--latency-ms',
      String(options.latencyMs),
    ],
    options.token,
  );
}

/** Resident memory of a process (Linux /proc), in bytes; NaN elsewhere. */
export function rssOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** desk-store.db and its -wal file, in bytes. */
export function storeSize(dataDir: string): { db: number; wal: number } {
  const size = (name: string) => (existsSync(join(dataDir, name)) ? statSync(join(dataDir, name)).size : 0);
  return { db: size('desk-store.db'), wal: size('desk-store.db-wal') };
}
