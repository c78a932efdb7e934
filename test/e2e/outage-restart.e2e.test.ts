import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Snapshot } from '../../src-shared/contract';
import type { Booking, Location, Member, Session } from '../../src-shared/domain';
import { DeskSocket } from '../durability/desk-process';
import { ZENOTI_SIM_API_KEY, ZENOTI_SIM_CENTER_ID, ZenotiSimulator } from '../simulators/zenoti-simulator';
import { launchChromium } from './browser';
import { CuttableLine } from './cuttable-line';
import { freePort, startWebDesk, type WebDesk } from './web-desk';

/**
 * A reception PC rebooted on a morning without internet. The desk syncs a
 * Zenoti center (its simulator, behind a line the test can cut), then the line
 * is cut and the desk service is killed with SIGKILL and started again while
 * the provider is still unreachable. Today, the rosters and member search must
 * show exactly what they showed before, also after a page reload; a barcode
 * check-in is accepted and waits; and it reaches Zenoti exactly once when the
 * line is back.
 */

// A Monday, 10:20 in New York: inside a class, away from any start or end, so "Now" stays where it is.
const NOW = new Date('2026-11-23T15:20:00.000Z');
const CONNECTION = 'zen-brooklyn';

let sim: ZenotiSimulator;
let line: CuttableLine;
let desk: WebDesk;
let deskOptions: Parameters<typeof startWebDesk>[0];
let browser: Browser;
let page: Page;

interface Subject {
  location: Location;
  session: Session;
  member: Member;
  booking: Booking;
}

/** A member booked (not yet checked in) on a class at the center that has not ended today. */
function pickSubject(snapshot: Snapshot): Subject {
  const { records } = snapshot;
  const location = records.locations.find((l) => l.connectionId === CONNECTION);
  if (!location) throw new Error('the Zenoti center has no location at the desk');
  const nowIso = NOW.toISOString();
  const endOfDay = DateTime.fromJSDate(NOW, { zone: location.timeZone }).endOf('day').toUTC().toISO() ?? '';
  const today = records.sessions.filter((s) => s.locationId === location.id && s.status === 'scheduled' && s.endsAt > nowIso && s.startsAt <= endOfDay);
  for (const session of today.sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    for (const booking of records.bookings.filter((b) => b.sessionId === session.id && b.status === 'booked')) {
      const member = records.members.find((m) => m.id === booking.memberId && m.barcode);
      // The scan means the member's earliest class today: pick members with only this one.
      const others = records.bookings.filter((b) => b.memberId === booking.memberId && b.id !== booking.id && today.some((s) => s.id === b.sessionId));
      if (member && others.length === 0) return { location, session, member, booking };
    }
  }
  throw new Error('no booked member with a code on a class still to come today');
}

const rosterRow = (subject: Subject) => page.locator(`[data-testid="roster-row"][data-booking-id="${subject.booking.id}"]`);

/** What a receptionist sees of the desk: Today's classes and the open roster, as text. */
async function visibleDesk(subject: Subject): Promise<{ classes: string[]; roster: string[] }> {
  await page.waitForSelector('[data-app-state="ready"]');
  await page.waitForSelector(`[data-testid="session-row"][data-session-id="${subject.session.id}"]`);
  await page.click(`[data-testid="session-row"][data-session-id="${subject.session.id}"]`);
  await page.waitForSelector(`[data-testid="roster"][data-session-id="${subject.session.id}"] [data-testid="roster-row"]`);
  const classes = await page.locator('[data-testid="session-row"]').allInnerTexts();
  const roster = await page.locator('[data-testid="roster-row"]').allInnerTexts();
  return { classes, roster };
}

/** Typing a name in the check-in bar finds the member from the desk's own cache. */
async function searchFinds(member: Member): Promise<boolean> {
  await page.fill('[data-testid="check-in-input"]', member.lastName);
  const found = await page
    .locator('[data-testid="member-result"]', { hasText: member.lastName })
    .first()
    .waitFor({ timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  await page.fill('[data-testid="check-in-input"]', '');
  return found;
}

/** Zenoti's sign-in calls for the subject's registration (booking ids end in `.<registration id>`). */
const signIns = (subject: Subject) =>
  sim.log.filter((r) => r.method === 'PUT' && r.path.endsWith('/sign_in') && subject.booking.id.endsWith(`.${r.params['registration_id'] ?? '?'}`));

beforeAll(async () => {
  sim = new ZenotiSimulator({ now: NOW, daysBack: 0, daysAhead: 1, sessionsPerDay: 5 });
  line = await CuttableLine.open(await sim.start());
  const token = randomBytes(24).toString('base64url');
  deskOptions = { port: await freePort(), dataDir: await mkdtemp(join(tmpdir(), 'classdesk-e2e-outage-')), startAt: NOW.toISOString(), token };
  desk = await startWebDesk(deskOptions);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await line?.cut();
  await sim?.stop();
});

describe('a desk restarted during an outage', () => {
  it('shows what it showed, checks in by barcode, and sends the check-in once when the provider is back', async () => {
    const socket = await DeskSocket.connect(desk.url);
    await socket.value('saveConnection', {
      settings: { id: CONNECTION, provider: 'zenoti', label: 'Zenoti Brooklyn', baseUrl: line.url, scopeId: ZENOTI_SIM_CENTER_ID, timeZone: 'America/New_York' },
      apiKey: ZENOTI_SIM_API_KEY,
    });
    await socket.value('syncNow', {});
    const subject = pickSubject(Snapshot.parse(await socket.value('getSnapshot', {})));
    socket.close();

    await page.goto(desk.url);
    const before = await visibleDesk(subject);
    expect(before.roster.join('\n')).toContain(subject.member.lastName);
    expect(await rosterRow(subject).getAttribute('data-status')).toBe('booked');
    expect(await searchFinds(subject.member)).toBe(true);

    // The internet drops, and the PC restarts: the desk service dies without a word and comes back.
    await line.cut();
    desk.process.kill('SIGKILL');
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state'), { timeout: 15_000 }).toBe('offline');
    desk = await startWebDesk(deskOptions);
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state'), { timeout: 30_000 }).toBe('failing');
    await expect.poll(() => page.textContent('[data-testid="system-ages"]')).toContain('Zenoti Brooklyn unreachable');
    expect(await visibleDesk(subject)).toEqual(before);
    expect(await searchFinds(subject.member)).toBe(true);

    await page.reload();
    expect(await visibleDesk(subject)).toEqual(before);
    expect(await searchFinds(subject.member)).toBe(true);

    // A scan while Zenoti is out of reach: accepted, waiting, shown as such.
    await page.click('[data-testid="check-in-input"]');
    await page.keyboard.type(subject.member.barcode ?? '');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid="check-in-message"]')).toContain(subject.member.lastName);
    expect(await page.textContent('[data-testid="check-in-message"]')).toContain('sent to the booking system once it answers');
    await expect.poll(() => page.getAttribute('[data-testid="pending-actions"]', 'data-count')).toBe('1');
    expect(signIns(subject)).toHaveLength(0);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/outage-restart.png', fullPage: true });

    // The line is back: "Sync now" sends the waiting check-in, once.
    await line.mend();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getAttribute('[data-testid="pending-actions"]', 'data-count'), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => rosterRow(subject).getAttribute('data-status'), { timeout: 30_000 }).toBe('checked_in');
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state'), { timeout: 30_000 }).toBe('online');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state')).toBe('online');
    expect(signIns(subject)).toHaveLength(1);
  });
});
