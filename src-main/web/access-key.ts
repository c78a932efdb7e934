import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The header a page sends its access key in when it asks whether the key still fits. */
export const accessKeyHeader = 'x-classdesk-token';

/** Constant-time, so how long a refusal takes says nothing about how much of a guess was right. */
export function keyMatches(given: string, token: string): boolean {
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A browser cannot see why a WebSocket handshake failed, so a page whose socket does not open
 * asks here (a plain GET on the socket's path): 204 means key and address are right and the
 * core is only busy or starting; 401 means the page must be opened from the printed link again.
 * The key rides in a custom header, which another site's page can only send after a CORS
 * preflight this server never grants. The page's own Host must be the printed address too:
 * a page opened as localhost would be refused by the socket's Origin check however right its key.
 */
export function answerAccessCheck(request: IncomingMessage, response: ServerResponse, token: string, allowedOrigin: string): void {
  const given = request.headers[accessKeyHeader];
  const fits = typeof given === 'string' && keyMatches(given, token) && `http://${request.headers.host ?? ''}` === allowedOrigin;
  response.writeHead(fits ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
}
