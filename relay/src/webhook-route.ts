import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { appendWebhookEvent, type RequestTiming } from './event-store.ts';
import type { GymSecrets } from './gyms.ts';
import { isGymId } from './gyms.ts';
import type { rateLimiter } from './rate-limit.ts';
import type { RelayDatabase } from './schema.ts';
import { signatureMatches } from './signature.ts';
import { readWebhookEvent } from './webhook-event.ts';

/**
 * POST /wellhub/webhooks/:gymId — Wellhub waits 1 s, so the answer comes as soon
 * as the event is committed, before anything else happens with it.
 *
 * 413 too large · 429 too many · 404 unknown gym · 401 bad or missing signature ·
 * 400 not JSON or a known event that does not fit · 200 stored (or already stored:
 * a retry) · 200 "ignored" for an event type the desk has no use for (logged, not
 * stored: a 4xx would only make Wellhub retry it) · 503 database down (Wellhub retries).
 */

export interface WebhookRouteContext {
  db: Kysely<RelayDatabase>;
  secrets: GymSecrets;
  limiter: ReturnType<typeof rateLimiter>;
  bodyLimitBytes: number;
  trustProxy: boolean;
  timing: RequestTiming;
  log: Logger;
}

export async function handleWebhook(context: WebhookRouteContext, request: IncomingMessage, response: ServerResponse, gymId: string): Promise<void> {
  const wait = context.limiter.take(clientAddress(request, context.trustProxy));
  if (wait !== undefined) return answer(response, 429, { error: 'too many requests' }, { 'retry-after': String(wait) });
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > context.bodyLimitBytes) return answer(response, 413, { error: `body larger than ${context.bodyLimitBytes} bytes` }, { connection: 'close' });
  const body = await readBody(request, context.bodyLimitBytes);
  if (body === 'too-large') return answer(response, 413, { error: `body larger than ${context.bodyLimitBytes} bytes` }, { connection: 'close' });

  const gym = isGymId(gymId) ? await context.secrets(gymId) : undefined;
  if (!gym) {
    context.log.warn({ gymId }, 'webhook for an unknown gym');
    return answer(response, 404, { error: 'unknown gym' });
  }
  const signature = headerValue(request.headers['x-gympass-signature']);
  if (!signatureMatches(body, signature, gym.webhookSecret)) {
    context.log.warn({ gymId, signed: signature !== undefined }, 'webhook with a bad or missing signature');
    return answer(response, 401, { error: signature === undefined ? 'missing X-Gympass-Signature' : 'bad X-Gympass-Signature' });
  }
  const event = readWebhookEvent(body);
  if (event.kind === 'invalid') {
    context.log.warn({ gymId, why: event.why }, 'webhook body not understood');
    return answer(response, 400, { error: event.why });
  }
  if (event.kind === 'unrelayed') {
    context.log.info({ gymId, eventType: event.eventType }, 'webhook of a type the desk does not use: not stored');
    return answer(response, 200, { status: 'ignored' });
  }
  const receivedAt = new Date();
  const stored = await appendWebhookEvent(context.db, {
    gymId,
    event,
    body: body.toString('utf8'),
    signature: signature ?? '',
    receivedAt,
    timing: context.timing,
  });
  answer(response, 200, { status: stored.stored ? 'stored' : 'duplicate', seq: stored.seq });
  context.log.info({ gymId, eventType: event.type, seq: stored.seq, duplicate: !stored.stored, ms: Date.now() - receivedAt.getTime() }, 'webhook');
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve('too-large');
        request.pause();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first;
}

function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? headerValue(request.headers['x-forwarded-for'])?.split(',')[0]?.trim() : undefined;
  return forwarded || request.socket.remoteAddress || 'unknown';
}

export function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}
