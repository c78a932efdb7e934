import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../../../src-shared/connections';
import { Snapshot, type DeskEvent } from '../../../src-shared/contract';
import type { Session } from '../../../src-shared/domain';
import { createProvider } from '../../../src-main/core/connections/provider-registry';
import { openCore, type Core } from '../../../src-main/core/core';
import { SIM_API_KEY, SportAllianceSimulator } from '../../simulators/sport-alliance-simulator';
import type { WellhubSimulator } from '../../simulators/wellhub-simulator';
import type { SimClass, SimSlot } from '../../simulators/wellhub-simulator-state';
import { value } from '../../support/command-answer';
import { testCredentials } from '../../support/test-credentials';

/** The gym's main system in these tests: Magicline (the Sport Alliance simulator). */
export const mainId = 'studio-main';
export const wellhubId = 'wellhub-gym';
/** A Wellhub class of its own for the linked class, so no seeded slot can share its instant. */
export const linkedWellhubClassId = 777;

export interface ChannelsDesk {
  core: Core;
  dir: string;
  events: DeskEvent[];
  logs: string[];
}

/** A real core on `dir` (a restart when used before): no timers, short waits for the places sent to Wellhub. */
export async function openChannelsDesk(
  dir: string,
  options: { settleMs?: number; relay?: { firstMs: number; maxMs: number; refusedMs: number; heartbeatMs: number; answerWithinMs: number } } = {},
): Promise<ChannelsDesk> {
  const { relay, settleMs = 150 } = options;
  const logs: string[] = [];
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: [],
    // One retry inside the HTTP client, quickly: a longer outage is the places' own retry to show.
    createProvider: (kind, context) => createProvider(kind, { ...context, http: { timeoutMs: 3_000, retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 20 } } }),
    syncIntervalMs: 0,
    firstSyncWaitMs: 100,
    wellhubPlaces: { settleMs, firstRetryMs: 300, maxRetryMs: 1_000 },
    ...(relay ? { relayBackoff: relay } : {}),
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`),
  });
  const events: DeskEvent[] = [];
  core.subscribe((event) => events.push(event));
  return { core, dir, events, logs };
}

export async function startMainSystem(): Promise<{ sim: SportAllianceSimulator; url: string }> {
  const sim = new SportAllianceSimulator({ now: new Date() });
  return { sim, url: await sim.start() };
}

export const mainSettings = (url: string) => ({ id: mainId, provider: 'magicline', label: 'Studio (Magicline)', baseUrl: url });

export async function saveMain(core: Core, url: string): Promise<void> {
  value(await core.handle('saveConnection', { settings: mainSettings(url), apiKey: SIM_API_KEY }));
}

export async function snapshot(core: Core): Promise<Snapshot> {
  return Snapshot.parse(value(await core.handle('getSnapshot', {})));
}

export async function connectionOf(core: Core, id: string): Promise<Connection | undefined> {
  return Connection.array().parse(value(await core.handle('listConnections', {}))).find((c) => c.id === id);
}

/** A class of the main system tomorrow or later with room for a few more, as the desk holds it. */
export async function upcomingMainClass(core: Core): Promise<Session> {
  const soon = Date.now() + 26 * 3_600_000;
  const found = (await snapshot(core)).records.sessions.find(
    (s) => s.connectionId === mainId && s.status === 'scheduled' && Date.parse(s.startsAt) > soon && s.capacity >= s.booked + 4 && s.capacity < 100,
  );
  if (!found) throw new Error('no upcoming class with room in the main system');
  return found;
}

/** Wellhub sells that class: a class of its own at Wellhub, and a slot at the same instant (Wellhub's own numbers). */
export function sellOnWellhub(sim: WellhubSimulator, main: Session): SimSlot {
  if (!sim.classes.some((c) => (c as SimClass).id === linkedWellhubClassId)) {
    sim.classes.push({ ...(sim.classes[0] as SimClass), id: linkedWellhubClassId, name: 'Linked class', slug: 'linked-class' });
  }
  return sim.addSlot({ classId: linkedWellhubClassId, startsAt: new Date(main.startsAt), capacity: 99, booked: 0 });
}

export async function tempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
