import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The common machinery of every provider simulator: a real HTTP server on
 * 127.0.0.1, a route table, a log of every request, a token-bucket rate limit,
 * and faults a test can switch on. Each provider's simulator adds its own
 * paths, auth check, error bodies and state on top.
 */

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
  body: unknown;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: SimHandler;
}

/** Requests that fail on their own while the rest of the API answers (one class's roster, say). */
export interface RequestFault {
  matches: (request: SimRequest) => boolean;
  status: number;
  /** The provider's error body; a generic one when left out. */
  body?: unknown;
  /** How many matching requests fail; Infinity until the test takes the fault away. */
  count: number;
}

/** Faults for the next requests; each counter is decremented as it fires. */
export interface Faults {
  /** Added to every answer. */
  latencyMs: number;
  /** The next N requests get this 5xx status. */
  serverErrors: { count: number; status: number };
  /** The next N requests get 429 with Retry-After. */
  rateLimitStorm: { count: number; retryAfterSeconds: number };
  /** The next N requests are never answered. */
  hangs: number;
  /** The next N requests have their connection destroyed. */
  resets: number;
  /** The next N successful answers are cut off halfway. */
  truncated: number;
  /** The next N successful answers are not JSON at all. */
  invalidJson: number;
  /** Failures of the requests they match only, checked in order. */
  requests: RequestFault[];
}

export const noFaults = (): Faults => ({
  latencyMs: 0,
  serverErrors: { count: 0, status: 503 },
  rateLimitStorm: { count: 0, retryAfterSeconds: 1 },
  hangs: 0,
  resets: 0,
  truncated: 0,
  invalidJson: 0,
  requests: [],
});

export interface SimulatorOptions {
  /** Answers a request whose credentials are wrong; undefined when they are fine. */
  authenticate: (request: SimRequest) => SimResponse | undefined;
  /** Requests allowed per minute, per key (`rateKey` decides per API or per endpoint). */
  rateLimit: { perMinute: number; rateKey: (request: SimRequest) => string; tooMany: (retryAfterSeconds: number) => SimResponse };
  notFound: (request: SimRequest) => SimResponse;
}

export class SimulatorServer {
  faults: Faults = noFaults();
  readonly log: SimRequest[] = [];
  /** 429s sent because the client went over the limit (not those of a storm). */
  rateLimited = 0;
  private readonly routes: Route[] = [];
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private server: Server | undefined;

  constructor(private readonly options: SimulatorOptions) {}

  route(method: string, path: string, handler: SimHandler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`,
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request: SimRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      params: {},
      body: await readBody(incoming),
    };
    this.log.push(request);
    const faults = this.faults;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.hangs > 0) {
      faults.hangs -= 1;
      return;
    }
    if (faults.resets > 0) {
      faults.resets -= 1;
      incoming.socket.destroy();
      return;
    }
    if (faults.rateLimitStorm.count > 0) {
      faults.rateLimitStorm.count -= 1;
      return send(response, this.options.rateLimit.tooMany(faults.rateLimitStorm.retryAfterSeconds), request.method);
    }
    if (faults.serverErrors.count > 0) {
      faults.serverErrors.count -= 1;
      return send(response, { status: faults.serverErrors.status, body: { error: 'simulated outage' } }, request.method);
    }
    const failing = faults.requests.find((fault) => fault.count > 0 && fault.matches(request));
    if (failing) {
      failing.count -= 1;
      return send(response, { status: failing.status, body: failing.body ?? { error: 'simulated failure' } }, request.method);
    }
    const denied = this.options.authenticate(request);
    if (denied) return send(response, denied, request.method);
    const wait = this.takeToken(this.options.rateLimit.rateKey(request));
    if (wait > 0) {
      this.rateLimited += 1;
      return send(response, this.options.rateLimit.tooMany(Math.ceil(wait / 1000)), request.method);
    }
    const answer = await this.dispatch(request);
    if (answer.status < 300 && faults.truncated > 0) {
      faults.truncated -= 1;
      const text = JSON.stringify(answer.body ?? {});
      return sendRaw(response, answer.status, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    if (answer.status < 300 && faults.invalidJson > 0) {
      faults.invalidJson -= 1;
      return sendRaw(response, answer.status, '<html>Bad Gateway</html>');
    }
    send(response, answer, request.method);
  }

  private async dispatch(request: SimRequest): Promise<SimResponse> {
    for (const route of this.routes) {
      const match = route.method === request.method || (route.method === 'GET' && request.method === 'HEAD');
      const found = match ? route.pattern.exec(request.path) : null;
      if (!found) continue;
      route.names.forEach((name, i) => (request.params[name] = decodeURIComponent(found[i + 1] ?? '')));
      return route.handler(request);
    }
    return this.options.notFound(request);
  }

  /** A token bucket that starts full: returns 0 when a token was taken, else ms until one is free. */
  private takeToken(key: string): number {
    const { perMinute } = this.options.rateLimit;
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute);
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(response: ServerResponse, answer: SimResponse, method: string): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(method === 'HEAD' ? undefined : text);
}

function sendRaw(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(text);
}

/**
 * What every provider simulator offers a test on top of its own API: start and
 * stop, the request log, faults and the count of 429s, all from its server.
 */
export abstract class ProviderSimulator {
  abstract readonly server: SimulatorServer;

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get log(): SimRequest[] {
    return this.server.log;
  }

  get faults(): Faults {
    return this.server.faults;
  }

  set faults(faults: Faults) {
    this.server.faults = faults;
  }

  /** 429s sent because a client went over the budget (storms not counted). */
  get rateLimited(): number {
    return this.server.rateLimited;
  }
}
