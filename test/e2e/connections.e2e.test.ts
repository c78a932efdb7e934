import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SportAllianceSimulator } from '../simulators/sport-alliance-simulator';
import { launchChromium, seriousAccessibilityViolations } from './browser';
import { freePort, startWebDesk, type WebDesk } from './web-desk';

// A key nobody could mistake for anything else, so finding it anywhere is a leak.
const apiKey = `ml-${randomBytes(12).toString('hex')}`;
const now = new Date();

let sim: SportAllianceSimulator;
let simUrl: string;
let desk: WebDesk;
let dataDir: string;
let browser: Browser;
let page: Page;
const framesFromCore: string[] = [];

/**
 * Everything the page keeps: IndexedDB (every table), localStorage and sessionStorage, as text.
 * Runs in the page, so it is written as page script (this file is type-checked for Node).
 */
const dumpPageStorage = `(async () => {
  const dump = { local: { ...localStorage }, session: { ...sessionStorage } };
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(info.name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const table of Array.from(db.objectStoreNames)) {
      dump[info.name + '.' + table] = await new Promise((resolve) => {
        const request = db.transaction(table).objectStore(table).getAll();
        request.onsuccess = () => resolve(request.result);
      });
    }
    db.close();
  }
  return JSON.stringify(dump);
})()`;

const pageStorage = () => page.evaluate<string>(dumpPageStorage);

beforeAll(async () => {
  sim = new SportAllianceSimulator({ now, apiKey });
  simUrl = await sim.start();
  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-connections-'));
  desk = await startWebDesk({
    port: await freePort(),
    dataDir,
    startAt: now.toISOString(),
    token: randomBytes(24).toString('base64url'),
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => framesFromCore.push(String(frame.payload))));
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await sim?.stop();
});

describe('connecting a provider in the browser', () => {
  it('adds a Magicline connection, tests it, and shows its classes on Today without leaking the key', async () => {
    await page.goto(desk.url);
    await page.waitForSelector('[data-app-state="ready"]');
    await page.click('[data-testid="nav-connections"]');
    await page.click('[data-testid="connection-add"]');
    await page.selectOption('[data-testid="connection-provider"]', 'magicline');
    await page.fill('[data-testid="connection-label"]', 'FitHaus Mitte');
    await page.fill('[data-testid="connection-tenant"]', 'fithaus');
    await page.click('[data-testid="connection-advanced"]');
    await page.fill('[data-testid="connection-base-url"]', simUrl);
    await page.fill('[data-testid="connection-api-key"]', apiKey);
    await page.click('[data-testid="connection-save"]');

    const row = page.locator('[data-testid="connection-row"]');
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.locator('[data-testid="connection-health"]').getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    await row.locator('[data-testid="connection-test"]').click();
    await expect.poll(() => row.locator('[data-testid="connection-test-result"]').getAttribute('data-ok')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(sim.log.some((request) => request.method === 'HEAD')).toBe(true);

    await page.click('[data-testid="nav-desk"]');
    await page.waitForSelector('[data-testid="location-select"]');
    const locations = await page.$$eval('[data-testid="location-select"] option', (options) => options.map((o) => o.textContent));
    expect(locations).toEqual(['FitHaus Berlin Mitte']);
    await expect.poll(() => page.locator('[data-testid="session-row"]').count()).toBeGreaterThan(0);
    const rowIds = await page.$$eval('[data-testid="session-row"]', (rows) => rows.map((r) => r.getAttribute('data-session-id')));
    expect(rowIds.every((id) => id?.startsWith('fithaus-mitte-'))).toBe(true);
    // Magicline shares counts, not participant lists: the roster says so instead of "nobody booked".
    await page.locator('[data-testid="session-row"]').first().click();
    await page.waitForSelector('[data-testid="roster-partial"]');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The key went in once; it must not come back out anywhere.
    expect(framesFromCore.length).toBeGreaterThan(0);
    expect(framesFromCore.filter((frame) => frame.includes(apiKey))).toEqual([]);
    const stored = await pageStorage();
    expect(stored).toContain('FitHaus Berlin Mitte');
    expect(stored).not.toContain(apiKey);
    expect(desk.output()).not.toContain(apiKey);
    // Every file the desk wrote, the log folder included; only the (dev-mode) key file may hold it.
    const written = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const files = written.filter((entry) => entry.isFile() && entry.name !== 'credentials.dev.json');
    expect(files.map((entry) => entry.name)).toContain('classdesk.log');
    for (const entry of files) {
      const path = join(entry.parentPath, entry.name);
      expect(await readFile(path, 'utf8'), path).not.toContain(apiKey);
    }
    await page.screenshot({ path: 'test-results/connections.png', fullPage: true });
  });
});
