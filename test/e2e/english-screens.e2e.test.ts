import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-shared/domain';
import { launchChromium } from './browser';
import { checkScreenLayout } from './screen-checks';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

/**
 * Every screen and dialog of an English desk at 1366×768 and 1920×1080, as the German walk-through
 * does for German: axe-clean, one header row, nothing cut off, a screenshot each in test-results/.
 */

const startAt = DateTime.now().setZone('Europe/Berlin').set({ hour: 12, minute: 10, second: 0, millisecond: 0 });
let browser: Browser;
let page: Page;
let desk: WebDesk;
let busyClass: Session;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-english-'));
  desk = await startWebDesk({ port: await freePort(), dataDir, startAt: startAt.toUTC().toISO() ?? '', token: randomBytes(24).toString('base64url') });
  const { records } = await fetchSnapshot(desk.url);
  const berlin = records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  const later = startAt.plus({ hours: 1 }).toUTC().toISO() ?? '';
  const endOfDay = startAt.endOf('day').toUTC().toISO() ?? '';
  // A class later today with people booked: every roster action is on offer, the cancel dialog opens.
  const found = records.sessions.find(
    (s) =>
      s.locationId === berlin?.id &&
      s.status === 'scheduled' &&
      s.startsAt > later &&
      s.startsAt < endOfDay &&
      s.booked < s.capacity &&
      records.bookings.some((b) => b.sessionId === s.id && b.status === 'booked'),
  );
  if (!berlin || !found) throw new Error('no Berlin class later today with bookings and free places');
  busyClass = found;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  page = await context.newPage();
  await page.goto(desk.url);
  await page.waitForSelector('[data-app-state="ready"]');
  await page.waitForSelector('[data-testid="connection-state"][data-state="online"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="location-select"]', berlin.id);
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('an English desk, screen by screen', () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}: the desk, its dialogs, Activity, Connections and Settings`, async () => {
      await page.setViewportSize({ width, height });
      await page.click('[data-testid="nav-desk"]');
      await page.click(`[data-testid="session-row"][data-session-id="${busyClass.id}"]`);
      await page.waitForSelector(`[data-testid="roster"][data-session-id="${busyClass.id}"] [data-testid="roster-row"]`);
      expect(await page.textContent('.check-in-field label')).toBe('Scan a card or type a name');
      await checkScreenLayout(page, 'english-desk');

      await page.click('[data-testid="add-member"]');
      await page.getByTestId('walk-in-dialog').waitFor();
      await checkScreenLayout(page, 'english-walk-in');
      await page.keyboard.press('Escape');

      await page.locator('[data-testid="roster-row"][data-status="booked"] [data-testid="action-cancel"]').first().click();
      await page.getByTestId('cancel-dialog').waitFor();
      await checkScreenLayout(page, 'english-cancel');
      await page.keyboard.press('Escape');

      await page.click('[data-testid="show-shortcuts"]');
      await page.getByTestId('shortcut-help').waitFor();
      await checkScreenLayout(page, 'english-shortcuts');
      await page.keyboard.press('Escape');

      await page.locator('[data-testid="roster-row"]').first().focus();
      await page.keyboard.press('Control+k');
      await page.getByTestId('command-palette').waitFor();
      await checkScreenLayout(page, 'english-palette');
      await page.keyboard.press('Escape');

      for (const [screen, shown] of [
        ['activity', '[data-testid="activity-screen"], .activity-area'],
        ['connections', '[data-testid="connections-empty"], .connection-list'],
        ['settings', '[data-testid="settings-language"]'],
      ] as const) {
        await page.click(`[data-testid="nav-${screen}"]`);
        await page.waitForSelector(shown);
        await checkScreenLayout(page, `english-${screen}`);
      }
    });
  }
});
