import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ServerFrame } from '../../src-shared/wire';
import { openCore, type Core } from '../../src-main/core/core';
import { startWebServer, type WebServer } from '../../src-main/web/web-server';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';

let core: Core;
let server: WebServer;
let origin: string;
let token: string;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-web-'));
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Classdesk</title>');
  await writeFile(join(dataDir, 'secret.txt'), 'not for the browser');
  core = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [new ScriptedStudio(new Date())],
    syncIntervalMs: 0,
    log: () => {},
  });
  server = await startWebServer(core, rendererDir, 0);
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
