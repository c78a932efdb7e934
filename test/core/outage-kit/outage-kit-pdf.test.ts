import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskLanguage } from '../../../src-shared/settings';
import { OutageKit } from '../../../src-main/core/outage-kit/outage-kit';
import type { DeskStore } from '../../../src-main/core/store/desk-store';
import { berlin, fillPaperStudio, spinning, yoga } from '../../support/paper-studio';
import { darkShare, pdfPagePng, pdfPages, pdfText } from '../../support/poppler';
import { ManualClock, tempStore } from '../../support/store-fixtures';

const opened: { store: DeskStore; dir: string }[] = [];

afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

function kitAt(instant: string, language: DeskLanguage = 'en', sessions = [yoga, spinning]) {
  const clock = new ManualClock(new Date(instant));
  const opening = tempStore(clock, 'classdesk-paper-');
  opened.push(opening);
  fillPaperStudio(opening.store, sessions);
  const kit = new OutageKit({
    store: opening.store,
    dataDir: opening.dir,
    clock: clock.read,
    settings: () => ({ language, outageKitMinutesBefore: 30 }),
    log: () => undefined,
    checkEveryMs: 0,
  });
  return { kit, dir: opening.dir, clock };
}

/** Squeezes poppler's layout spaces so a test can look for words in a line. */
const oneSpaced = (text: string) => text.replace(/[ \t]+/g, ' ');

describe('the outage kit on paper', () => {
  it('writes one PDF per location with every class of its day, the times in its zone and every participant with status', async () => {
    // 06:00 UTC is 07:00 in Berlin; the test process runs in UTC, so a time in the wrong zone shows as 08:00.
    const { kit, dir } = kitAt('2026-11-23T06:00:00.000Z');
    const [written, ...others] = await kit.writeNow();
    expect(others).toEqual([]);
    expect(written).toMatchObject({ locationId: berlin.id, day: '2026-11-23', file: '2026-11-23/studio-mitte.pdf', classes: 2 });
    const file = join(dir, 'outage-kit', written?.file ?? '');

    const text = oneSpaced(await pdfText(file));
    expect(text).toContain('Yoga Flow');
    expect(text).toContain('Spinning');
    expect(text).toContain('09:00–10:00');
    expect(text).toContain('18:30–19:30');
    expect(text).not.toContain('08:00–09:00');
    expect(text).toContain('Room: Studio 2');
    expect(text).toContain('Instructor: Ines Đorđević');
    expect(text).toMatch(/Şahin, Elif M-10116 Checked in/);
    expect(text).toMatch(/Kowalski, Łukasz M-10201 Booked/);
    expect(text).toMatch(/Müller, Jürgen M-10115 Waitlist #1/);
    expect(text).toMatch(/Weber, Anna M-10007 Booked/);
    // A cancelled booking is not on the class, and tomorrow's class is not today's.
    expect(text).not.toContain('Cancelled');
    expect(text).not.toContain('Pilates Tomorrow');
    expect(text).toContain('Studio Mitte');
    expect(await pdfPages(file)).toBe(2);

    await mkdir('test-results', { recursive: true });
    const png = await pdfPagePng(file, 1, 'test-results/outage-kit-page-1');
    expect(existsSync(png)).toBe(true);
    // A blank page has no ink; a page that is all ink is broken too. A roster is a few percent.
    const ink = await darkShare(file, 1, join(dir, 'page-1'));
    expect(ink).toBeGreaterThan(0.005);
    expect(ink).toBeLessThan(0.3);
  });

  it('speaks German when the desk does', async () => {
    const { kit, dir } = kitAt('2026-11-23T06:00:00.000Z', 'de');
    const [written] = await kit.writeNow();
    const text = oneSpaced(await pdfText(join(dir, 'outage-kit', written?.file ?? '')));
    expect(text).toMatch(/Şahin, Elif M-10116 Eingecheckt/);
    expect(text).toMatch(/Müller, Jürgen M-10115 Warteliste Nr. 1/);
    expect(text).toContain('09:00–10:00');
    expect(text).toContain('Raum: Studio 2');
  });

  it('puts a long roster on as many pages as it needs, the class named on each', async () => {
    const { kit, dir } = kitAt('2026-11-23T06:00:00.000Z', 'en', [{ ...yoga, capacity: 80, booked: 60 }]);
    const { store } = opened[0] ?? {};
    if (!store) throw new Error('no store');
    const { applyFetch } = await import('../../../src-main/core/store/fetch-apply');
    const { fetchOf, booking } = await import('../../support/store-fixtures');
    const many = Array.from({ length: 60 }, (_, n) => ({ id: `m-${n}`, connectionId: 'c', firstName: 'Person', lastName: `Number ${String(n).padStart(2, '0')}`, memberNumber: `N-${n}` }));
    applyFetch(store, 'c', { from: '2026-11-23T08:00:00.000Z', to: '2026-11-23T08:00:00.001Z' }, fetchOf({ sessions: [{ ...yoga, capacity: 80, booked: 60 }], members: many, bookings: many.map((m, n) => booking(`bm-${n}`, yoga.id, m.id)) }), false);
    const [written] = await kit.writeNow();
    const file = join(dir, 'outage-kit', written?.file ?? '');
    const text = oneSpaced(await pdfText(file));
    for (const m of many) expect(text).toContain(`${m.lastName}, Person`);
    expect(await pdfPages(file)).toBeGreaterThan(1);
    expect(text).toContain('Yoga Flow · 09:00 (continued)');
  });

  it('says so on paper when a location has no class today', async () => {
    const { kit, dir } = kitAt('2026-11-23T06:00:00.000Z', 'en', []);
    const [written] = await kit.writeNow();
    expect(written?.classes).toBe(0);
    expect(oneSpaced(await pdfText(join(dir, 'outage-kit', written?.file ?? '')))).toContain('No classes today at this location.');
  });
});
