import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWellhubDemoWorld, type WellhubDemoWorld } from '../../relay/demo/wellhub-demo-world.ts';
import { launchChromium } from './browser';
import { freePort, startWebDesk, type WebDesk } from './web-desk';

/**
 * Wellhub end to end, as a gym runs it: Wellhub (the project's simulator) posts signed webhooks to the
 * gym's relay (real, on PGlite); the desk, set up through Connections with the relay's address and its
 * desk token, shows the request with its countdown; Confirm goes through the relay to Wellhub once.
 */

let world: WellhubDemoWorld;
let desk: WebDesk;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-wellhub-'));
  world = await startWellhubDemoWorld({ dataDir });
  desk = await startWebDesk({ port: await freePort(), dataDir: join(dataDir, 'desk'), startAt: new Date().toISOString(), token: randomBytes(24).toString('base64url') });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(desk.url);
  await page.waitForSelector('[data-app-state="ready"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await world?.close();
});

const bookingPatches = (bookingNumber: string) =>
  world.sim.log.filter((request) => request.method === 'PATCH' && request.path.endsWith(`/bookings/${bookingNumber}`));

describe('Wellhub through the relay', () => {
  it('is set up in Connections with the relay address and desk token, and says the relay is connected', async () => {
    await page.getByRole('button', { name: 'Connections' }).click();
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.selectOption('[data-testid="connection-provider"]', 'wellhub');
    await page.fill('[data-testid="connection-label"]', 'Wellhub');
    await page.fill('[data-testid="connection-scope-id"]', world.gymId);
    await page.fill('[data-testid="connection-api-key"]', world.sim.token);
    await page.click('[data-testid="connection-advanced"]');
    await page.fill('[data-testid="connection-base-url"]', world.wellhubUrl);
    const zone = page.locator('[data-testid="connection-time-zone"]');
    if ((await zone.count()) > 0) await zone.fill(world.sim.timeZone);
    await page.getByLabel('Relay address').fill(world.relayUrl);
    await page.getByLabel('Desk token').fill(world.deskToken);
    await page.click('[data-testid="connection-save"]');
    await expect.poll(() => page.getByText('Relay connected').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The token went in and never comes back to the page.
    expect(await page.content()).not.toContain(world.deskToken);
  });

  it('shows a request posted to the relay with its countdown, and Confirm reaches Wellhub once', async () => {
    await page.getByRole('button', { name: 'Desk', exact: true }).click();
    const request = await world.requestPlace();
    const requests = page.getByRole('button', { name: /Wellhub requests: 1 waiting/ });
    await requests.waitFor({ timeout: 10_000 });
    await requests.click();
    const dialog = page.getByRole('dialog', { name: 'Wellhub requests' });
    const row = dialog.getByTestId('request-row').filter({ hasText: request.member });
    await expect.poll(() => row.getByRole('timer').textContent()).toMatch(/Wellhub declines in 1[45]:\d\dAuto-answer in (10|9):\d\d/);
    await row.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => bookingPatches(request.bookingNumber).length, { timeout: 15_000 }).toBe(1);
    expect(bookingPatches(request.bookingNumber)[0]?.body).toMatchObject({ status: 'RESERVED' });
    await expect.poll(() => dialog.getByTestId('requests-empty').count(), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('keeps a waiting request across a page reload', async () => {
    const request = await world.requestPlace();
    await page.getByRole('button', { name: /Wellhub requests: 1 waiting/ }).waitFor({ timeout: 10_000 });
    await page.reload();
    await page.waitForSelector('[data-app-state="ready"]');
    await page.getByRole('button', { name: /Wellhub requests: 1 waiting/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Wellhub requests' });
    await expect.poll(() => dialog.getByTestId('request-row').filter({ hasText: request.member }).count()).toBe(1);
    await page.screenshot({ path: 'test-results/wellhub-requests-1366x768.png' });
    await page.keyboard.press('Escape');
  });
});
