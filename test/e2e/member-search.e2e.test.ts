import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/contract';
import { launchChromium } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

/** Staff find members the way they type them, and a member number checks in like a card. */

const startAt = DateTime.now().setZone('Europe/Berlin').set({ hour: 12, minute: 10, second: 0, millisecond: 0 });
const nowIso = startAt.toUTC().toISO() ?? '';
let browser: Browser;
let page: Page;
let desk: WebDesk;
let snapshot: Snapshot;

/** Lower case, accents and umlauts gone: what someone without a German keyboard types. */
const plain = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-search-'));
  desk = await startWebDesk({ port: await freePort(), dataDir, startAt: nowIso, token: randomBytes(24).toString('base64url') });
  snapshot = await fetchSnapshot(desk.url);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(desk.url);
  await page.waitForSelector('[data-testid="connection-state"][data-state="online"]', { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('finding members at the desk', () => {
  it('finds Müller for "muller" and Şahin for "sahin", without accents or capitals', async () => {
    const accented = snapshot.records.members.filter((m) => plain(m.lastName) !== m.lastName.toLowerCase());
    expect(accented.length).toBeGreaterThan(0);
    for (const member of accented.slice(0, 3)) {
      const typed = `${plain(member.firstName)} ${plain(member.lastName)}`;
      await page.fill('[data-testid="check-in-input"]', typed);
      await expect
        .poll(() => page.getByTestId('member-result').allTextContents(), { timeout: 5_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining(`${member.firstName} ${member.lastName}`)]));
    }
    await page.fill('[data-testid="check-in-input"]', '');
  });

  it('checks a member in by the member number typed and Enter, in any case and without the dash', async () => {
    const { records } = snapshot;
    const berlin = records.locations.find((l) => l.timeZone === 'Europe/Berlin');
    // The class running now: its check-in is open, and it is the class a check-in at the desk means.
    const running = records.sessions.filter((s) => s.locationId === berlin?.id && s.status === 'scheduled' && s.startsAt <= nowIso && s.endsAt > nowIso);
    const booking = records.bookings.find((b) => {
      if (b.status !== 'booked' || !running.some((s) => s.id === b.sessionId)) return false;
      // Nobody with an earlier class still to come today: the desk would mean that one.
      return !records.bookings.some((other) => other.memberId === b.memberId && other.id !== b.id && running.some((s) => s.id === other.sessionId));
    });
    const member = records.members.find((m) => m.id === booking?.memberId);
    if (!booking || !member?.memberNumber) throw new Error('nobody booked on the class running now in Berlin');
    await page.selectOption('[data-testid="location-select"]', berlin?.id ?? '');
    await page.click(`[data-testid="session-row"][data-session-id="${booking.sessionId}"]`);
    const row = page.locator(`[data-testid="roster-row"][data-booking-id="${booking.id}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('booked');

    await page.fill('[data-testid="check-in-input"]', member.memberNumber.toLowerCase().replace('-', ''));
    await page.press('[data-testid="check-in-input"]', 'Enter');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('checked_in');
    await expect.poll(() => page.getByTestId('check-in-message').textContent()).toContain(`${member.firstName} ${member.lastName}`);
  });
});
