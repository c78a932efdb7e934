import { spawn, type ChildProcess } from 'node:child_process';
import { WebSocket } from 'ws';
import type { CommandResult } from '../../src-shared/contract';
import { ServerFrame } from '../../src-shared/wire';

/**
 * The built core (`out/main/web.js`, what `npm run web` runs) as a child process
 * that a test may kill at any moment, and a client of its WebSocket contract
 * that notices when the core goes away in the middle of a command.
 */

export interface CoreProcess {
  readonly child: ChildProcess;
  /** The page address (token included) once the core listens; rejects if it dies first. */
  readonly ready: Promise<string>;
  /** Resolves when the process is gone, however it ended. */
  readonly exited: Promise<void>;
  isReady(): boolean;
  /** Everything the core printed (stdout and stderr). */
  output(): string;
}

export function spawnCore(options: { port: number; dataDir: string; startAt: string; token: string }): CoreProcess {
  const child = spawn(
    process.execPath,
    ['out/main/web.js', '--port', String(options.port), '--data-dir', options.dataDir, '--start-at', options.startAt],
    { env: { ...process.env, CLASSDESK_WEB_TOKEN: options.token }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let ready = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readyUrl = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1] && !ready) {
        ready = true;
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then(() => reject(new Error(`the core exited before it listened:\n${output}`)));
  });
  // Nobody may be waiting when a boot is killed on purpose.
  readyUrl.catch(() => undefined);
  return { child, ready: readyUrl, exited, isReady: () => ready, output: () => output };
}

/** The answer never came: the connection closed first (the core died, say). */
export class AnswerLost extends Error {
  constructor(command: string) {
    super(`no answer to ${command}: the connection closed`);
    this.name = 'AnswerLost';
  }
}

/** One WebSocket to the core, as the browser-mode renderer holds it. */
export class DeskSocket {
  private nextId = 1;
  private readonly waiting = new Map<number, { command: string; resolve: (result: CommandResult<unknown>) => void; reject: (error: Error) => void }>();
  private open = true;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = ServerFrame.parse(JSON.parse(String(data)));
      if (frame.type !== 'response') return;
      const waiter = this.waiting.get(frame.id);
      this.waiting.delete(frame.id);
      waiter?.resolve(frame.result);
    });
    const lost = () => {
      this.open = false;
      for (const [id, waiter] of this.waiting) {
        this.waiting.delete(id);
        waiter.reject(new AnswerLost(waiter.command));
      }
    };
    socket.on('close', lost);
    socket.on('error', lost);
  }

  static async connect(pageUrl: string): Promise<DeskSocket> {
    const url = new URL(pageUrl);
    const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new DeskSocket(socket);
  }

  isOpen(): boolean {
    return this.open;
  }

  /** Sends one command; rejects with AnswerLost when the connection closes before the answer. */
  request(command: string, input: unknown): Promise<CommandResult<unknown>> {
    if (!this.open) return Promise.reject(new AnswerLost(command));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { command, resolve, reject });
      this.socket.send(JSON.stringify({ type: 'request', id, command, input }));
    });
  }

  /** The value of a command that must succeed. */
  async value<T>(command: string, input: unknown): Promise<T> {
    const result = await this.request(command, input);
    if (!result.ok) throw new Error(`${command} failed: ${result.error.code}: ${JSON.stringify(result.error.message)}`);
    return result.value as T;
  }

  close(): void {
    this.socket.close();
  }
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4 UUID drawn from `random`, so the action ids of a replayed run are the same. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** The seed from `env[name]` when given (to replay a run), else a fresh one. */
export function seedFrom(name: string): number {
  const given = process.env[name];
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`${name} must be an integer, not "${given}"`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

export function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
