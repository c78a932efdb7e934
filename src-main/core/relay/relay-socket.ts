import WebSocket from 'ws';
import type { RelayLink } from '../../../src-shared/connections';
import { relayDeskPath, RelayFrame, type DeskFrame } from '../../../src-shared/relay-wire';
import type { Clock } from '../clock';
import { reconnectDelay, type RelayBackoff } from './relay-backoff';

export type RelayLinkState = RelayLink['state'];

export interface RelaySocketOptions {
  /** The relay's address as entered in Connections (https://…); the socket goes to its /desk. */
  relayUrl: string;
  /** The desk token: only ever put into the Authorization header, never into a log line. */
  token: string;
  backoff: RelayBackoff;
  clock: Clock;
  /** Who this link is, for log lines ("relay of wellhub-berlin"). */
  name: string;
  log(message: string): void;
  /** The first frame on every new socket (the cursor is read from the store at that moment). */
  hello(): DeskFrame;
  /** Every frame from the relay that fits the protocol, in the order it came. */
  onFrame(frame: RelayFrame): void;
  /** The link's state changed; `at` is when the current state began. */
  onState(state: RelayLinkState, at: string): void;
  /** The socket closed (the link will try again by itself unless stopped). */
  onClose(): void;
}

/** `https://relay.example.org/base` → `wss://relay.example.org/base/desk`. */
export function deskSocketUrl(relayUrl: string): string {
  return `${relayUrl.replace(/\/+$/, '').replace(/^http/i, 'ws')}${relayDeskPath}`;
}

/**
 * One desk's WebSocket to its relay, kept open: opened with the desk token, said hello to, every frame
 * checked against relay-wire's schemas (one that does not fit is logged by its problem and skipped, the
 * link stays), and opened again after any failure, waiting longer each time (capped, with jitter).
 * A 401/403 is the relay refusing the token: `refused`, tried again only rarely. Anything else that
 * keeps it from getting through: `unreachable`, since the first failure. `connected` once welcomed.
 */
export class RelaySocket {
  private socket: WebSocket | undefined;
  private stopped = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private state: RelayLinkState = 'connecting';
  private stateSince: string;

  constructor(private readonly options: RelaySocketOptions) {
    this.stateSince = options.clock().toISOString();
  }

  get current(): { state: RelayLinkState; since: string } {
    return { state: this.state, since: this.stateSince };
  }

  start(): void {
    this.open();
  }

  /** Sends a frame if the relay has welcomed this socket; false when it cannot go now. */
  send(frame: DeskFrame): boolean {
    const socket = this.socket;
    if (this.state !== 'connected' || !socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the current socket; the link opens a new one after the usual short wait. */
  reopen(): void {
    this.socket?.terminate();
  }

  /** Closes for good (connection removed or changed, core shutting down). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'desk closing');
      else socket.terminate();
      // A relay that never answers the close must not hold the core's shutdown.
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 2_000).unref();
    });
  }

  private open(): void {
    if (this.stopped) return;
    const { options } = this;
    let refusedWith: number | undefined;
    let welcomed = false;
    const socket = new WebSocket(deskSocketUrl(options.relayUrl), {
      headers: { authorization: `Bearer ${options.token}` },
      handshakeTimeout: 10_000,
      maxPayload: 1024 * 1024,
    });
    this.socket = socket;

    socket.on('unexpected-response', (_request, response) => {
      refusedWith = response.statusCode;
      response.resume();
      socket.terminate();
    });
    // Without a listener an 'error' would throw; what went wrong is decided in 'close'.
    socket.on('error', (error) => {
      if (refusedWith === undefined) options.log(`${options.name}: the relay could not be reached (${error.message})`);
    });
    socket.on('open', () => {
      socket.send(JSON.stringify(options.hello()));
      this.watch(socket);
    });
    socket.on('message', (data) => {
      const frame = parseFrame(data);
      if (!frame.ok) {
        options.log(`${options.name}: skipped a frame from the relay that does not fit the protocol (${frame.problem})`);
        return;
      }
      if (frame.frame.type === 'welcome') {
        welcomed = true;
        this.failures = 0;
        this.setState('connected');
      }
      try {
        options.onFrame(frame.frame);
      } catch (error) {
        // A frame the desk could not take must not bring the link down; the cursor was not moved for it.
        options.log(`${options.name}: a ${frame.frame.type} frame could not be taken (${error instanceof Error ? error.message : String(error)})`);
      }
    });
    socket.on('close', () => {
      clearInterval(this.heartbeat);
      if (this.socket === socket) this.socket = undefined;
      options.onClose();
      if (this.stopped) return;
      const refused = refusedWith === 401 || refusedWith === 403;
      if (refused) {
        options.log(`${options.name}: the relay refused this desk's token (HTTP ${refusedWith})`);
        this.setState('refused');
        this.retryTimer = setTimeout(() => this.open(), options.backoff.refusedMs);
        return;
      }
      if (refusedWith !== undefined) options.log(`${options.name}: the relay answered HTTP ${refusedWith}`);
      // A link that was up tries again at once (short wait); one that never got through backs off.
      if (welcomed) this.failures = 0;
      else this.failures += 1;
      this.setState(welcomed ? 'connecting' : 'unreachable');
      this.retryTimer = setTimeout(() => this.open(), reconnectDelay(options.backoff, this.failures - 1));
    });
  }

  /** A relay or network that vanished without closing: no pong by the next ping ends the socket. */
  private watch(socket: WebSocket): void {
    let alive = true;
    socket.on('pong', () => (alive = true));
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, this.options.backoff.heartbeatMs);
    this.heartbeat.unref();
  }

  private setState(state: RelayLinkState): void {
    // `since` of unreachable is the first failure of the run, not the latest try.
    if (state === this.state) return;
    this.state = state;
    this.stateSince = this.options.clock().toISOString();
    this.options.onState(state, this.stateSince);
  }
}

type Parsed = { ok: true; frame: RelayFrame } | { ok: false; problem: string };

/** The problem is named by its place in the schema, never by the frame's content (it may hold member data). */
function parseFrame(data: WebSocket.RawData): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const parsed = RelayFrame.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: issue ? `${issue.path.join('.') || 'frame'}: ${issue.code}` : 'unknown shape' };
}
