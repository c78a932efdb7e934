import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderHttp } from '../../src-main/core/http/provider-http';
import { SimulatorServer } from '../simulators/simulator-server';
import { providerFailure } from '../support/provider-failure';

let sim: SimulatorServer;
let baseUrl: string;
let perMinute = 600;

function client(overrides: Partial<ConstructorParameters<typeof ProviderHttp>[0]> = {}) {
  return new ProviderHttp({
    provider: 'Testgym',
    baseUrl,
    headers: { 'x-api-key': 'secret-key' },
    rateLimit: { perMinute: 6000, per: 'api' },
    timeoutMs: 400,
    retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    readError: (_status, body) => {
      const error = (body as { error?: { code?: string; message?: string; trace?: string } } | undefined)?.error;
      return { providerCode: error?.code, providerMessage: error?.message, traceId: error?.trace };
    },
    ...overrides,
  });
}

beforeEach(async () => {
  sim = new SimulatorServer({
    authenticate: (r) => (r.headers['x-api-key'] === 'secret-key' ? undefined : { status: 401, body: { error: { code: 'AUTH' } } }),
    rateLimit: {
      perMinute,
      rateKey: () => 'all',
      tooMany: (s) => ({ status: 429, headers: { 'retry-after': String(s) }, body: { error: { code: 'RATE' } } }),
    },
    notFound: () => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No such thing', trace: 't-1' } } }),
  });
  sim.route('GET', '/v1/things', () => ({ status: 200, body: { result: [1, 2, 3] } }));
  sim.route('POST', '/v1/things', () => ({ status: 201, body: { id: 9 } }));
  sim.route('POST', '/v1/refuse', () => ({ status: 400, body: { error: { code: 'FULL', message: 'The class is full', trace: 'abc' } } }));
  baseUrl = await sim.start();
});

afterEach(async () => {
  await sim.stop();
  perMinute = 600;
});

describe('provider HTTP client', () => {
  it('sends the auth header and reads JSON', async () => {
    const answer = await client().get('/v1/things', { page: 1, skip: undefined });
    expect(answer.body).toEqual({ result: [1, 2, 3] });
    expect(sim.log[0]?.query.get('page')).toBe('1');
    expect(sim.log[0]?.query.has('skip')).toBe(false);
  });

  it('retries a GET through 503s with backoff and succeeds', async () => {
    sim.faults.serverErrors = { count: 2, status: 503 };
    expect((await client().get('/v1/things')).status).toBe(200);
    expect(sim.log).toHaveLength(3);
  });

  it('waits as long as Retry-After says on 429', async () => {
    sim.faults.rateLimitStorm = { count: 1, retryAfterSeconds: 1 };
    const started = Date.now();
    await client().get('/v1/things');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.log).toHaveLength(2);
  });

  it('does not sit out a Retry-After longer than it may wait, and says it can be retried later', async () => {
    sim.faults.rateLimitStorm = { count: 1, retryAfterSeconds: 60 };
    const started = Date.now();
    expect(await providerFailure(client().get('/v1/things'))).toMatchObject({ retryable: true, code: 'rate_limited' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up with a retryable error when the provider keeps failing', async () => {
    sim.faults.serverErrors = { count: 10, status: 503 };
    const error = await providerFailure(client().get('/v1/things'));
    expect(error).toMatchObject({ retryable: true, code: 'unavailable', detail: { status: 503 } });
    expect(sim.log).toHaveLength(4);
  });

  it('does not resend a POST after a 503 or a reset, but does after a 429', async () => {
    sim.faults.serverErrors = { count: 1, status: 503 };
    expect((await providerFailure(client().request('POST', '/v1/things', { body: {} }))).retryable).toBe(true);
    expect(sim.log).toHaveLength(1);
    sim.faults.resets = 1;
    await providerFailure(client().request('POST', '/v1/things', { body: {} }));
    expect(sim.log).toHaveLength(2);
    sim.faults.rateLimitStorm = { count: 1, retryAfterSeconds: 0 };
    expect((await client().request('POST', '/v1/things', { body: {} })).status).toBe(201);
    expect(sim.log).toHaveLength(4);
  });

  it('retries an idempotent POST after a connection reset', async () => {
    sim.faults.resets = 1;
    expect((await client().request('POST', '/v1/things', { body: {}, idempotent: true })).status).toBe(201);
    expect(sim.log).toHaveLength(2);
  });

  it('times out a request that is never answered, and retries it', async () => {
    sim.faults.hangs = 1;
    expect((await client().get('/v1/things')).status).toBe(200);
    sim.faults.hangs = 10;
    expect(await providerFailure(client().get('/v1/things'))).toMatchObject({ retryable: true, code: 'timeout' });
  });

  it('keeps the provider message, code and trace id of a refusal, and does not retry it', async () => {
    const error = await providerFailure(client().request('POST', '/v1/refuse', { body: {} }));
    expect(error).toMatchObject({
      // The provider's own words, as the detail of the code for a refusal.
      said: { code: 'provider_refused', params: { status: 400, detail: 'The class is full' } },
      retryable: false,
      code: 'FULL',
      detail: { status: 400, providerCode: 'FULL', traceId: 'abc' },
    });
    expect(sim.log).toHaveLength(1);
  });

  it('says plainly when the key is wrong, without repeating the key', async () => {
    const error = await providerFailure(client({ headers: { 'x-api-key': 'wrong-key' } }).get('/v1/things'));
    expect(error).toMatchObject({ retryable: false, code: 'unauthorized' });
    expect(error.said.code).toBe('provider_key_refused');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-key');
  });

  it('reports an answer that is not JSON as retryable, after retries', async () => {
    sim.faults.invalidJson = 1;
    expect(await providerFailure(client().get('/v1/things'))).toMatchObject({ retryable: true, code: 'invalid_response' });
    sim.faults.truncated = 1;
    expect(await providerFailure(client().get('/v1/things'))).toMatchObject({ code: 'invalid_response' });
  });

  it('shares one budget between connections with the same key and host', async () => {
    const limit = { perMinute: 120, per: 'api' as const };
    // 120/min: a burst of 6, then 1.9 a second, whichever connection asks.
    const [first, second] = [client({ rateLimit: limit }), client({ rateLimit: limit })];
    const started = Date.now();
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? first : second).get('/v1/things')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const other = client({ rateLimit: limit, headers: { 'x-api-key': 'secret-key', 'x-tenant': 'b' } });
    const alone = Date.now();
    await other.get('/v1/things');
    expect(Date.now() - alone).toBeLessThan(300);
  });

  it('stays under the provider limit instead of hitting 429', async () => {
    sim.rateLimited = 0;
    const limited = client({ rateLimit: { perMinute: 600, per: 'api' } });
    // 600/min: the bucket allows a burst of 30, then 9.5 a second.
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => limited.get('/v1/things')));
    expect(sim.rateLimited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
