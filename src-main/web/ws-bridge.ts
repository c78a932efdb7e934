import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { WireRequest, wirePath, type ServerFrame } from '../../src-shared/wire';
import type { Core } from '../core/core';
import { keyMatches } from './access-key';

/** What the bridge needs of the core: commands in, answers and events out. */
export type BridgedCore = Pick<Core, 'handle' | 'subscribe'>;

export interface BridgeOptions {
  server: Server;
  /** The core once it is open; until then sockets are turned away with 503 and the page retries. */
  core: () => BridgedCore | undefined;
  token: string;
  /** The one page origin allowed to connect, e.g. http://127.0.0.1:5391. */
  allowedOrigin: () => string;
  /** Unread bytes one socket may hold on the server before it is cut off (see `serve`). */
  maxBufferedBytes?: number;
  log?: (message: string) => void;
}

/** Largest request frame a page sends; anything bigger is a protocol error (close 1009). */
const maxPayload = 256 * 1024;
/**
 * A page reads what it is sent within milliseconds; a backlog this large means it stopped reading.
 * Generous on purpose: a busy page (applying a chain's snapshot) can fall behind by several
 * change sets for a while, and one frame of any size is always sent when nothing is waiting.
 */
export const defaultMaxBufferedBytes = 16 * 1024 * 1024;

/**
 * Carries the contract over a WebSocket for browser mode. A connection needs the
 * per-run token and our own page's Origin, so another site open in the same
 * browser cannot drive the desk.
 */
export function bridgeCoreOverWebSocket(options: BridgeOptions): WebSocketServer {
  const { server, core, token, allowedOrigin } = options;
  const log = options.log ?? ((message: string) => console.error(message));
  const wss = new WebSocketServer({
    server,
    path: wirePath,
    maxPayload,
    verifyClient: ({ req }: { req: IncomingMessage }, accept: (ok: boolean, code?: number, message?: string) => void) => {
      if (!isAllowed(req, token, allowedOrigin())) accept(false, 401);
      else if (!core()) accept(false, 503, 'Classdesk is starting');
      else accept(true);
    },
  });
  // ws re-emits every error of the http server here; those are the server's to handle
  // (startWebServer rejects on a failed listen), and an unheard 'error' would end the process.
  wss.on('error', () => undefined);
  wss.on('connection', (socket) => {
    const opened = core();
    if (opened) serve(socket, opened, options.maxBufferedBytes ?? defaultMaxBufferedBytes, log);
    else socket.terminate();
  });
  return wss;
}

function isAllowed(request: IncomingMessage, token: string, allowedOrigin: string): boolean {
  if (request.headers.origin !== allowedOrigin) return false;
  try {
    return keyMatches(new URL(request.url ?? '', 'http://127.0.0.1').searchParams.get('token') ?? '', token);
  } catch {
    // An upgrade whose address cannot be parsed carries no key.
    return false;
  }
}

function serve(socket: WebSocket, core: BridgedCore, maxBufferedBytes: number, log: (message: string) => void): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState !== socket.OPEN) return;
    // A page that stops reading would otherwise make the server keep every answer and event in
    // memory without end. Cut it off rather than drop frames: a dropped answer would leave a
    // command hanging until its timeout and a dropped change set would be a silent gap, while a
    // closed socket is what the page already handles (it reconnects and catches up from the
    // last change it applied). terminate(), not close(): a closing frame would queue behind the
    // very backlog the page does not read, and the memory would stay held until it did.
    if (socket.bufferedAmount > maxBufferedBytes) {
      log(`Browser mode: a page left ${socket.bufferedAmount} bytes unread; its connection is closed`);
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(frame));
  };
  const unsubscribe = core.subscribe((event) => send({ type: 'event', event }));
  socket.on('close', unsubscribe);
  // A protocol error (frame over the limit, invalid UTF-8, unknown opcode, RSV bits, a control
  // frame over 125 bytes) arrives here after ws has already begun closing this socket with the
  // fitting code. Without a listener the error would be thrown and end the whole desk.
  socket.on('error', (error) => log(`Browser mode: closed a connection that broke the WebSocket protocol (${error.message})`));
  socket.on('message', (data, isBinary) => {
    const request = parseRequest(isBinary ? undefined : data.toString());
    if (!request) {
      // Without a readable id there is nobody to answer; close so the client notices.
      socket.close(1003, 'Frames must be contract requests');
      return;
    }
    core.handle(request.command, request.input).then(
      (result) => send({ type: 'response', id: request.id, result }),
      // The core answers failures as results; should one still throw, the page gets an answer, not silence.
      // Its words go to the log; the page gets the code for "something went wrong, see the log".
      (error: unknown) => {
        log(`Browser mode: ${request.command} failed: ${error instanceof Error ? error.message : String(error)}`);
        send({ type: 'response', id: request.id, result: { ok: false, error: { code: 'internal', message: { code: 'internal_error' } } } });
      },
    );
  });
}

function parseRequest(text: string | undefined): WireRequest | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = WireRequest.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
