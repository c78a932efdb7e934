import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/contract';
import type { Booking, Session } from '../../src-shared/domain';
import { launchChromium, seriousAccessibilityViolations } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

// One in the afternoon in Berlin today: the morning's classes are over, the evening's are hours away.
const startAt = DateTime.now().setZone('Europe/Berlin').set({ hour: 13, minute: 0, second: 0, millisecond: 0 });

let browser: Browser;
let page: Page;
let desk: WebDesk;

function berlinClasses(snapshot: Snapshot, day = startAt.toISODate()): Session[] {
  const berlin = snapshot.records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  return snapshot.records.sessions.filter(
    (s) => s.locationId === berlin?.id && s.status === 'scheduled' && DateTime.fromISO(s.startsAt, { zone: 'Europe/Berlin' }).toISODate() === day,
  );
}

/** A class that ended this morning with someone still booked: never came, not marked yet. */
function endedWithAbsentee(snapshot: Snapshot): { session: Session; absentee: Booking } {
  const now = startAt.toUTC().toISO() ?? '';
  for (const session of berlinClasses(snapshot).filter((s) => s.endsAt < now)) {
    const absentee = snapshot.records.bookings.find((b) => b.sessionId === session.id && b.status === 'booked');
    if (absentee) return { session, absentee };
  }
  throw new Error('no class ended this morning with someone still booked');
}

async function openClass(session: Session, nextDay = false): Promise<void> {
  await page.selectOption('[data-testid="location-select"]', session.locationId);
  await page.click('[data-testid="day-today"]');
  if (nextDay) await page.click('[data-testid="day-next"]');
  await page.click(`[data-testid="session-row"][data-session-id="${session.id}"]`);
  await page.waitForSelector(`[data-testid="roster"][data-session-id="${session.id}"]`);
  await page.waitForSelector('[data-testid="roster-row"]');
}

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-offered-'));
  desk = await startWebDesk({
    port: await freePort(),
    dataDir,
    startAt: startAt.toUTC().toISO() ?? '',
    token: randomBytes(24).toString('base64url'),
  });
  browser = await launchChromium();
  // A reception PC's screen: the roster scrolls here, also when its rows offer no button any more.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await page.goto(desk.url);
  await page.waitForSelector('[data-app-state="ready"]');
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('only actions that can work are offered', () => {
  it('offers no check-in and no add member on a finished class, and marks a no-show there', async () => {
    const { session, absentee } = endedWithAbsentee(await fetchSnapshot(desk.url));
    await openClass(session);
    const roster = page.locator('[data-testid="roster"]');
    expect(await roster.locator('[data-testid="action-check-in"]').count()).toBe(0);
    expect(await roster.locator('[data-testid="action-promote"]').count()).toBe(0);
    expect(await roster.locator('[data-testid="action-cancel"]').count()).toBe(0);
    expect(await page.locator('[data-testid="add-member"]').count()).toBe(0);
    // Every button still on offer is a no-show, and only on someone still booked.
    const offered = await roster.locator('.row-action button').evaluateAll((buttons) =>
      buttons.map((button) => `${button.getAttribute('data-testid')}:${button.closest('[data-status]')?.getAttribute('data-status')}`),
    );
    expect(offered.length).toBeGreaterThan(0);
    expect(new Set(offered)).toEqual(new Set(['action-no-show:booked']));

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/offered-actions-finished-class.png' });

    const row = page.locator(`[data-testid="roster-row"][data-booking-id="${absentee.id}"]`);
    await row.locator('[data-testid="action-no-show"]').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('no_show');
    await expect.poll(() => page.getByTestId('roster-message').textContent()).toMatch(/no-show/);
    // Its row offers nothing more: a no-show is final for the desk.
    expect(await row.locator('button').count()).toBe(0);
    // The roster still scrolls by keyboard (axe: scrollable-region-focusable) with fewer buttons in it.
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('offers no check-in on a class tomorrow, and says when it opens', async () => {
    const snapshot = await fetchSnapshot(desk.url);
    const later = berlinClasses(snapshot, startAt.plus({ days: 1 }).toISODate()).find((s) =>
      snapshot.records.bookings.some((b) => b.sessionId === s.id && b.status === 'booked'),
    );
    if (!later) throw new Error('no booked class tomorrow');
    await openClass(later, true);
    const roster = page.locator('[data-testid="roster"]');
    expect(await roster.locator('[data-testid="action-check-in"]').count()).toBe(0);
    expect(await roster.locator('[data-testid="action-cancel"]').count()).toBeGreaterThan(0);

    // A key pressed anyway on a booked row says when check-in opens and sends nothing.
    const booked = roster.locator('[data-testid="roster-row"][data-status="booked"]').first();
    await booked.focus();
    await page.keyboard.press('c');
    await expect.poll(() => page.getByTestId('roster-message').textContent()).toMatch(/^Check-in for .+ opens at \d\d:\d\d\.$/);
    expect(await booked.getAttribute('data-status')).toBe('booked');
  });

  it('answers a card scanned hours before its class with when check-in opens, and sends nothing', async () => {
    const snapshot = await fetchSnapshot(desk.url);
    const now = startAt.toUTC().toISO() ?? '';
    const today = new Map(berlinClasses(snapshot).filter((s) => s.endsAt > now).map((s) => [s.id, s]));
    // A member whose next class today is the evening's: booked, and starting more than an hour from now.
    const firstOf = new Map<string, { booking: Booking; session: Session }>();
    for (const booking of snapshot.records.bookings.filter((b) => today.has(b.sessionId) && (b.status === 'booked' || b.status === 'checked_in'))) {
      const session = today.get(booking.sessionId)!;
      const known = firstOf.get(booking.memberId);
      if (!known || session.startsAt < known.session.startsAt) firstOf.set(booking.memberId, { booking, session });
    }
    const later = startAt.plus({ minutes: 90 }).toUTC().toISO() ?? '';
    const [memberId, subject] = [...firstOf].find(([id, { booking, session }]) => {
      const member = snapshot.records.members.find((m) => m.id === id);
      return booking.status === 'booked' && session.startsAt > later && member?.barcode !== undefined;
    }) ?? [];
    const member = snapshot.records.members.find((m) => m.id === memberId);
    if (!subject || !member) throw new Error('no member whose only class today is hours away');

    await page.click('[data-testid="check-in-input"]');
    await page.keyboard.type(member.barcode ?? '');
    await page.keyboard.press('Enter');
    const message = page.getByTestId('check-in-message');
    await expect.poll(() => message.textContent()).toContain(member.lastName);
    expect(await message.textContent()).toMatch(new RegExp(`: Check-in for ${subject.session.title} opens at \\d\\d:\\d\\d\\.$`));
    expect(await message.getAttribute('data-tone')).toBe('warning');
    const after = await fetchSnapshot(desk.url);
    expect(after.records.deskActions.filter((a) => a.memberId === member.id)).toEqual([]);
    expect(after.records.bookings.find((b) => b.id === subject.booking.id)?.status).toBe('booked');
  });

  it('opens the palette with Ctrl+K, lists only what fits, and runs an action from the keyboard', async () => {
    const { session } = endedWithAbsentee(await fetchSnapshot(desk.url));
    await openClass(session);
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    const items = await palette.getByTestId('palette-item').evaluateAll((all) => all.map((item) => item.getAttribute('data-item') ?? ''));
    expect(items.filter((id) => id.includes(':')).every((id) => id.startsWith('mark_no_show:'))).toBe(true);
    expect(items).not.toContain('addMember');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const first = items.find((id) => id.startsWith('mark_no_show:'));
    if (!first) throw new Error('no no-show on offer');
    await page.keyboard.press('Enter');
    const row = page.locator(`[data-testid="roster-row"][data-booking-id="${first.slice('mark_no_show:'.length)}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('no_show');
  });
});
