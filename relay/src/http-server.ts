import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { relayDeskPath } from '../../src-shared/relay-wire.ts';
import type { DeskHub } from './desk-socket.ts';
import { answer, handleWebhook, type WebhookRouteContext } from './webhook-route.ts';

/**
 * The relay's one HTTP server: Wellhub's webhooks, the desks' WebSocket, and the
 * two probes (/healthz: the process answers; /readyz: it can reach its database
 * and is not shutting down).
 */
export function relayHttpServer(context: { webhooks: WebhookRouteContext; desks: DeskHub; ready: () => Promise<boolean>; log: Logger }): Server {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://relay');
    const webhook = /^\/wellhub\/webhooks\/([^/]+)\/?$/.exec(url.pathname);
    if (webhook) {
      if (request.method !== 'POST') return answer(response, 405, { error: 'POST only' }, { allow: 'POST' });
      handleWebhook(context.webhooks, request, response, decodeURIComponent(webhook[1] ?? '')).catch((error: unknown) => {
        context.log.error({ err: error instanceof Error ? error.message : String(error) }, 'webhook could not be stored');
        // Not stored: Wellhub should try again.
        answer(response, 503, { error: 'not stored, try again' });
      });
      return;
    }
    if (url.pathname === '/healthz') return answer(response, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      context.ready().then(
        (ready) => answer(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' }),
        () => answer(response, 503, { status: 'not ready' }),
      );
      return;
    }
    answer(response, 404, { error: 'not found' });
  });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    if (path !== relayDeskPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    context.desks.handleUpgrade(request, socket, head);
  });
  // Wellhub waits 1 s; a client that trickles its headers gets nowhere.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  return server;
}
