import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { WireRequest, wirePath, type ServerFrame } from '../../src-shared/wire';
import type { Core } from '../core/core';

export interface BridgeOptions {
  server: Server;
  core: Core;
  token: string;
  /** The one page origin allowed to connect, e.g. http://127.0.0.1:5391. */
  allowedOrigin: () => string;
}

/**
 * Carries the contract over a WebSocket for browser mode. A connection needs the
 * per-run token and our own page's Origin, so another site open in the same
 * browser cannot drive the desk.
 */
export function bridgeCoreOverWebSocket({ server, core, token, allowedOrigin }: BridgeOptions): WebSocketServer {
  const wss = new WebSocketServer({
    server,
    path: wirePath,
    maxPayload: 256 * 1024,
    verifyClient: ({ req }: { req: IncomingMessage }) => isAllowed(req, token, allowedOrigin()),
  });
  wss.on('connection', (socket) => serve(socket, core));
  return wss;
}

function isAllowed(request: IncomingMessage, token: string, allowedOrigin: string): boolean {
  if (request.headers.origin !== allowedOrigin) return false;
  const given = new URL(request.url ?? '', 'http://127.0.0.1').searchParams.get('token') ?? '';
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function serve(socket: WebSocket, core: Core): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = core.subscribe((event) => send({ type: 'event', event }));
  socket.on('close', unsubscribe);
  socket.on('message', async (data, isBinary) => {
    const request = parseRequest(isBinary ? undefined : data.toString());
    if (!request) {
      // Without a readable id there is nobody to answer; close so the client notices.
      socket.close(1003, 'Frames must be contract requests');
      return;
    }
    send({ type: 'response', id: request.id, result: await core.handle(request.command, request.input) });
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
