import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutageKitFile } from '../../../src-shared/contract';
import { OutageKit } from '../../../src-main/core/outage-kit/outage-kit';
import type { Core } from '../../../src-main/core/core';
import type { DeskStore } from '../../../src-main/core/store/desk-store';
import { value } from '../../support/command-answer';
import { berlin, fillPaperStudio } from '../../support/paper-studio';
import { openScriptedCore } from '../../support/scripted-core';
import { ScriptedStudio } from '../../support/scripted-studio';
import { ManualClock, tempStore } from '../../support/store-fixtures';

const opened: { store: DeskStore; dir: string }[] = [];
const cores: Core[] = [];
const coreDirs: string[] = [];

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(cores.splice(0).map((core) => core.close()));
  await Promise.all(coreDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  for (const { store, dir } of opened.splice(0)) {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/** The Berlin studio: Monday's first class at 09:00 local (08:00 UTC), Tuesday's too. */
function studioKit(startAt: string, lead = { minutes: 30 }, checkEveryMs = 0) {
  const clock = new ManualClock(new Date(startAt));
  const opening = tempStore(clock, 'classdesk-kit-schedule-');
  opened.push(opening);
  fillPaperStudio(opening.store);
  const logs: string[] = [];
  const kit = new OutageKit({
    store: opening.store,
    dataDir: opening.dir,
    clock: clock.read,
    settings: () => ({ language: 'en', outageKitMinutesBefore: lead.minutes }),
    log: (message) => logs.push(message),
    checkEveryMs,
  });
  const kitFile = (day: string) => join(opening.dir, 'outage-kit', day, 'studio-mitte.pdf');
  return { kit, clock, dir: opening.dir, kitFile, logs };
}

describe('when the outage kit is written', () => {
  it('writes each location once on its day, at the set time before its first class, and again the next day', async () => {
    const { kit, clock, kitFile } = studioKit('2026-11-23T06:00:00.000Z');
    expect(await kit.tick()).toEqual([]);
    clock.set('2026-11-23T07:29:59.000Z');
    expect(await kit.tick()).toEqual([]);
    expect(existsSync(kitFile('2026-11-23'))).toBe(false);

    // 08:30 in Berlin: half an hour before the 09:00 class.
    clock.set('2026-11-23T07:30:00.000Z');
    expect((await kit.tick()).map((k) => k.file)).toEqual(['2026-11-23/studio-mitte.pdf']);
    const first = await stat(kitFile('2026-11-23'));
    clock.set('2026-11-23T07:45:00.000Z');
    expect(await kit.tick()).toEqual([]);
    clock.set('2026-11-23T12:00:00.000Z');
    expect(await kit.tick()).toEqual([]);
    expect((await stat(kitFile('2026-11-23'))).mtimeMs).toBe(first.mtimeMs);

    clock.set('2026-11-24T07:30:00.000Z');
    expect((await kit.tick()).map((k) => k.file)).toEqual(['2026-11-24/studio-mitte.pdf']);
  });

  it('follows the setting as it is when the time comes', async () => {
    const lead = { minutes: 30 };
    const { kit, clock } = studioKit('2026-11-23T06:00:00.000Z', lead);
    expect(await kit.tick()).toEqual([]);
    // Two hours before 09:00 Berlin is 07:00 Berlin, 06:00 UTC: due now.
    lead.minutes = 120;
    expect((await kit.tick()).map((k) => k.day)).toEqual(['2026-11-23']);
    clock.set('2026-11-23T06:01:00.000Z');
    expect(await kit.tick()).toEqual([]);
  });

  it('writes nothing by itself once the day is over, but still on demand', async () => {
    const { kit, kitFile } = studioKit('2026-11-23T20:00:00.000Z');
    expect(await kit.tick()).toEqual([]);
    expect(existsSync(kitFile('2026-11-23'))).toBe(false);
    const written = await kit.writeNow();
    expect(written.map((k) => OutageKitFile.parse(k))).toEqual([
      { locationId: berlin.id, locationName: 'Studio Mitte', day: '2026-11-23', file: '2026-11-23/studio-mitte.pdf', classes: 2 },
    ]);
    expect(existsSync(kitFile('2026-11-23'))).toBe(true);
  });

  it('writes on demand before the time without taking the place of the morning kit', async () => {
    const { kit, clock, kitFile } = studioKit('2026-11-23T05:00:00.000Z');
    await kit.writeNow();
    const early = await stat(kitFile('2026-11-23'));
    clock.set('2026-11-23T07:30:00.000Z');
    expect(await kit.tick()).toHaveLength(1);
    expect((await stat(kitFile('2026-11-23'))).mtimeMs).toBeGreaterThanOrEqual(early.mtimeMs);
  });

  it('keeps the newest three days and deletes older ones, leaving anything else in the folder alone', async () => {
    const { kit, dir, logs } = studioKit('2026-11-23T07:30:00.000Z');
    const kits = join(dir, 'outage-kit');
    for (const day of ['2026-11-18', '2026-11-19', '2026-11-21', '2026-11-22', 'notes']) await mkdir(join(kits, day), { recursive: true });
    await kit.tick();
    expect((await readdir(kits)).sort()).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', 'notes']);
    expect(logs).toContain('Outage kit: removed the kits of 2026-11-19, 2026-11-18');
  });

  it('looks by itself at the set rhythm', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { kit, kitFile } = studioKit('2026-11-23T07:31:00.000Z', { minutes: 30 }, 60_000);
    expect(existsSync(kitFile('2026-11-23'))).toBe(false);
    vi.advanceTimersByTime(60_000);
    await kit.stop();
    expect(existsSync(kitFile('2026-11-23'))).toBe(true);
  });
});

describe('writeOutageKit, the command', () => {
  it('writes every location of the core now and names each file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classdesk-kit-core-'));
    coreDirs.push(dir);
    const morning = new Date('2026-11-23T09:00:00.000Z');
    const core = await openScriptedCore(dir, new ScriptedStudio(morning), () => morning);
    cores.push(core);
    const { kits } = value(await core.handle('writeOutageKit', {})) as { kits: OutageKitFile[] };
    expect(kits.map((k) => k.file)).toEqual(['2026-11-23/main.pdf']);
    expect(existsSync(join(dir, 'outage-kit', '2026-11-23', 'main.pdf'))).toBe(true);
    const refused = await core.handle('writeOutageKit', { path: '/etc/passwd' });
    expect(refused.ok).toBe(false);
    const one = value<{ kits: OutageKitFile[] }>(await core.handle('writeOutageKit', { locationId: kits[0]?.locationId }));
    expect(one.kits.map((k) => k.file)).toEqual(['2026-11-23/main.pdf']);
    const unknown = await core.handle('writeOutageKit', { locationId: 'nowhere' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
