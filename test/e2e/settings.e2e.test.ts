import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { freePort, startWebDesk, type WebDesk } from './web-desk';

let desk: WebDesk;
let dataDir: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'classdesk-e2e-settings-'));
  dataDir = join(root, 'data');
  const configDir = join(root, 'machine');
  await mkdir(dataDir);
  await mkdir(configDir);
  // IT locks the sounds off for this PC.
  await writeFile(join(configDir, 'policy.json'), JSON.stringify({ sounds: false }));
  desk = await startWebDesk({ port: await freePort(), dataDir, configDir, startAt: new Date().toISOString(), token: randomBytes(24).toString('base64url') });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('settings in the browser', () => {
  it('shows the locked setting, keeps a changed one across a reload, and wipes the desk to a fresh one', async () => {
    await page.goto(desk.url);
    await page.waitForSelector('[data-app-state="ready"]');
    await page.click('[data-testid="nav-settings"]');
    const sounds = page.getByLabel('Play a sound on every scan');
    await sounds.waitFor();
    expect(await sounds.isDisabled()).toBe(true);
    expect(await page.textContent('[data-testid="setting-sounds-marker"]')).toBe('Set by your IT (policy)');

    await page.getByLabel('Days ahead to fetch').fill('21');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-message"]:has-text("Settings saved.")');

    await page.reload();
    await page.waitForSelector('[data-app-state]');
    await page.click('[data-testid="nav-settings"]');
    await page.getByLabel('Days ahead to fetch').waitFor();
    expect(await page.getByLabel('Days ahead to fetch').inputValue()).toBe('21');
    expect(await page.getByLabel('Play a sound on every scan').isDisabled()).toBe(true);

    await page.click('[data-testid="wipe-open"]');
    await page.getByLabel('Type WIPE to confirm').fill('WIPE');
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="wipe-confirm"]')]);
    await page.waitForSelector('[data-app-state="ready"]');
    // The fresh desk may already have noted its location again; the window chosen before is gone.
    const files = await readdir(dataDir);
    if (files.includes('settings.json')) expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).not.toHaveProperty('syncDaysAhead');
    await page.click('[data-testid="nav-settings"]');
    await page.getByLabel('Days ahead to fetch').waitFor();
    expect(await page.getByLabel('Days ahead to fetch').inputValue()).toBe('14');
    // The policy is IT's, not the desk's: a wipe leaves it in force.
    expect(await page.getByLabel('Play a sound on every scan').isDisabled()).toBe(true);
  });
});
