import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/contract';
import type { Location, Member, Session } from '../../src-shared/domain';
import { darkShare, pdfPagePng, pdfText } from '../support/poppler';
import { launchChromium, seriousAccessibilityViolations } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

// Half past five in Berlin today: every class of the day is still ahead.
const startAt = DateTime.now().setZone('Europe/Berlin').set({ hour: 5, minute: 30, second: 0, millisecond: 0 });

let browser: Browser;
let page: Page;
let desk: WebDesk;
let dataDir: string;

interface Subject {
  berlin: Location;
  today: Session[];
  session: Session;
  participants: { member: Member; status: string }[];
}

/** Berlin's classes of today, and the one among them with the most people on it. */
function pickSubject(snapshot: Snapshot): Subject {
  const { records } = snapshot;
  const berlin = records.locations.find((l) => l.timeZone === 'Europe/Berlin');
  if (!berlin) throw new Error('no Berlin location in the demo studio');
  const from = startAt.startOf('day').toUTC().toISO() ?? '';
  const to = startAt.endOf('day').toUTC().toISO() ?? '';
  const today = records.sessions.filter((s) => s.locationId === berlin.id && s.startsAt >= from && s.startsAt < to).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const onPaper = (session: Session) =>
    records.bookings
      .filter((b) => b.sessionId === session.id && b.status !== 'cancelled' && b.status !== 'rejected')
      .flatMap((b) => {
        const member = records.members.find((m) => m.id === b.memberId);
        return member ? [{ member, status: b.status }] : [];
      });
  const session = [...today].sort((a, b) => onPaper(b).length - onPaper(a).length)[0];
  if (!session || onPaper(session).length < 2) throw new Error('no Berlin class with people on it today');
  return { berlin, today, session, participants: onPaper(session) };
}

const oneSpaced = (text: string) => text.replace(/[ \t]+/g, ' ');
const berlinTime = (iso: string) => DateTime.fromISO(iso).setZone('Europe/Berlin').toFormat('HH:mm');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-paper-'));
  desk = await startWebDesk({ port: await freePort(), dataDir, startAt: startAt.toUTC().toISO() ?? '', token: randomBytes(24).toString('base64url') });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page = await context.newPage();
  await mkdir('test-results', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

async function openClass(subject: Subject): Promise<void> {
  await page.goto(desk.url);
  await page.waitForSelector('[data-app-state="ready"]');
  await page.selectOption('[data-testid="location-select"]', subject.berlin.id);
  await page.click(`[data-testid="session-row"][data-session-id="${subject.session.id}"]`);
  await page.waitForSelector(`[data-testid="roster"][data-session-id="${subject.session.id}"]`);
  await expect.poll(() => page.locator('[data-testid="roster-row"]').count()).toBe(subject.participants.length + (await cancelledOn(subject)));
}

/** Cancelled bookings are on the screen's roster but not on paper. */
async function cancelledOn(subject: Subject): Promise<number> {
  const snapshot = await fetchSnapshot(desk.url);
  return snapshot.records.bookings.filter((b) => b.sessionId === subject.session.id && (b.status === 'cancelled' || b.status === 'rejected')).length;
}

describe('paper in the browser', () => {
  it('prints the open roster alone: class, time in the gym’s zone, room, every participant with status and a box', async () => {
    const subject = pickSubject(await fetchSnapshot(desk.url));
    await openClass(subject);
    await page.emulateMedia({ media: 'print' });
    // The desk's chrome is off the paper; the print view is all there is.
    expect(await page.locator('[data-testid="check-in-input"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="roster"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="print-roster"]').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/print-roster.png', fullPage: true });
    const pdf = 'test-results/print-roster.pdf';
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    await page.emulateMedia({ media: 'screen' });

    const text = oneSpaced(await pdfText(pdf));
    expect(text).toContain(subject.session.title);
    expect(text).toContain(berlinTime(subject.session.startsAt));
    if (subject.session.room) expect(text).toContain(subject.session.room);
    for (const { member } of subject.participants) expect(text).toContain(`${member.firstName} ${member.lastName}`);
    expect(text).toMatch(/Booked|Checked in|Waitlisted/);
    expect(await darkShare(pdf, 1, join(dataDir, 'print-page'))).toBeGreaterThan(0.003);
  });

  it('“Print today’s rosters” writes the kit and hands the page the location’s PDF, fetched with its key', async () => {
    const subject = pickSubject(await fetchSnapshot(desk.url));
    await openClass(subject);
    const served = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/outage-kit/'));
    await page.click('[data-testid="todays-rosters"]');
    const response = await served;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    // The page keeps the body it read (as a blob for its tab); the test asks for the same file with the same key.
    const token = new URL(desk.url).searchParams.get('token') ?? '';
    const again = await fetch(response.url(), { headers: { 'X-Classdesk-Token': token } });
    expect(again.status).toBe(200);
    const body = Buffer.from(await again.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    await expect.poll(() => page.locator('[data-testid="todays-rosters-note"]').textContent()).toMatch(/open as a PDF|saved as a PDF download/);

    const file = join(dataDir, 'served-kit.pdf');
    await writeFile(file, body);
    const text = oneSpaced(await pdfText(file));
    for (const session of subject.today) {
      expect(text).toContain(session.title);
      expect(text).toContain(berlinTime(session.startsAt));
    }
    for (const { member } of subject.participants) expect(text).toContain(`${member.lastName}, ${member.firstName}`);
    await pdfPagePng(file, 1, 'test-results/outage-kit-browser-page-1');

    // The same file is in the data folder, under the location's local day.
    const path = new URL(response.url()).pathname.slice('/outage-kit/'.length);
    expect(path.startsWith(startAt.toISODate() ?? '')).toBe(true);
    expect(existsSync(join(dataDir, 'outage-kit', path))).toBe(true);

    // Without the key nobody gets it, not even from the address itself.
    const outside = await fetch(response.url());
    expect(outside.status).toBe(401);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
