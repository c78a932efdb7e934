import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/core';
import { serveStatic } from './static-files';
import { bridgeCoreOverWebSocket } from './ws-bridge';

export interface WebServer {
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** Browser mode: the built renderer over http and the contract over a WebSocket, on loopback only. */
export async function startWebServer(
  core: Core,
  rendererDir: string,
  port: number,
  token: string = randomBytes(24).toString('base64url'),
): Promise<WebServer> {
  if (token.length < 32) throw new Error('The browser-mode token must be at least 32 characters.');
  const server = createServer(serveStatic(rendererDir));
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wss = bridgeCoreOverWebSocket({ server, core, token, allowedOrigin: origin });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `${origin()}/?token=${token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
