import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/contract';
import type { Booking, Location, Member, Session } from '../../src-shared/domain';
import { englishIn } from '../support/desk-words';
import { launchChromium } from './browser';
import { checkScreenLayout } from './screen-checks';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

// Ten past noon in Berlin today: one class runs or is next, later ones still take bookings.
const startAt = DateTime.now().setZone('Europe/Berlin').set({ hour: 12, minute: 10, second: 0, millisecond: 0 });
const nowIso = startAt.toUTC().toISO() ?? '';
const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

let browser: Browser;
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

/** A class later today with free places, and Berlin members with a card not yet on it. */
function walkInClass(): { session: Session; candidates: Member[] } {
  const { records } = snapshot;
  const later = startAt.plus({ hours: 2 }).toUTC().toISO() ?? '';
  const session = todays.find((s) => s.status === 'scheduled' && s.startsAt > later && s.booked < s.capacity - 1);
  if (!session) throw new Error('no Berlin class with free places later today');
  const onIt = new Set(records.bookings.filter((b) => b.sessionId === session.id).map((b) => b.memberId));
  const berliners = new Set(
    records.bookings.filter((b) => records.sessions.find((s) => s.id === b.sessionId)?.locationId === berlin.id).map((b) => b.memberId),
  );
  return { session, candidates: records.members.filter((m) => berliners.has(m.id) && !onIt.has(m.id) && m.barcode) };
}

/** All a person sees or hears: the page's title and text, and its elements' labels, titles and placeholders. */
async function everythingSaid(): Promise<string> {
  const attributes = await page
    .locator('body *')
    .evaluateAll((all) => all.flatMap((element) => ['aria-label', 'title', 'placeholder', 'alt'].map((name) => element.getAttribute(name) ?? '')));
  const text = await page
    .locator('body :not(script):not(style)')
    // Text nodes (type 3) only: an element's textContent would glue its children's words together.
    .evaluateAll((all) => all.flatMap((element) => [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent ?? '')));
  return [await page.title(), ...text, ...attributes].join('\n');
}

/** German only, axe-clean, one header row, nothing cut off; then the screenshot. */
async function checkScreen(name: string): Promise<void> {
  expect(englishIn(await everythingSaid()), name).toEqual([]);
  // The check-in field's label: one line inside the header, whole from 1280 px up (at the 1024 px
  // minimum German's longer words may end in an ellipsis; the field's name for screen readers is whole).
  const size = page.viewportSize();
  const label = page.locator('.check-in-field label');
  if ((await label.count()) > 0) {
    const box = await label.boundingBox();
    expect(box!.y, name).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, name).toBeLessThanOrEqual(64);
    expect(box!.height, name).toBeLessThan(24);
    if ((size?.width ?? 0) >= 1280) expect(await label.evaluate((l) => l.scrollWidth - l.clientWidth), name).toBeLessThanOrEqual(1);
  }
  await checkScreenLayout(page, `german-${name}`);
}

/** What is on each screen once it has loaded. */
const shown = {
  activity: '[data-testid="activity-row"]',
  connections: '[data-testid="connections-empty"], .connection-list',
  settings: '[data-testid="settings-language"]',
} as const;

async function openDesk(): Promise<void> {
  await page.click('[data-testid="nav-desk"]');
  await page.waitForSelector('[data-testid="session-row"]');
}

async function openClass(session: Session): Promise<void> {
  await page.click(`[data-testid="session-row"][data-session-id="${session.id}"]`);
  await page.waitForSelector(`[data-testid="roster"][data-session-id="${session.id}"] [data-testid="roster-row"]`);
}

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'classdesk-e2e-german-'));
  const dataDir = join(root, 'data');
  const configDir = join(root, 'machine');
  await mkdir(dataDir);
  await mkdir(configDir);
  // IT sets up a German desk, as for a studio in Germany.
  await writeFile(join(configDir, 'config.json'), JSON.stringify({ language: 'de' }));
  desk = await startWebDesk({ port: await freePort(), dataDir, configDir, startAt: nowIso, token: randomBytes(24).toString('base64url') });
  snapshot = await fetchSnapshot(desk.url);
  const found = snapshot.records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  if (!found) throw new Error('the demo studio has no Berlin location');
  berlin = found;
  const day = startAt.toISODate();
  todays = snapshot.records.sessions
    .filter((s) => s.locationId === berlin.id && DateTime.fromISO(s.startsAt).setZone(berlin.timeZone).toISODate() === day)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  browser = await launchChromium();
  // An English browser: the desk's setting decides, not the PC's language.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
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

describe('a German desk in Chromium', () => {
  it('speaks German from the start, with the day and the clock the German way', async () => {
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('de');
    await expect.poll(() => page.textContent('.check-in-field label')).toBe('Karte oder Name eingeben');
    expect(await page.textContent('[data-testid="day-shown"]')).toBe(startAt.setLocale('de-DE').toFormat('cccc, d. LLLL yyyy'));
    expect(await page.getByTestId('gym-clock').locator('time').textContent()).toBe(startAt.toFormat('HH:mm'));
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state')).toBe('online');
    await checkScreen('desk');
  });

  it('checks a scanned card in and answers in German', async () => {
    const { session, member, booking } = scanSubject();
    await openClass(session);
    const row = page.locator(`[data-testid="roster-row"][data-booking-id="${booking.id}"]`);
    await page.locator('[data-testid="roster-row"]').first().focus();
    await page.keyboard.type(member.barcode ?? '');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('checked_in');
    const message = page.getByTestId('check-in-message');
    await expect.poll(() => message.getAttribute('data-tone')).toBe('success');
    expect(await message.textContent()).toContain(`${member.firstName} ${member.lastName} eingecheckt in ${session.title}`);
    expect(await row.textContent()).toContain('Eingecheckt');
    await checkScreen('desk-scan');
  });

  it('books a walk-in and cancels the booking, every dialog in German', async () => {
    const { session, candidates } = walkInClass();
    await openClass(session);
    let booked: Member | undefined;
    for (const member of candidates.slice(0, 5)) {
      await page.click('[data-testid="add-member"]');
      const dialog = page.getByTestId('walk-in-dialog');
      expect(await dialog.locator('h2').textContent()).toBe(`Mitglied zu ${session.title} hinzufügen`);
      await page.fill('[data-testid="walk-in-search"]', member.barcode ?? '');
      await page.press('[data-testid="walk-in-search"]', 'Enter');
      const validation = page.getByTestId('walk-in-validation');
      await expect.poll(() => validation.getAttribute('data-bookable')).not.toBeNull();
      if ((await validation.getAttribute('data-bookable')) === 'true') {
        expect(await validation.textContent()).toContain('kann diesen Kurs buchen');
        await checkScreen('walk-in');
        await page.click('[data-testid="walk-in-book"]');
        booked = member;
        break;
      }
      await page.keyboard.press('Escape');
    }
    if (!booked) throw new Error('every candidate was refused by the demo studio');
    const row = page.locator(`[data-testid="roster-row"][data-member-id="${booked.id}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('booked');
    expect(await row.textContent()).toContain('Gebucht');

    await row.locator('[data-testid="action-cancel"]').click();
    const cancel = page.getByTestId('cancel-dialog');
    expect(await cancel.locator('h2').textContent()).toBe(`Buchung von ${booked.firstName} ${booked.lastName} stornieren`);
    await page.fill('[data-testid="cancel-reason"]', 'krank gemeldet');
    await checkScreen('cancel');
    await page.click('[data-testid="cancel-confirm"]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('cancelled');
    expect(await row.textContent()).toContain('Storniert');
    await checkScreen('desk-after-cancel');
  });

  it('the shortcut help and the command palette in German', async () => {
    await page.click('[data-testid="show-shortcuts"]');
    const help = page.getByTestId('shortcut-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Strg');
    await checkScreen('shortcuts');
    await page.keyboard.press('Escape');

    await page.locator('[data-testid="roster-row"]').first().focus();
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    expect(await palette.textContent()).toContain('Mitglied zu');
    await checkScreen('palette');
    await page.keyboard.press('Escape');
  });

  it('Activity, Connections and Settings in German; Settings shows the language IT chose', async () => {
    await page.click('[data-testid="nav-activity"]');
    const rows = page.locator('[data-testid="activity-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    expect(await page.textContent('main')).toContain('Buchung stornieren');
    await checkScreen('activity');

    await page.click('[data-testid="nav-connections"]');
    await page.waitForSelector(shown.connections);
    expect(await page.textContent('[data-testid="connection-add"]')).toBe('Verbindung hinzufügen');
    await checkScreen('connections');

    await page.click('[data-testid="nav-settings"]');
    const language = page.getByLabel('Sprache');
    await language.waitFor();
    expect(await language.inputValue()).toBe('de');
    await checkScreen('settings');
    // The whole screen once, opening hours and wipe included, to read every German label.
    await page.screenshot({ path: 'test-results/german-settings-full-1366x768.png', fullPage: true });
  });

  it('at 1920×1080 too: every screen and both dialogs', async () => {
    // 1366×768 was shot along the walk-through above.
    for (const [width, height] of sizes.slice(1)) {
      await page.setViewportSize({ width, height });
      for (const screen of ['activity', 'connections', 'settings'] as const) {
        await page.click(`[data-testid="nav-${screen}"]`);
        await page.waitForSelector(shown[screen]);
        await checkScreen(screen);
      }
      await openDesk();
      const { session } = walkInClass();
      await openClass(session);
      await checkScreen('desk');
      await page.click('[data-testid="add-member"]');
      await page.getByTestId('walk-in-dialog').waitFor();
      await checkScreen('walk-in');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="roster-row"][data-status="booked"] [data-testid="action-cancel"]').first().click();
      await page.getByTestId('cancel-dialog').waitFor();
      await checkScreen('cancel');
      await page.keyboard.press('Escape');
    }
  });

  it('still one header row and nothing cut off at 1280×720 and at the 1024×768 minimum', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await checkScreen('desk');
      const rosterRight = await page.locator('.roster-area').evaluate((area) => area.getBoundingClientRect().right);
      const rights = await page.locator('.row-action').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().right));
      expect(rights.filter((right) => right > rosterRight + 0.5), `${width}×${height}`).toEqual([]);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });
});
