import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ServerFrame } from '../../src-shared/wire';
import { openCore, type Core } from '../../src-main/core/core';
import { startWebServer, type WebServer } from '../../src-main/web/web-server';
import type { BridgedCore } from '../../src-main/web/ws-bridge';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { encodeFrame, openRawWebSocket, sendAndAwaitClose, type RawFrame } from '../web/raw-websocket';

let core: Core;
let server: WebServer;
let origin: string;
let token: string;
let rendererDir: string;
const logged: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-web-'));
  rendererDir = join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Classdesk</title>');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'index-3f9a.js'), 'export {};');
  await writeFile(join(dataDir, 'secret.txt'), 'not for the browser');
  core = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [new ScriptedStudio(new Date())],
    syncIntervalMs: 0,
    log: () => {},
  });
  server = await startWebServer(core, rendererDir, 0, undefined, { log: (message) => logged.push(message) });
  const url = new URL(server.url);
  origin = url.origin;
  token = url.searchParams.get('token') ?? '';
});

afterAll(async () => {
  await server.close();
  await core.close();
});

function connect(query: string, headers: Record<string, string>): Promise<WebSocket> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws${query}`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextFrame(socket: WebSocket): Promise<ServerFrame> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(ServerFrame.parse(JSON.parse(String(data))))));
}

describe('browser-mode server', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${origin}/..%2fsecret.txt`);
    expect([403, 404]).toContain(escape.status);
    expect(await escape.text()).not.toContain('not for the browser');
  });

  it('lets the browser keep the hashed bundle for good (and its compiled code), but asks for the page anew', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const bundle = await fetch(`${origin}/assets/index-3f9a.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const unknown = await fetch(`${origin}/assets-list`);
    expect(unknown.headers.get('cache-control')).toBe('no-cache');
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(connect('', { Origin: origin })).rejects.toThrow(/401/);
    await expect(connect(`?token=${token}x`, { Origin: origin })).rejects.toThrow(/401/);
    await expect(connect(`?token=${token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/401/);
  });

  it('carries commands and answers invalid ones with a clear error', async () => {
    const socket = await connect(`?token=${token}`, { Origin: origin });
    socket.send(JSON.stringify({ type: 'request', id: 1, command: 'hello', input: {} }));
    const hello = await nextFrame(socket);
    expect(hello).toMatchObject({ type: 'response', id: 1, result: { ok: true } });
    socket.send(JSON.stringify({ type: 'request', id: 2, command: 'checkIn', input: { bookingId: 'b-1' } }));
    const invalid = await nextFrame(socket);
    expect(invalid).toMatchObject({ type: 'response', id: 2, result: { ok: false, error: { code: 'invalid_input' } } });
    socket.close();
  });

  it('pushes events to connected pages', async () => {
    const socket = await connect(`?token=${token}`, { Origin: origin });
    socket.send(
      JSON.stringify({
        type: 'request',
        id: 3,
        command: 'checkIn',
        input: { actionId: crypto.randomUUID(), bookingId: 'b-1' },
      }),
    );
    const frames: ServerFrame[] = [];
    await new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        frames.push(ServerFrame.parse(JSON.parse(String(data))));
        if (frames.some((f) => f.type === 'response')) resolve();
      });
    });
    expect(frames.some((f) => f.type === 'event' && f.event.name === 'changes')).toBe(true);
    socket.close();
  });

  it('closes a socket that sends frames that are not requests', async () => {
    const socket = await connect(`?token=${token}`, { Origin: origin });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"hello":');
    expect(await closed).toBe(1003);
  });
});

/** A GET with the path exactly as given: fetch() would tidy up what these tests need to send malformed. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const sent = request({ host: url.hostname, port: url.port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.once('error', reject);
    sent.end();
  });
}

async function helloWorks(): Promise<void> {
  const socket = await connect(`?token=${token}`, { Origin: origin });
  socket.send(JSON.stringify({ type: 'request', id: 1, command: 'hello', input: {} }));
  expect(await nextFrame(socket)).toMatchObject({ type: 'response', id: 1, result: { ok: true } });
  socket.close();
}

describe('browser-mode server under bad input', () => {
  it.each(['/%ff', '/%E0%A4%A', '//[', '/%00.js'])('answers %s with 400 and keeps serving', async (path) => {
    expect(await rawGet(path)).toBe(400);
    expect(await rawGet('/')).toBe(200);
  });

  it('tells a page whether its key still fits, without a socket', async () => {
    const host = new URL(origin).host;
    expect(await rawGet('/ws', { 'X-Classdesk-Token': token, Host: host })).toBe(204);
    expect(await rawGet('/ws', { 'X-Classdesk-Token': `${token}x`, Host: host })).toBe(401);
    expect(await rawGet('/ws', { Host: host })).toBe(401);
    // Opened as localhost, the socket's Origin check would refuse the page however right its key.
    expect(await rawGet('/ws', { 'X-Classdesk-Token': token, Host: host.replace('127.0.0.1', 'localhost') })).toBe(401);
  });

  it('refuses a port already in use with the listen error, not a crash', async () => {
    // ws re-emits the http server's errors; unheard, that second copy would end the process.
    const port = Number(new URL(origin).port);
    await expect(startWebServer(core, rendererDir, port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await helloWorks();
  });

  const text = (payload: Buffer | string): RawFrame => ({ opcode: 0x1, payload: Buffer.from(payload) });
  const protocolErrors: [string, RawFrame, number][] = [
    ['a frame over the size limit', { ...text('{}'), announcedLength: 300 * 1024 }, 1009],
    ['invalid UTF-8', text(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
    ['an unknown opcode', { opcode: 0x3, payload: Buffer.from('x') }, 1002],
    ['RSV bits without an extension', { ...text('{}'), rsv: 0x40 }, 1002],
    ['a ping over 125 bytes', { opcode: 0x9, payload: Buffer.alloc(126, 1) }, 1002],
    ['a fragmented ping', { opcode: 0x9, payload: Buffer.from('p'), fin: false }, 1002],
    ['an unmasked frame', { ...text('{}'), masked: false }, 1002],
  ];
  it.each(protocolErrors)('closes a socket that sends %s and keeps serving', async (_what, frame, code) => {
    const socket = await openRawWebSocket(origin, `/ws?token=${token}`);
    expect(await sendAndAwaitClose(socket, encodeFrame(frame))).toBe(code);
    await helloWorks();
    expect(logged.at(-1)).toMatch(/WebSocket protocol/);
  });

  it('cuts off a page that stops reading instead of keeping its answers without end', { timeout: 20_000 }, async () => {
    const answer = 'x'.repeat(128 * 1024);
    let asked = 0;
    const chatty: BridgedCore = {
      handle: async () => {
        asked += 1;
        return { ok: true, value: answer };
      },
      subscribe: () => () => undefined,
    };
    const messages: string[] = [];
    const small = await startWebServer(chatty, rendererDir, 0, undefined, { maxBufferedBytes: 512 * 1024, log: (m) => messages.push(m) });
    const url = new URL(small.url);
    const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.pause();
    const requests = 400; // 50 MiB of answers, far beyond what loopback's kernel buffers hold
    for (let id = 1; id <= requests; id++) socket.send(JSON.stringify({ type: 'request', id, command: 'hello', input: {} }));
    // The server notices the backlog as it answers; it must not wait for this page to read.
    await expect.poll(() => messages.join('\n'), { timeout: 10_000 }).toMatch(/unread/);
    let received = 0;
    socket.on('message', () => (received += 1));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.resume();
    await closed;
    expect(asked).toBeGreaterThan(0);
    expect(received).toBeLessThan(requests);
    await small.close();
  });
});
