import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/contract';
import type { Booking, Location, Member, Session } from '../../src-shared/domain';
import { launchChromium, seriousAccessibilityViolations } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

// Ten past noon in Berlin today: some classes are over, one runs or is next, more are to come.
const startAt = DateTime.now().setZone('Europe/Berlin').set({ hour: 12, minute: 10, second: 0, millisecond: 0 });
const nowIso = startAt.toUTC().toISO() ?? '';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let desk: WebDesk;
let snapshot: Snapshot;
let berlin: Location;
let todays: Session[];

/** A member booked (not yet in) on the class a scan would check them into: the earliest of theirs not over. */
function scanSubject(): { session: Session; member: Member; booking: Booking } {
  const { records } = snapshot;
  const open = new Map(todays.filter((s) => s.status === 'scheduled' && s.endsAt > nowIso).map((s) => [s.id, s]));
  const firstPerMember = new Map<string, Booking>();
  records.bookings
    .filter((b) => open.has(b.sessionId) && (b.status === 'booked' || b.status === 'checked_in'))
    .sort((a, b) => (open.get(a.sessionId)?.startsAt ?? '').localeCompare(open.get(b.sessionId)?.startsAt ?? ''))
    .forEach((b) => firstPerMember.has(b.memberId) || firstPerMember.set(b.memberId, b));
  for (const booking of firstPerMember.values()) {
    const member = records.members.find((m) => m.id === booking.memberId && m.barcode);
    const session = open.get(booking.sessionId);
    if (booking.status === 'booked' && member && session && session.startsAt > nowIso) return { session, member, booking };
  }
  throw new Error('no member to scan in today');
}

/** How many of these elements lie wholly inside the window (and inside the list that scrolls them). */
async function whollyVisible(selector: string, scroller: string): Promise<number> {
  const frame = await page.locator(scroller).boundingBox();
  const viewport = page.viewportSize();
  if (!frame || !viewport) return 0;
  const top = Math.max(0, frame.y);
  const bottom = Math.min(viewport.height, frame.y + frame.height);
  const boxes = await page.locator(selector).evaluateAll((rows) =>
    rows.map((row) => {
      const r = row.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, right: r.right, height: r.height };
    }),
  );
  return boxes.filter((r) => r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5 && r.right <= viewport.width + 0.5).length;
}

async function shoot(name: string): Promise<void> {
  await mkdir('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png` });
}

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-layout-'));
  desk = await startWebDesk({ port: await freePort(), dataDir, startAt: nowIso, token: randomBytes(24).toString('base64url') });
  snapshot = await fetchSnapshot(desk.url);
  const found = snapshot.records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  if (!found) throw new Error('the demo studio has no Berlin location');
  berlin = found;
  const day = startAt.toISODate();
  todays = snapshot.records.sessions
    .filter((s) => s.locationId === berlin.id && DateTime.fromISO(s.startsAt).setZone(berlin.timeZone).toISODate() === day)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await page.goto(desk.url);
  await page.waitForSelector('[data-app-state="ready"]');
  await page.selectOption('[data-testid="location-select"]', berlin.id);
  await page.waitForSelector('[data-testid="session-row"]');
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('the desk at 1366×768', () => {
  it('has one header row of at most 64 px with check-in, the gym’s clock and the connection state', async () => {
    const header = await page.locator('.desk-header').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(64);
    for (const part of ['check-in-input', 'gym-clock', 'connection-state']) {
      const box = await page.getByTestId(part).boundingBox();
      expect(box, part).not.toBeNull();
      expect(box!.y + box!.height, part).toBeLessThanOrEqual(64);
    }
    const clock = await page.getByTestId('gym-clock').locator('time').textContent();
    expect(clock).toBe(startAt.toFormat('HH:mm'));
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state')).toBe('online');
  });

  it('shows at least eight classes, the one running now or next open and in view, past ones dimmed', async () => {
    expect(todays.length).toBeGreaterThanOrEqual(8);
    expect(await whollyVisible('[data-testid="session-row"]', '.session-list')).toBeGreaterThanOrEqual(8);
    const current = todays.find((s) => s.endsAt > nowIso && s.status !== 'cancelled');
    const open = page.locator('[data-testid="session-row"][aria-current="true"]');
    expect(await open.getAttribute('data-session-id')).toBe(current?.id);
    expect(await whollyVisible('[data-testid="session-row"][aria-current="true"]', '.session-list')).toBe(1);
    const past = await page.locator('[data-testid="session-row"][data-past]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')));
    expect(past).toEqual(todays.filter((s) => s.endsAt <= nowIso).map((s) => s.id));
    expect(past.length).toBeGreaterThan(0);
    // Booked / capacity and checked in, per class.
    const first = page.locator('[data-testid="session-row"]').first();
    expect(await first.getByTestId('session-booked').textContent()).toBe(`${todays[0]!.booked}/${todays[0]!.capacity}`);
    expect(await first.getByTestId('session-checked-in').textContent()).toMatch(/^\d+ checked in$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('desk-layout-1366x768');
  });

  it('shows ten roster rows at once, one line each, columns aligned across groups, buttons 44 px high', async () => {
    const counts = new Map<string, number>();
    for (const b of snapshot.records.bookings) counts.set(b.sessionId, (counts.get(b.sessionId) ?? 0) + 1);
    const fullest = [...todays].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0]!;
    expect(counts.get(fullest.id)).toBeGreaterThanOrEqual(10);
    await page.click(`[data-testid="session-row"][data-session-id="${fullest.id}"]`);
    await page.waitForSelector(`[data-testid="roster"][data-session-id="${fullest.id}"] [data-testid="roster-row"]`);
    expect(await whollyVisible('[data-testid="roster-row"]', '.roster-area')).toBeGreaterThanOrEqual(10);

    const rows = page.locator('[data-testid="roster-row"]');
    const heights = await rows.evaluateAll((all) => all.map((r) => r.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThanOrEqual(52);
    const statusLeft = await page.locator('.roster-row .booking-status').evaluateAll((all) => all.map((c) => Math.round(c.getBoundingClientRect().left)));
    expect(new Set(statusLeft).size).toBe(1);
    const buttons = await page.locator('.desk button').evaluateAll((all) =>
      all.map((b) => ({ text: b.textContent, height: b.getBoundingClientRect().height })).filter((b) => b.height > 0),
    );
    expect(buttons.filter((b) => b.height < 44)).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shoot('desk-layout-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('checks in a card scanned while a roster row has focus, in place, with an answer that does not move the desk', async () => {
    const { session, member, booking } = scanSubject();
    await page.click(`[data-testid="session-row"][data-session-id="${session.id}"]`);
    const target = page.locator(`[data-testid="roster-row"][data-booking-id="${booking.id}"]`);
    await target.waitFor();
    const other = page.locator('[data-testid="roster-row"]').first();
    await other.focus();
    const rosterTop = (await page.locator('.roster-area').boundingBox())?.y;
    const before = await page.locator('[data-testid="roster-row"]').evaluateAll((all) => all.map((r) => r.getAttribute('data-booking-id')));

    // A wedge scanner: the whole code and Enter, keys a few milliseconds apart.
    await page.keyboard.type(member.barcode ?? '');
    await page.keyboard.press('Enter');
    await expect.poll(() => target.getAttribute('data-status'), { timeout: 15_000 }).toBe('checked_in');
    const message = page.getByTestId('check-in-message');
    await expect.poll(() => message.getAttribute('data-tone')).toBe('success');
    expect(await message.textContent()).toContain(member.lastName);
    // Marked where it was: same place in the list, no row moved, nothing pushed down.
    const after = await page.locator('[data-testid="roster-row"]').evaluateAll((all) => all.map((r) => r.getAttribute('data-booking-id')));
    expect(after).toEqual(before);
    expect((await page.locator('.roster-area').boundingBox())?.y).toBe(rosterTop);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('desk-layout-scan-1366x768');
    // The answer leaves by itself after a few seconds.
    await expect.poll(() => message.getAttribute('data-tone'), { timeout: 15_000 }).toBeNull();
  });

  it('takes "X9912345" + Enter on a focused row as a scan, not as X for cancel', async () => {
    const booked = page.locator('[data-testid="roster-row"][data-status="booked"]').first();
    await booked.focus();
    await page.keyboard.type('X9912345');
    await page.keyboard.press('Enter');
    const message = page.getByTestId('check-in-message');
    await expect.poll(() => message.textContent()).toContain('X9912345');
    expect(await page.locator('[data-testid="cancel-dialog"]').count()).toBe(0);
    await expect.poll(() => message.getAttribute('data-tone')).toBe('warning');
  });

  it('still fits at 1280×720 and at the 1024×768 minimum', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      const header = await page.locator('.desk-header').boundingBox();
      expect(header?.height).toBeLessThanOrEqual(64);
      const overflow = await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);
      expect(overflow, `${width}×${height}`).toBeLessThanOrEqual(0);
      // Every row's actions whole inside the roster, nothing cut off at the right.
      const rosterRight = await page.locator('.roster-area').evaluate((area) => area.getBoundingClientRect().right);
      const rights = await page.locator('.row-action').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().right));
      const cut = rights.filter((right) => right > rosterRight + 0.5).length;
      expect(cut, `${width}×${height}`).toBe(0);
      await shoot(`desk-layout-${width}x${height}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });
});

describe('browser mode without the desk link', () => {
  it('says how to get in and never claims to show a saved schedule', async () => {
    const bare = await context.newPage();
    await bare.goto(`${new URL(desk.url).origin}/`);
    await expect.poll(() => bare.textContent('[data-testid="access-needed"]')).toContain('needs the desk link');
    expect(await bare.textContent('body')).not.toContain('saved schedule');
    expect(await seriousAccessibilityViolations(bare)).toEqual([]);
    await bare.close();
  });
});
