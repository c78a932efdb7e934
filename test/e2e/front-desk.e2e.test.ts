import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/contract';
import type { Booking, Location, Member, Session } from '../../src-shared/domain';
import { launchChromium, seriousAccessibilityViolations } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';


// Today's morning in Berlin, whatever time CI runs; the desk's clock is then set just before a class.
const morning = DateTime.now().setZone('Europe/Berlin').set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
let startAt: DateTime;

let browser: Browser;
let page: Page;
let desk: WebDesk;
let deskOptions: Parameters<typeof startWebDesk>[0];

interface Subject {
  location: Location;
  session: Session;
  member: Member;
  booking: Booking;
}

/**
 * A member whose scan means a known booking: their earliest class at this
 * location that has not ended today is booked and not yet checked in.
 */
function pickSubject(snapshot: Snapshot, now: DateTime): Subject {
  const { records } = snapshot;
  const location = records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  if (!location) throw new Error('the demo studio has no Berlin location');
  const endOfDay = now.setZone(location.timeZone).endOf('day').toUTC().toISO() ?? '';
  const nowIso = now.toUTC().toISO() ?? '';
  const today = new Map(
    records.sessions
      .filter((s) => s.locationId === location.id && s.status === 'scheduled' && s.endsAt > nowIso && s.startsAt <= endOfDay)
      .map((s) => [s.id, s]),
  );
  const upcoming = records.bookings
    .filter((b) => today.has(b.sessionId) && (b.status === 'booked' || b.status === 'checked_in'))
    .sort((a, b) => (today.get(a.sessionId)?.startsAt ?? '').localeCompare(today.get(b.sessionId)?.startsAt ?? ''));
  const firstPerMember = new Map<string, Booking>();
  for (const booking of upcoming) if (!firstPerMember.has(booking.memberId)) firstPerMember.set(booking.memberId, booking);
  for (const booking of firstPerMember.values()) {
    const member = records.members.find((m) => m.id === booking.memberId && m.barcode);
    const session = today.get(booking.sessionId);
    // A class that has not started yet: its roster changes only by what the desk does.
    if (booking.status === 'booked' && member && session && session.startsAt > nowIso) return { location, session, member, booking };
  }
  throw new Error('no member with a booking to check in today');
}

function nextBookedClassAfter(snapshot: Snapshot, after: DateTime): Session {
  const berlin = snapshot.records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  const afterIso = after.toUTC().toISO() ?? '';
  const next = snapshot.records.sessions
    .filter((s) => s.locationId === berlin?.id && s.status === 'scheduled' && s.startsAt > afterIso && s.booked > 0)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  if (!next) throw new Error('the demo studio has no booked class this morning');
  return next;
}

async function openRoster(subject: Subject) {
  await page.waitForSelector('[data-app-state="ready"]');
  await page.selectOption('[data-testid="location-select"]', subject.location.id);
  await page.click(`[data-testid="session-row"][data-session-id="${subject.session.id}"]`);
  await page.waitForSelector(`[data-testid="roster"][data-session-id="${subject.session.id}"]`);
}

const rosterRow = (subject: Subject) => page.locator(`[data-testid="roster-row"][data-booking-id="${subject.booking.id}"]`);


beforeAll(async () => {
  const token = randomBytes(24).toString('base64url');
  const port = await freePort();
  // A first run reads the morning's timetable; the real run starts 30 minutes before a class with bookings.
  const probeOptions = { port, token, dataDir: await mkdtemp(join(tmpdir(), 'classdesk-e2e-probe-')) };
  const probe = await startWebDesk({ ...probeOptions, startAt: morning.toUTC().toISO() ?? '' });
  const timetable = await fetchSnapshot(probe.url);
  await probe.stop();
  startAt = DateTime.fromISO(nextBookedClassAfter(timetable, morning).startsAt).minus({ minutes: 30 });
  deskOptions = {
    port,
    token,
    dataDir: await mkdtemp(join(tmpdir(), 'classdesk-e2e-')),
    startAt: startAt.toUTC().toISO() ?? '',
  };
  desk = await startWebDesk(deskOptions);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe('the front desk in a browser', () => {
  it('checks a member in by barcode, keeps it across a reload, and rides out a core restart', async () => {
    const subject = pickSubject(await fetchSnapshot(desk.url), startAt);
    await page.goto(desk.url);
    await page.waitForSelector('[data-app-state="ready"]');
    // The desk paints from its cache first; the strip says "online" once it has caught up with the core.
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state')).toBe('online');
    expect(await page.locator('[data-testid="session-row"]').count()).toBeGreaterThan(0);

    await openRoster(subject);
    await expect.poll(() => rosterRow(subject).getAttribute('data-status')).toBe('booked');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A keyboard-wedge scanner: digits, then Enter, into the check-in bar.
    await page.click('[data-testid="check-in-input"]');
    await page.keyboard.type(subject.member.barcode ?? '');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid="check-in-message"]')).toContain(subject.member.lastName);
    await expect.poll(() => rosterRow(subject).getAttribute('data-status')).toBe('checked_in');

    await page.reload();
    await openRoster(subject);
    await expect.poll(() => rosterRow(subject).getAttribute('data-status')).toBe('checked_in');

    await desk.stop();
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state'), { timeout: 15_000 }).toBe('offline');
    expect(await page.isVisible('[data-testid="offline-notice"]')).toBe(true);
    expect(await page.locator('[data-testid="session-row"]').count()).toBeGreaterThan(0);
    expect(await rosterRow(subject).getAttribute('data-status')).toBe('checked_in');

    desk = await startWebDesk(deskOptions);
    await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state'), { timeout: 20_000 }).toBe('online');
    expect(await page.isVisible('[data-testid="offline-notice"]')).toBe(false);
    expect(await rosterRow(subject).getAttribute('data-status')).toBe('checked_in');

    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/front-desk.png', fullPage: true });
  });
});
