import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { WebSocket } from 'ws';
import { Snapshot } from '../../src-shared/contract';
import { ServerFrame } from '../../src-shared/wire';

/** `npm run web`'s server, started from the build as a child process, the way a user starts it. */
export interface WebDesk {
  url: string;
  process: ChildProcess;
  /** Everything the core printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startWebDesk(options: { port: number; dataDir: string; startAt: string; token: string; configDir?: string }): Promise<WebDesk> {
  const child = spawn(
    process.execPath,
    ['out/main/web.js', '--port', String(options.port), '--data-dir', options.dataDir, '--start-at', options.startAt],
    { env: { ...process.env, CLASSDESK_WEB_TOKEN: options.token, ...(options.configDir ? { CLASSDESK_CONFIG_DIR: options.configDir } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web desk did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`web desk exited with ${code}:\n${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Reads the core's snapshot through the contract, as any client would, to pick test subjects. */
export async function fetchSnapshot(pageUrl: string): Promise<Snapshot> {
  const url = new URL(pageUrl);
  const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, {
    headers: { Origin: url.origin },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const response = new Promise<unknown>((resolve) =>
    socket.on('message', (data) => {
      const frame = ServerFrame.parse(JSON.parse(String(data)));
      if (frame.type === 'response' && frame.result.ok) resolve(frame.result.value);
    }),
  );
  socket.send(JSON.stringify({ type: 'request', id: 1, command: 'getSnapshot', input: {} }));
  const snapshot = Snapshot.parse(await response);
  socket.close();
  return snapshot;
}
