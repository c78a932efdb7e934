import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { paperPath, wirePath } from '../../src-shared/wire';
import { answerAccessCheck } from './access-key';
import { servePaper } from './paper-files';
import { requestPath, serveStatic } from './static-files';
import { bridgeCoreOverWebSocket, type BridgedCore } from './ws-bridge';

export interface WebServer {
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** A server that already holds its port; the core joins once it is open. */
export interface ListeningWebServer extends WebServer {
  serveCore(core: BridgedCore): void;
}

export interface WebServerLimits {
  /** Unread bytes per WebSocket before it is cut off (default in ws-bridge). */
  maxBufferedBytes?: number;
  log?: (message: string) => void;
  /** The core's outage-kit folder, served at /outage-kit/ to a page with the key; none: not served. */
  outageKitFolder?: string;
}

/**
 * Browser mode: the built renderer over http and the contract over a WebSocket, on loopback only.
 * It takes its port before the core opens, so a second `npm run web` on a taken port stops at once
 * instead of opening (and syncing, and resending desk actions from) a store another desk is using.
 */
export async function listenWebServer(
  rendererDir: string,
  port: number,
  token: string = randomBytes(24).toString('base64url'),
  limits: WebServerLimits = {},
): Promise<ListeningWebServer> {
  if (token.length < 32) throw new Error('The browser-mode token must be at least 32 characters.');
  const log = limits.log ?? ((message: string) => console.error(message));
  const staticFiles = serveStatic(rendererDir);
  const paper = limits.outageKitFolder === undefined ? undefined : servePaper(limits.outageKitFolder);
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = requestPath(request.url);
    if (request.method === 'GET' && path === wirePath) answerAccessCheck(request, response, token, origin());
    else if (request.method === 'GET' && paper && path?.startsWith(`${paperPath}/`)) await paper(request, response, path, token, origin());
    else await staticFiles(request, response);
  };
  const server = createServer((request, response) => {
    // An async handler's failure is an unhandled rejection, which ends the process: answer 500 instead.
    handle(request, response).catch((error: unknown) => {
      log(`Browser mode: ${request.method} ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  let core: BridgedCore | undefined;
  const wss = bridgeCoreOverWebSocket({ server, core: () => core, token, allowedOrigin: origin, maxBufferedBytes: limits.maxBufferedBytes, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Later server errors (accept failing when the process runs out of file handles) are worth a line, not the desk.
  server.on('error', (error) => log(`Browser mode: ${error.message}`));
  return {
    url: `${origin()}/?token=${token}`,
    serveCore: (opened) => {
      core = opened;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The server with its core from the start (tests, the bench). */
export async function startWebServer(
  core: BridgedCore,
  rendererDir: string,
  port: number,
  token?: string,
  limits?: WebServerLimits,
): Promise<WebServer> {
  const server = await listenWebServer(rendererDir, port, token, limits);
  server.serveCore(core);
  return server;
}
