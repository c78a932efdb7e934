import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The built app (out/) in Electron's real binary: it opens on the desk, the
 * page is isolated from Node and Electron, a second instance leaves at once,
 * and quitting ends the process. What test/shell proves against a stand-in,
 * checked once against the real thing.
 */
const userDataDir = mkdtempSync(join(tmpdir(), 'classdesk-electron-'));
const display = inject('display');
const env: Record<string, string> = Object.fromEntries(
  Object.entries({ ...process.env, ...(display ? { DISPLAY: display } : {}) }).filter((entry): entry is [string, string] => entry[1] !== undefined),
);
// Chromium's sandbox refuses to start as root (CI containers); elsewhere it stays on.
const args = ['.', `--user-data-dir=${userDataDir}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];

let app: ElectronApplication;
let page: Page;
beforeAll(async () => {
  app = await _electron.launch({ executablePath: inject('electronBinary'), args, env, cwd: process.cwd() });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});
afterAll(async () => {
  await app?.close();
});

describe('Classdesk in Electron', () => {
  it('opens the desk from classdesk:// with the desktop CSP', async () => {
    expect(page.url()).toBe('classdesk://desk/index.html');
    expect(await page.title()).toBe('Classdesk');
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('Content-Security-Policy'));
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('ws:');
  });

  it('the page has the contract’s functions and nothing of Node or Electron', async () => {
    const seen = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const desk = scope['classdesk'] as Record<string, unknown> | undefined;
      return {
        hello: typeof desk?.['hello'],
        require: typeof scope['require'],
        process: typeof scope['process'],
        popup: (scope['open'] as (url: string) => unknown)('https://example.com/') === null,
      };
    });
    expect(seen).toEqual({ hello: 'function', require: 'undefined', process: 'undefined', popup: true });
  });

  it('a page whose process crashes is loaded again', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    const state = () =>
      app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        return contents.isCrashed() || contents.isLoading() ? 'not yet' : contents.getURL();
      });
    await expect.poll(state, { timeout: 20_000 }).toBe('classdesk://desk/index.html');
  });

  it('a second instance with the same data folder leaves at once and opens no window', async () => {
    const second = spawn(inject('electronBinary'), args, { env, cwd: process.cwd(), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(app.windows()).toHaveLength(1);
  });
});
