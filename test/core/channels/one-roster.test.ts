import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src-shared/domain';
import { WellhubSimulator } from '../../simulators/wellhub-simulator';
import type { SportAllianceSimulator } from '../../simulators/sport-alliance-simulator';
import type { SimSlot } from '../../simulators/wellhub-simulator-state';
import { value } from '../../support/command-answer';
import {
  connectionOf,
  linkedWellhubClassId,
  mainId,
  openChannelsDesk,
  saveMain,
  sellOnWellhub,
  snapshot,
  startMainSystem,
  tempDir,
  upcomingMainClass,
  wellhubId,
  type ChannelsDesk,
} from './channels-world';

/**
 * One roster across channels against a real core, the Magicline simulator as the gym's main system and
 * the Wellhub simulator: the class links are kept in the store and survive a restart, the Wellhub slot of
 * a linked class pairs with the main class at the same instant, and a change of the main system's booked
 * count reaches the slot as one coalesced PATCH (none when nothing changed, again after a 503). The tests
 * run in order and share one world.
 */

let main: { sim: SportAllianceSimulator; url: string };
let wellhub: WellhubSimulator;
let wellhubUrl: string;
let folder: { dir: string; remove(): Promise<void> };
let desk: ChannelsDesk;
let mainClass: Session;
let slot: SimSlot;

const wellhubSessionId = () => `${wellhubId}:session:${slot.id}`;
const patchesOfSlot = () => wellhub.slotPatches.filter((patch) => patch.slotId === slot.id);
const mainSlot = () => main.sim.studio.slots.find((s) => `${mainId}:session:${s.id}` === mainClass.id)!;
const sessionIn = async (id: string) => (await snapshot(desk.core)).records.sessions.find((s) => s.id === id);
const syncNow = async () => value(await desk.core.handle('syncNow', {}));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  main = await startMainSystem();
  wellhub = new WellhubSimulator({ now: new Date(), perMinute: 1_000_000 });
  wellhubUrl = await wellhub.start();
  folder = await tempDir('classdesk-one-roster-');
  desk = await openChannelsDesk(folder.dir);
  await saveMain(desk.core, main.url);
  value(
    await desk.core.handle('saveConnection', {
      settings: { id: wellhubId, provider: 'wellhub', label: 'Wellhub', baseUrl: wellhubUrl, scopeId: String(wellhub.gymId), timeZone: wellhub.timeZone },
      apiKey: wellhub.token,
    }),
  );
  await syncNow();
  mainClass = await upcomingMainClass(desk.core);
  slot = sellOnWellhub(wellhub, mainClass);
}, 60_000);

afterAll(async () => {
  await desk?.core.close();
  await main?.sim.stop();
  await wellhub?.stop();
  await folder?.remove();
});

describe('one roster across the main system and Wellhub', { timeout: 30_000 }, () => {
  it('lists the Wellhub classes from Wellhub, and refuses links on a connection that is not Wellhub', async () => {
    const classes = value(await desk.core.handle('listWellhubClasses', { id: wellhubId })) as { id: number; name: string }[];
    expect(classes).toContainEqual({ id: linkedWellhubClassId, name: 'Linked class' });
    const refused = await desk.core.handle('saveWellhubClassLinks', { id: mainId, links: [] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'class_links_only_for_wellhub' } } });
    // A link must name a class of another system: a Wellhub class type is not one.
    const wrong = await desk.core.handle('saveWellhubClassLinks', {
      id: wellhubId,
      links: [{ classTypeId: `${wellhubId}:class-type:501`, wellhubClassId: linkedWellhubClassId }],
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'class_link_not_main_class' } } });
  });

  it('saves the link, pairs the slot with the class at the same instant, and sends the class’s numbers to Wellhub once', async () => {
    const saved = value(
      await desk.core.handle('saveWellhubClassLinks', { id: wellhubId, links: [{ classTypeId: mainClass.classTypeId, wellhubClassId: linkedWellhubClassId }] }),
    );
    expect(saved).toMatchObject({ id: wellhubId, classLinks: [{ classTypeId: mainClass.classTypeId, wellhubClassId: linkedWellhubClassId }] });
    await syncNow();
    expect((await sessionIn(wellhubSessionId()))?.sameClassAs).toBe(mainClass.id);
    // Only the slot at the same instant pairs; other slots stay Wellhub classes of their own.
    const paired = (await snapshot(desk.core)).records.sessions.filter((s) => s.sameClassAs !== undefined);
    expect(paired.map((s) => s.id)).toEqual([wellhubSessionId()]);

    const stored = (await sessionIn(mainClass.id))!;
    await expect.poll(() => patchesOfSlot().length, { timeout: 3_000 }).toBe(1);
    expect(patchesOfSlot()[0]?.body).toEqual({ total_booked: stored.booked, total_capacity: stored.capacity });
    await pause(500);
    expect(patchesOfSlot()).toHaveLength(1);
  });

  it('sends nothing when nothing changed', async () => {
    await syncNow();
    await syncNow();
    await pause(600);
    expect(patchesOfSlot()).toHaveLength(1);
  });

  it('turns changes of the main system’s booked count within the settle delay into exactly one PATCH with the latest numbers', async () => {
    // A settle delay longer than two syncs take here, so both changes land inside it.
    await desk.core.close();
    desk = await openChannelsDesk(folder.dir, { settleMs: 6_000 });
    wellhub.slotPatches.length = 0;
    mainSlot().othersBooked += 1;
    await syncNow();
    mainSlot().othersBooked += 1;
    await syncNow();
    const stored = (await sessionIn(mainClass.id))!;
    await expect.poll(() => patchesOfSlot().length, { timeout: 9_000 }).toBe(1);
    expect(patchesOfSlot()[0]?.body).toEqual({ total_booked: stored.booked, total_capacity: stored.capacity });
    expect(wellhub.slot(slot.id)).toMatchObject({ totalBooked: stored.booked, totalCapacity: stored.capacity });
    await pause(500);
    expect(patchesOfSlot()).toHaveLength(1);
    await desk.core.close();
    desk = await openChannelsDesk(folder.dir);
  });

  it('keeps numbers Wellhub did not take, shows it on the connection, and sends them after a 503', async () => {
    wellhub.slotPatches.length = 0;
    mainSlot().othersBooked += 1;
    await syncNow();
    const stored = (await sessionIn(mainClass.id))!;
    // Wellhub answers 503 to the PATCH and the client's one retry.
    wellhub.faults.serverErrors = { count: 2, status: 503 };
    await expect.poll(async () => (await connectionOf(desk.core, wellhubId))?.wellhubPlaces, { timeout: 3_000 }).toMatchObject({ waiting: 1 });
    expect((await connectionOf(desk.core, wellhubId))?.wellhubPlaces?.lastError).toBeDefined();
    await expect.poll(() => patchesOfSlot().length, { timeout: 5_000 }).toBe(1);
    expect(patchesOfSlot()[0]?.body).toEqual({ total_booked: stored.booked, total_capacity: stored.capacity });
    await expect.poll(async () => (await connectionOf(desk.core, wellhubId))?.wellhubPlaces, { timeout: 3_000 }).toBeUndefined();
    expect(desk.logs.join('\n')).not.toContain(wellhub.token);
  });

  it('keeps the links and the pairing across a restart', async () => {
    await desk.core.close();
    desk = await openChannelsDesk(folder.dir);
    expect((await connectionOf(desk.core, wellhubId))?.classLinks).toEqual([{ classTypeId: mainClass.classTypeId, wellhubClassId: linkedWellhubClassId }]);
    expect((await sessionIn(wellhubSessionId()))?.sameClassAs).toBe(mainClass.id);
  });

  it('drops the links and the pairing when the main system’s connection is removed', async () => {
    value(await desk.core.handle('removeConnection', { id: mainId }));
    expect((await connectionOf(desk.core, wellhubId))?.classLinks).toEqual([]);
    expect((await sessionIn(wellhubSessionId()))?.sameClassAs).toBeUndefined();
  });
});
