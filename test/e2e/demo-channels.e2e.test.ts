import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Session } from '../../src-shared/domain';
import { demoWellhubId, saveWellhubConnection } from '../../relay/demo/desk-commands.ts';
import { sellDemoClassesOnWellhub, waitUntilPaired, type DemoClassesOnWellhub } from '../../relay/demo/demo-studio-on-wellhub.ts';
import { startWellhubDemoWorld, type WellhubDemoWorld } from '../../relay/demo/wellhub-demo-world.ts';
import type { SimSlot } from '../simulators/wellhub-simulator-state';
import { launchChromium } from './browser';
import { fetchSnapshot, freePort, startWebDesk, type WebDesk } from './web-desk';

/**
 * The demo with both channels, as `npm run demo:wellhub` sets it up: the demo studio is the gym's main
 * system, the simulated Wellhub sells its Vinyasa Yoga too (a slot at each of its times), and the desk's
 * Wellhub connection is the demo's own, so the studio stays. At the desk: the class is linked in
 * Connections → Classes on Wellhub; a walk-in booked on a paired class moves the Wellhub slot's numbers
 * (one PATCH with the class's capacity and one more booked); a Wellhub request for that slot shows on the
 * class's roster beside the studio's members. The tests run in order and share one world.
 */

let world: WellhubDemoWorld;
let desk: WebDesk;
let browser: Browser;
let page: Page;
let sold: DemoClassesOnWellhub;
let deskLink: { port: number; token: string; stopped: () => boolean };
/** The paired class the walk-in is booked on, and its Wellhub slot. */
let mainClass: Session;
let slot: SimSlot;

const yoga = 'demo:class:yoga';

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-e2e-demo-channels-'));
  world = await startWellhubDemoWorld({ dataDir });
  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  desk = await startWebDesk({ port, dataDir: join(dataDir, 'desk'), startAt: new Date().toISOString(), token });
  deskLink = { port, token, stopped: () => desk.process.exitCode !== null };
  sold = await sellDemoClassesOnWellhub(world, deskLink);
  await saveWellhubConnection(world, port, token, deskLink.stopped, { beside: 'demo-studio' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(desk.url);
  await page.waitForSelector('[data-app-state="ready"]');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  await world?.close();
});

/** The next paired yoga class with room for a walk-in, an hour away or more, and Berlin members not on it. */
async function pairedClassWithRoom(): Promise<{ session: Session; candidates: Member[] }> {
  const { records } = await fetchSnapshot(desk.url);
  const soon = new Date(Date.now() + 3_600_000).toISOString();
  const paired = new Set(records.sessions.filter((s) => s.connectionId === demoWellhubId && s.sameClassAs).map((s) => s.sameClassAs));
  const session = records.sessions
    .filter((s) => paired.has(s.id) && s.classTypeId === yoga && s.startsAt > soon && s.booked < s.capacity - 1)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  if (!session) throw new Error('no paired yoga class with room');
  const onIt = new Set(records.bookings.filter((b) => b.sessionId === session.id).map((b) => b.memberId));
  const here = new Set(records.bookings.filter((b) => records.sessions.find((s) => s.id === b.sessionId)?.locationId === session.locationId).map((b) => b.memberId));
  return { session, candidates: records.members.filter((m) => m.connectionId === 'demo' && here.has(m.id) && !onIt.has(m.id) && m.barcode) };
}

describe('the demo with the demo studio and Wellhub side by side', () => {
  it('keeps the demo studio beside the demo’s Wellhub connection', async () => {
    const { records, active } = await fetchSnapshot(desk.url);
    expect(active).toEqual(expect.arrayContaining(['demo', demoWellhubId]));
    expect(records.sessions.some((s) => s.connectionId === 'demo')).toBe(true);
  });

  it('links Vinyasa Yoga to its Wellhub class in Connections → Classes on Wellhub', async () => {
    await page.getByRole('button', { name: 'Connections' }).click();
    const line = page.getByRole('list', { name: 'Connected systems' }).getByRole('listitem').filter({ hasText: 'Wellhub (demo)' }).first();
    await line.getByText('Classes on Wellhub').click();
    const choice = line.getByRole('combobox', { name: /Vinyasa Yoga is sold on Wellhub as/ });
    await expect.poll(() => choice.locator('option', { hasText: 'Vinyasa Yoga' }).count(), { timeout: 15_000 }).toBe(1);
    await choice.selectOption({ label: 'Vinyasa Yoga' });
    await line.getByRole('button', { name: 'Save classes' }).click();
    await expect.poll(() => line.getByRole('status').filter({ hasText: 'Classes on Wellhub saved.' }).count(), { timeout: 10_000 }).toBe(1);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/demo-channels-class-links-1366x768.png' });
    await waitUntilPaired(deskLink);
  });

  it('books a walk-in on a paired class, and Wellhub’s slot hears one more booked of the class’s capacity', async () => {
    const { session, candidates } = await pairedClassWithRoom();
    mainClass = session;
    const found = sold.slots.find((s) => s.occurMs === Date.parse(session.startsAt) && s.classId === sold.links.find((l) => l.classTypeId === yoga)?.wellhubClassId);
    if (!found) throw new Error('the paired class has no Wellhub slot');
    slot = found;
    const patchesBefore = world.sim.slotPatches.filter((p) => p.slotId === slot.id).length;

    await page.getByRole('button', { name: 'Desk', exact: true }).click();
    await page.selectOption('[data-testid="location-select"]', session.locationId);
    // The class may be on a later day of the week: page forward to it, as the receptionist would.
    const row = page.locator(`[data-testid="session-row"][data-session-id="${session.id}"]`);
    const days = Math.round(DateTime.fromISO(session.startsAt).setZone('Europe/Berlin').startOf('day').diff(DateTime.now().setZone('Europe/Berlin').startOf('day'), 'days').days);
    for (let day = 0; day < days; day += 1) await page.click('[data-testid="day-next"]');
    await row.click();
    await page.waitForSelector(`[data-testid="roster"][data-session-id="${session.id}"]`);

    let booked: Member | undefined;
    for (const member of candidates.slice(0, 5)) {
      await page.click('[data-testid="add-member"]');
      await page.fill('[data-testid="walk-in-search"]', member.barcode ?? '');
      await page.press('[data-testid="walk-in-search"]', 'Enter');
      const validation = page.locator('[data-testid="walk-in-validation"]');
      await expect.poll(() => validation.getAttribute('data-bookable')).not.toBeNull();
      if ((await validation.getAttribute('data-bookable')) === 'true') {
        await page.click('[data-testid="walk-in-book"]');
        booked = member;
        break;
      }
      await page.keyboard.press('Escape');
    }
    if (!booked) throw new Error('every candidate was refused by the demo studio');
    const bookedRow = page.locator(`[data-testid="roster-row"][data-member-id="${booked.id}"]`);
    await expect.poll(() => bookedRow.getAttribute('data-status'), { timeout: 15_000 }).toBe('booked');

    // The slot started with the class's own numbers; the walk-in is one more, sent about 2 s later.
    const patches = () => world.sim.slotPatches.filter((p) => p.slotId === slot.id).slice(patchesBefore);
    await expect.poll(() => patches().at(-1)?.body, { timeout: 20_000 }).toEqual({ total_booked: session.booked + 1, total_capacity: session.capacity });
    expect(world.sim.slot(slot.id)).toMatchObject({ totalBooked: session.booked + 1, totalCapacity: session.capacity });
  });

  it('shows a Wellhub request for that class on its roster, beside the studio’s members', async () => {
    const request = await world.requestPlace([slot]);
    const roster = page.locator(`[data-testid="roster"][data-session-id="${mainClass.id}"]`);
    const requestRow = roster.locator('[data-testid="roster-row"]').filter({ hasText: request.member });
    await expect.poll(() => requestRow.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => requestRow.textContent()).toContain('Wellhub');
    // A request waiting for an answer is listed but holds no place yet: the class still says the walk-in's count.
    await expect.poll(() => roster.textContent()).toContain(`${mainClass.booked + 1} of ${mainClass.capacity} places booked`);
    await requestRow.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/demo-channels-roster-1366x768.png' });
  });
});
