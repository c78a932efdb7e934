import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The relay as its own process (`node relay/src/main.ts`, as `npm run relay` starts it), for tests that kill it. */

const mainFile = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface RelayProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

export function spawnRelay(env: Record<string, string>): RelayProcess {
  const child = spawn(process.execPath, [mainFile], { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

/** Resolves once /readyz answers 200; rejects with the process's output when it exits or takes too long. */
export async function waitReady(relay: RelayProcess, url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void relay.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`relay exited before it was ready:\n${relay.output()}`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(500) }).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`relay not ready within ${timeoutMs} ms:\n${relay.output()}`);
}
