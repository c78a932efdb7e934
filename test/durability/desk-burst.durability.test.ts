import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DeskAction, type DeskStatus } from '../../src-shared/domain';
import { createProvider } from '../../src-main/core/connections/provider-registry';
import { openCore, type Core } from '../../src-main/core/core';
import { SIM_API_KEY, SportAllianceSimulator } from '../simulators/sport-alliance-simulator';
import { testCredentials } from '../support/test-credentials';
import { seededRandom, seededUuid } from './desk-process';
import { value } from '../support/command-answer';

/**
 * A busy desk: many bookings in a row on a few classes. Each booking asks the
 * core to fetch its class again (counts moved), but the provider's rate budget
 * is what the desk lives on: refreshing the same class once per booking, or a
 * class the "Sync now" that follows fetches anyway, spends it for nothing. For
 * Magicline every fetch also reads the bookings of each member the desk follows,
 * so the waste grows with the crowd at the counter, and "Sync now" waits for it.
 */

const NOW = new Date('2026-05-12T08:00:00.000Z'); // a Tuesday, 10:00 in Berlin
const CONNECTION = 'ml-burst';
const http = { timeoutMs: 1_000, retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 2_000 } };
const MEMBER_LISTS = '/v1/classes/booking';

const sim = new SportAllianceSimulator({ now: NOW, size: { customers: 8, capacity: 40 } });
const random = seededRandom(20260512);
let core: Core;
let dataDir: string;

beforeAll(async () => {
  const simUrl = await sim.start();
  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-burst-'));
  core = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [],
    createProvider: (kind, context) => createProvider(kind, { ...context, http }),
    clock: () => NOW,
    syncIntervalMs: 0,
    log: () => undefined,
  });
  value(await core.handle('saveConnection', { settings: { id: CONNECTION, provider: 'magicline', label: 'Busy studio', baseUrl: simUrl }, apiKey: SIM_API_KEY }));
});

afterAll(async () => {
  await core?.close();
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
});


const memberLists = () => sim.log.filter((r) => r.method === 'GET' && r.path === MEMBER_LISTS).length;
const book = async (customerId: number, slotId: number) =>
  DeskAction.parse(
    value(
      await core.handle('bookMember', {
        actionId: seededUuid(random),
        sessionId: `${CONNECTION}:session:${slotId}`,
        memberId: `${CONNECTION}:member:${customerId}`,
      }),
    ),
  );

it('spends at most a fetch or two per class a burst of bookings touched, and "Sync now" does not wait for more', async () => {
  value<DeskStatus>(await core.handle('syncNow', {}));
  const { studio } = sim;
  const members = studio.customers.filter((c) => !c.noContingent && !c.idle);
  const bookable = (slotIndex: number) => studio.slots.filter((slot) => members.every((c) => studio.validate(c, slot) === 'AVAILABLE'))[slotIndex]!;

  // The desk follows these members from their first booking on.
  for (const member of members) expect((await book(member.id, bookable(0).id)).state).toBe('confirmed');
  value<DeskStatus>(await core.handle('syncNow', {}));
  const quietBefore = memberLists();
  value<DeskStatus>(await core.handle('syncNow', {}));
  const perSync = memberLists() - quietBefore;
  expect(perSync).toBeGreaterThanOrEqual(members.length);

  // The burst: every member into four more classes, one after the other.
  const classes = [1, 2, 3, 4].map(bookable);
  const before = memberLists();
  const started = Date.now();
  for (const slot of classes) for (const member of members) expect((await book(member.id, slot.id)).state).toBe('confirmed');
  const status = value<DeskStatus>(await core.handle('syncNow', {}));
  const spent = memberLists() - before;
  const took = Date.now() - started;
  const bookings = classes.length * members.length;
  console.log(
    `desk burst: ${bookings} bookings on ${classes.length} classes by ${members.length} followed members; ` +
      `a quiet "Sync now" reads ${perSync} member lists, the burst and the "Sync now" after it ${spent} (${(took / 1000).toFixed(1)} s)`,
  );
  expect(status.pendingActions).toBe(0);
  // At most two refreshes per class touched (one may be under way when the next booking lands) and the
  // "Sync now" itself (today and the whole window), each reading every followed member's list.
  expect(spent).toBeLessThanOrEqual((2 * classes.length + 2) * members.length + perSync);
}, 60_000);
