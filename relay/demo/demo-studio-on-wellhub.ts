import { Snapshot } from '../../src-shared/contract.ts';
import type { SimSlot } from '../../test/simulators/wellhub-simulator-state.ts';
import { demoWellhubId, deskValue } from './desk-commands.ts';
import type { WellhubDemoWorld } from './wellhub-demo-world.ts';

/**
 * One roster across channels in the demo: the demo studio (the gym's main system here) sells two of its
 * classes on Wellhub too. The simulated Wellhub gets a class for each, with a slot at each of the studio's
 * times for it in the week ahead (as gyms mirror their timetable to Wellhub); the desk links them in
 * Connections → Classes on Wellhub; members then ask for places in exactly those classes, so their
 * requests appear on the demo class's roster beside the studio's own members, under one capacity.
 */

/** The demo studio's classes sold on Wellhub (studio-plan.ts): daily in Berlin, big rooms. */
export const classesSoldOnWellhub = ['demo:class:yoga', 'demo:class:spin'] as const;
const daysAhead = 7;

export interface DemoClassesOnWellhub {
  /** What Connections → Classes on Wellhub saves: each demo class and the Wellhub class it is sold as. */
  links: { classTypeId: string; wellhubClassId: number }[];
  /** The Wellhub slots, each at the time of one demo class. */
  slots: SimSlot[];
}

interface DeskLink {
  port: number;
  token: string;
  /** The desk process ended: stop waiting for it. */
  stopped: () => boolean;
}

/**
 * Reads the demo studio's timetable from the desk (as any client does, by its snapshot) and puts those
 * classes on the simulated Wellhub. Waits for the desk's first answer with the studio's classes in it.
 */
export async function sellDemoClassesOnWellhub(world: WellhubDemoWorld, desk: DeskLink, nowMs = Date.now()): Promise<DemoClassesOnWellhub> {
  const snapshot = await waitFor(desk, 'the demo studio’s classes', async () => {
    const found = Snapshot.parse(await deskValue(desk.port, desk.token, 'getSnapshot', {}));
    return found.records.sessions.some((s) => s.connectionId === 'demo') ? found : undefined;
  });
  const { records } = snapshot;
  // Wellhub's slots are in the gym's zone: the studio's location in that zone is the one sold.
  const location = records.locations.find((l) => l.connectionId === 'demo' && l.timeZone === world.sim.timeZone);
  if (!location) throw new Error(`The demo studio has no location in ${world.sim.timeZone}.`);
  const links: DemoClassesOnWellhub['links'] = [];
  const slots: SimSlot[] = [];
  for (const classTypeId of classesSoldOnWellhub) {
    const classType = records.classTypes.find((c) => c.id === classTypeId);
    const times = records.sessions
      .filter((s) => s.classTypeId === classTypeId && s.locationId === location.id && s.status === 'scheduled')
      .filter((s) => Date.parse(s.startsAt) > nowMs && Date.parse(s.startsAt) < nowMs + daysAhead * 86_400_000)
      .map((s) => ({
        startsAt: new Date(s.startsAt),
        minutes: Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000),
        capacity: s.capacity,
        booked: s.booked,
        ...(s.room ? { room: s.room } : {}),
      }));
    if (!classType || times.length === 0) continue;
    const sold = world.sellClass(classType.name, times);
    links.push({ classTypeId, wellhubClassId: sold.wellhubClassId });
    slots.push(...sold.slots);
  }
  if (links.length === 0) throw new Error('The demo studio has none of its classes to sell on Wellhub this week.');
  return { links, slots };
}

/** Links the demo classes to their Wellhub classes, as Connections → Classes on Wellhub saves them. */
export async function linkDemoClasses(desk: DeskLink, sold: DemoClassesOnWellhub): Promise<void> {
  await deskValue(desk.port, desk.token, 'saveWellhubClassLinks', { id: demoWellhubId, links: sold.links });
}

/** Waits until the desk holds the Wellhub slots paired with their demo classes (after Wellhub's first sync). */
export async function waitUntilPaired(desk: DeskLink): Promise<void> {
  await waitFor(desk, 'the Wellhub classes paired with the demo studio’s', async () => {
    const found = Snapshot.parse(await deskValue(desk.port, desk.token, 'getSnapshot', {}));
    return found.records.sessions.some((s) => s.connectionId === demoWellhubId && s.sameClassAs !== undefined) ? true : undefined;
  });
}

async function waitFor<T>(desk: DeskLink, what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  for (let round = 0; round < 120; round += 1) {
    if (desk.stopped()) throw new Error('The desk stopped.');
    const found = await attempt().catch(() => undefined);
    if (found !== undefined) return found;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`The desk did not show ${what} within a minute.`);
}
