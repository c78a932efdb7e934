import WebSocket from 'ws';
import { RelayFrame, relayDeskPath, type DeskFrame } from '../../../src-shared/relay-wire.ts';

type Frame = RelayFrame;
type EventFrame = Extract<Frame, { type: 'event' }>;
type DecisionFrame = Extract<Frame, { type: 'decision' }>;

/**
 * A desk as the relay sees it: connects with its token, says where it stands,
 * records every frame (checked against the shared schema) and can answer.
 */
export class TestDesk {
  readonly events: EventFrame[] = [];
  readonly decisions: DecisionFrame[] = [];
  readonly frames: Frame[] = [];
  /** performance.now() when each event (by seq) arrived, for latency figures. */
  readonly arrivedAt = new Map<number, number>();
  private socket: WebSocket | undefined;
  private waiters: (() => void)[] = [];

  private readonly relayUrl: string;
  private readonly token: string;

  constructor(relayUrl: string, token: string) {
    this.relayUrl = relayUrl;
    this.token = token;
  }

  /** Opens the socket and sends hello; `after` left out → the relay's stored cursor. */
  async connect(after?: number): Promise<Extract<Frame, { type: 'welcome' }>> {
    const socket = await openSocket(this.relayUrl, this.token);
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = RelayFrame.parse(JSON.parse(String(data)));
      this.frames.push(frame);
      if (frame.type === 'event') {
        this.events.push(frame);
        this.arrivedAt.set(frame.seq, performance.now());
      }
      if (frame.type === 'decision') this.decisions.push(frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.send({ type: 'hello', ...(after !== undefined ? { after } : {}) });
    await this.until(() => this.frames.some((f) => f.type === 'welcome'), 10_000);
    return this.frames.filter((f) => f.type === 'welcome').at(-1) as Extract<Frame, { type: 'welcome' }>;
  }

  send(frame: DeskFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  /** Sends text as it is (for frames the relay must refuse). */
  sendRaw(text: string): void {
    this.socket?.send(text);
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Resolves when `condition` holds, checked after every frame; rejects after `timeoutMs`. */
  async until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`TestDesk: condition not met within ${timeoutMs} ms (${this.events.length} events)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
  }
}

/** Resolves with the open socket, or rejects with the HTTP status the relay refused it with. */
export function openSocket(relayUrl: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${relayUrl.replace(/^http/, 'ws')}${relayDeskPath}`, { headers: { authorization: `Bearer ${token}` } });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
    socket.once('error', reject);
  });
}
