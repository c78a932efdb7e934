import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, openRawWebSocket, sendAndAwaitClose } from '../web/raw-websocket';
import { launchChromium } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

/**
 * `npm run web` as a user starts it (the built out/main/web.js), fed what a broken or hostile
 * client sends: it must answer or close that one client and go on serving everyone else.
 */
const accessNeeded = 'This page needs the desk link with its access key.';
const newToken = () => randomBytes(24).toString('base64url');
let desk: WebDesk;
let deskOptions: Parameters<typeof startWebDesk>[0];
let browser: Browser;

beforeAll(async () => {
  deskOptions = {
    port: await freePort(),
    dataDir: await mkdtemp(join(tmpdir(), 'classdesk-e2e-bad-')),
    startAt: '2026-11-23T09:00:00Z',
    token: newToken(),
  };
  desk = await startWebDesk(deskOptions);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

function rawGet(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const sent = request({ host: url.hostname, port: url.port, path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.once('error', reject);
    sent.end();
  });
}

describe('npm run web under bad input', () => {
  it('answers malformed paths with 400 and WebSocket protocol errors with a close, and keeps serving', async () => {
    const { origin } = new URL(desk.url);
    for (const path of ['/%ff', '/%E0%A4%A', '//[']) expect(await rawGet(origin, path)).toBe(400);
    const frames = [
      encodeFrame({ opcode: 0x1, payload: Buffer.from('{}'), announcedLength: 1024 * 1024 }),
      encodeFrame({ opcode: 0x1, payload: Buffer.from([0xff, 0xfe]) }),
      encodeFrame({ opcode: 0xb, payload: Buffer.from('x') }),
      encodeFrame({ opcode: 0x1, payload: Buffer.from('{}'), rsv: 0x20 }),
      encodeFrame({ opcode: 0x9, payload: Buffer.alloc(200) }),
    ];
    for (const frame of frames) {
      const socket = await openRawWebSocket(origin, `/ws?token=${deskOptions.token}`);
      expect(await sendAndAwaitClose(socket, frame)).toBeGreaterThanOrEqual(1002);
    }
    expect(desk.process.exitCode).toBeNull();
    // A fresh client is served as if nothing happened.
    expect((await fetchSnapshot(desk.url)).records.sessions.length).toBeGreaterThan(0);
    expect(await rawGet(origin, '/')).toBe(200);
  });

  it('stops on a port already in use with one line and the usage, before opening the store', async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-port-'));
    const child = spawn(process.execPath, ['out/main/web.js', '--port', String(port), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    taken.close();
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`Port ${port} on 127.0.0.1 is already in use (is Classdesk already running?); choose another with --port.`);
    expect(lines[1]).toMatch(/^Usage: npm run web/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dataDir, 'desk-store.db'))).toBe(false);
  });

  it('stops on a damaged connections file with one sentence naming it, no stack, and leaves the file as it was', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-damaged-'));
    const file = join(dataDir, 'connections.json');
    await writeFile(file, '{"connections": [');
    const child = spawn(process.execPath, ['out/main/web.js', '--port', String(await freePort()), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`Classdesk cannot use ${file}, which holds the settings of your connections: it is not valid JSON`);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('Classdesk could not start.');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(await readFile(file, 'utf8')).toBe('{"connections": [');
  });
});

describe('the page and its access key', () => {
  it('takes the key out of the address, and a reload still reaches the desk', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(desk.url);
    await page.waitForSelector('[data-app-state="ready"]');
    expect(page.url()).toBe(`${new URL(desk.url).origin}/`);
    await page.reload();
    await page.waitForSelector('[data-app-state="ready"]');
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state')).toBe('online');
    await page.context().close();
  });

  it('says how to get in when the key is missing or wrong, instead of loading forever', async () => {
    const { origin } = new URL(desk.url);
    const context = await browser.newContext();
    const bare = await context.newPage();
    await bare.goto(`${origin}/`);
    await expect.poll(() => bare.textContent('[data-testid="access-needed"]')).toContain(accessNeeded);

    const wrong = await context.newPage();
    await wrong.goto(`${origin}/?token=${newToken()}`);
    await expect.poll(() => wrong.textContent('[data-testid="access-needed"]')).toContain(accessNeeded);
    expect(wrong.url()).toBe(`${origin}/`);
    await context.close();
  });

  it('says so too when the desk comes back with a new key while the page is open', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(desk.url);
    await page.waitForSelector('[data-app-state="ready"]');
    await desk.stop();
    deskOptions = { ...deskOptions, token: newToken() };
    desk = await startWebDesk(deskOptions);
    await expect.poll(() => page.textContent('[data-testid="access-needed"]'), { timeout: 20_000 }).toContain(accessNeeded);
    await page.context().close();
  });
});
