import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderHttp } from '../../src-main/core/http/provider-http';
import { providerFailure } from '../support/provider-failure';

/**
 * A provider gone wrong, on 127.0.0.1: each route answers the way a broken
 * server or proxy can, and the test sees how many bytes actually went out.
 */
class FaultyProvider {
  private readonly server: Server;
  /** Bytes written by the endless route before the client hung up. */
  endlessBytesSent = 0;
  endlessClosed: Promise<void>;
  private closedEndless = () => {};

  constructor() {
    this.endlessClosed = new Promise((resolve) => (this.closedEndless = resolve));
    this.server = createServer((request, response) => {
      if (request.url?.startsWith('/endless')) return this.endless(response);
      if (request.url?.startsWith('/announced')) {
        // Says up front it will be 200 MB, then sends slowly: the client must not wait for it.
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) });
        response.write('[');
        return;
      }
      if (request.url?.startsWith('/bomb')) {
        // 4 MB of JSON squeezed to a few kB: only the unpacked size tells.
        const packed = gzipSync(Buffer.from(`[${'0,'.repeat(2 * 1024 * 1024)}0]`));
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return response.end(packed);
      }
      if (request.url?.startsWith('/refuse')) {
        response.writeHead(400, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ message: 'No. '.repeat(5000), code: 'C'.repeat(1000) }));
      }
      if (request.url?.startsWith('/many')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ data: { items: Array.from({ length: 101 }, (_, id) => ({ id })) } }));
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ result: Array.from({ length: 100 }, (_, id) => ({ id })) }));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A JSON list that never ends, written as fast as the client reads it. */
  private endless(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.from(`${'{"id":1},'.repeat(7000)}`);
    response.write('[');
    const pump = () => {
      while (!response.destroyed && response.write(chunk)) this.endlessBytesSent += chunk.length;
    };
    response.on('drain', pump);
    response.on('close', this.closedEndless);
    pump();
  }
}

let faulty: FaultyProvider | undefined;
afterEach(async () => {
  await faulty?.stop();
  faulty = undefined;
});

async function client(limits?: { maxBodyBytes?: number; maxRecords?: number }) {
  faulty = new FaultyProvider();
  const baseUrl = await faulty.start();
  return new ProviderHttp({
    provider: 'Testgym',
    baseUrl,
    headers: {},
    rateLimit: { perMinute: 6000, per: 'api' },
    timeoutMs: 20_000,
    retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1_000 },
    readError: (_status, body) => {
      const said = body as { message?: string; code?: string };
      return { providerMessage: said.message, providerCode: said.code };
    },
    ...(limits ? { limits } : {}),
  });
}

describe('provider answers are capped', () => {
  it('stops reading an endless body at the 50 MB default, while it streams, with a code the desk can show', async () => {
    const http = await client();
    const started = Date.now();
    const error = await providerFailure(http.get('/endless'));
    expect(error).toMatchObject({ code: 'response_too_large', retryable: true });
    expect(error.said).toEqual({ code: 'provider_answer_too_large', params: { provider: 'Testgym', kilobytes: 50 * 1024 } });
    await faulty?.endlessClosed;
    // The connection was cut soon after the cap, not read to the end (there is none) or into a timeout.
    expect(faulty?.endlessBytesSent).toBeLessThan(60 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('gives up at once on an answer that announces more than the cap', async () => {
    const http = await client({ maxBodyBytes: 1024 * 1024 });
    const started = Date.now();
    expect(await providerFailure(http.get('/announced'))).toMatchObject({ code: 'response_too_large' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('counts the unpacked size of a compressed answer', async () => {
    const http = await client({ maxBodyBytes: 1024 * 1024 });
    expect(await providerFailure(http.get('/bomb'))).toMatchObject({ code: 'response_too_large' });
  });

  it('refuses an answer with more records in one list than the cap, envelope and all', async () => {
    const http = await client({ maxRecords: 100 });
    const error = await providerFailure(http.get('/many'));
    expect(error).toMatchObject({ code: 'too_many_records', detail: { providerMessage: expect.stringContaining('101 entries') } });
    expect(error.said).toEqual({ code: 'provider_too_many_records', params: { provider: 'Testgym', count: 100 } });
    expect((await http.get('/fine')).body).toMatchObject({ result: expect.any(Array) });
  });

  it("shortens what a provider says about an error, as it becomes the desk's words and is kept with the action", async () => {
    const error = await providerFailure((await client()).request('POST', '/refuse', { body: {} }));
    const detail = String(error.said.params?.['detail']);
    expect(error.said.code).toBe('provider_refused');
    expect(detail.length).toBeLessThanOrEqual(500);
    expect(detail.endsWith('…')).toBe(true);
    expect(error.detail.providerCode?.length).toBeLessThanOrEqual(100);
  });
});
