import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/contract';
import type { Member, Session } from '../../src-shared/domain';
import { launchChromium, seriousAccessibilityViolations } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

// Eight in the morning in Berlin today: the day's later classes still take bookings.
const startAt = DateTime.now().setZone('Europe/Berlin').set({ hour: 8, minute: 0, second: 0, millisecond: 0 });

let browser: Browser;
let page: Page;
let desk: WebDesk;

/** A Berlin class later today with free places, and Berlin members not yet on it. */
function pickClass(snapshot: Snapshot): { session: Session; candidates: Member[] } {
  const { records } = snapshot;
  const berlin = records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  const endOfDay = startAt.endOf('day').toUTC().toISO() ?? '';
  const later = startAt.plus({ hours: 3 }).toUTC().toISO() ?? '';
  const session = records.sessions
    .filter((s) => s.locationId === berlin?.id && s.status === 'scheduled' && s.startsAt > later && s.startsAt < endOfDay)
    .find((s) => s.booked < s.capacity - 1);
  if (!session) throw new Error('no Berlin class with free places later today');
  const onIt = new Set(records.bookings.filter((b) => b.sessionId === session.id).map((b) => b.memberId));
  const berliners = new Set(
    records.bookings
      .filter((b) => records.sessions.find((s) => s.id === b.sessionId)?.locationId === berlin?.id)
      .map((b) => b.memberId),
  );
  const candidates = records.members.filter((m) => berliners.has(m.id) && !onIt.has(m.id) && m.barcode);
  return { session, candidates };
}

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-actions-'));
  desk = await startWebDesk({
    port: await freePort(),
    dataDir,
    startAt: startAt.toUTC().toISO() ?? '',
    token: randomBytes(24).toString('base64url'),
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('desk actions in the browser', () => {
  it('books a walk-in, cancels with a reason, and lists both in Activity with a CSV export', async () => {
    const { session, candidates } = pickClass(await fetchSnapshot(desk.url));
    await page.goto(desk.url);
    await page.waitForSelector('[data-app-state="ready"]');
    // A new desk shows its today at once and caches the rest of the members after; it says Online when done.
    await page.waitForSelector('[data-testid="connection-state"][data-state="online"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="location-select"]', session.locationId);
    await page.click(`[data-testid="session-row"][data-session-id="${session.id}"]`);
    await page.waitForSelector(`[data-testid="roster"][data-session-id="${session.id}"]`);

    // Walk-in: scan the member's card in the dialog, see the system's answer, then book.
    let booked: Member | undefined;
    for (const member of candidates.slice(0, 5)) {
      await page.click('[data-testid="add-member"]');
      await page.fill('[data-testid="walk-in-search"]', member.barcode ?? '');
      await page.press('[data-testid="walk-in-search"]', 'Enter');
      const validation = page.locator('[data-testid="walk-in-validation"]');
      await expect.poll(() => validation.getAttribute('data-bookable')).not.toBeNull();
      if ((await validation.getAttribute('data-bookable')) === 'true') {
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await page.click('[data-testid="walk-in-book"]');
        booked = member;
        break;
      }
      await page.keyboard.press('Escape');
    }
    if (!booked) throw new Error('every candidate was refused by the demo studio');
    const row = page.locator(`[data-testid="roster-row"][data-member-id="${booked.id}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('booked');

    // Cancel it with a reason.
    await row.locator('[data-testid="action-cancel"]').click();
    await page.fill('[data-testid="cancel-reason"]', 'Member called: "sick", sorry');
    await page.click('[data-testid="cancel-confirm"]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('cancelled');

    await page.click('[data-testid="nav-activity"]');
    const rows = page.locator('[data-testid="activity-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const kinds = await rows.evaluateAll((all) => all.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-state')}`));
    expect(kinds).toEqual(expect.arrayContaining(['book:confirmed', 'cancel_booking:confirmed']));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="activity-export"]')]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('"Member called: ""sick"", sorry"');
    expect(csv).toContain(booked.lastName);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/activity.png', fullPage: true });
  });
});
