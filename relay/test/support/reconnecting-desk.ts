import { RelayFrame } from '../../../src-shared/relay-wire.ts';
import { openSocket } from './test-desk.ts';

/**
 * A desk that stays connected through relay restarts: after each drop it
 * connects again with `after` = the last seq it applied, as the real desk will.
 * It records every event and every breach of "each seq once, none skipped".
 */
export class ReconnectingDesk {
  readonly events: Extract<RelayFrame, { type: 'event' }>[] = [];
  readonly breaches: string[] = [];
  connections = 0;
  private stopped = false;
  private readonly url: string;
  private readonly token: string;
  private close: (() => void) | undefined;

  constructor(url: string, token: string) {
    this.url = url;
    this.token = token;
  }

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.close?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        const socket = await openSocket(this.url, this.token);
        this.connections++;
        this.close = () => socket.close();
        await new Promise<void>((resolve) => {
          socket.on('message', (data) => {
            const frame = RelayFrame.parse(JSON.parse(String(data)));
            if (frame.type !== 'event') return;
            if (frame.seq !== this.lastSeq + 1) this.breaches.push(`got seq ${frame.seq} after ${this.lastSeq}`);
            if (frame.seq > this.lastSeq) this.events.push(frame);
            // Acknowledge now and then, as a desk does once its store has the events.
            if (frame.seq % 50 === 0) socket.send(JSON.stringify({ type: 'ack', seq: frame.seq }));
          });
          socket.once('close', () => resolve());
          socket.once('error', () => resolve());
          socket.send(JSON.stringify({ type: 'hello', after: this.lastSeq }));
        });
      } catch {
        // The relay is down (killed): try again shortly.
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
