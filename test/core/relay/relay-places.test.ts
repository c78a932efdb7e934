import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskAction, type Session } from '../../../src-shared/domain';
import type { SportAllianceSimulator } from '../../simulators/sport-alliance-simulator';
import type { SimSlot } from '../../simulators/wellhub-simulator-state';
import { value } from '../../support/command-answer';
import { linkedWellhubClassId, openChannelsDesk, saveMain, sellOnWellhub, startMainSystem, upcomingMainClass, type ChannelsDesk } from '../channels/channels-world';
import { bookingIdOf, connection, connectionId, RelayWorld, snapshot, wellhubSettings } from './relay-world';

/**
 * The relay's fallback confirms only while the class really has room: for a Wellhub slot sold for a class of
 * the main system, the desk's `capacity` frame carries the class's combined numbers (the main system's
 * capacity, its booked plus the Wellhub places held), not the slot's own, and a request the desk confirms
 * through the relay moves both the frame and the slot at Wellhub by one.
 */

let world: RelayWorld;
let main: { sim: SportAllianceSimulator; url: string };
let desk: ChannelsDesk;
let mainClass: Session;
let slot: SimSlot;

const told = () => world.relay!.db.selectFrom('slot_capacity').selectAll().where('slot_id', '=', slot.id).executeTakeFirst();
const patchesOfSlot = () => world.sim.slotPatches.filter((patch) => patch.slotId === slot.id);

beforeAll(async () => {
  world = await RelayWorld.start();
  main = await startMainSystem();
  desk = await openChannelsDesk(await world.dataDir(), { relay: { firstMs: 50, maxMs: 400, refusedMs: 60_000, heartbeatMs: 5_000, answerWithinMs: 5_000 } });
  await saveMain(desk.core, main.url);
  value(await desk.core.handle('saveConnection', { settings: wellhubSettings(world), apiKey: world.sim.token, relayDeskToken: world.deskToken }));
  value(await desk.core.handle('syncNow', {}));
  mainClass = await upcomingMainClass(desk.core);
  slot = sellOnWellhub(world.sim, mainClass);
  value(
    await desk.core.handle('saveWellhubClassLinks', { id: connectionId, links: [{ classTypeId: mainClass.classTypeId, wellhubClassId: linkedWellhubClassId }] }),
  );
  value(await desk.core.handle('syncNow', {}));
}, 60_000);

afterAll(async () => {
  await desk?.core.close();
  await main?.sim.stop();
  await world?.close();
});

describe('the relay’s capacity for a class sold on Wellhub', { timeout: 30_000 }, () => {
  it('is the class’s combined numbers, not the slot’s own', async () => {
    await expect.poll(async () => (await connection(desk.core))?.relay?.state, { timeout: 5_000 }).toBe('connected');
    // Wellhub's slot says 99 places, none booked; the class in the main system says otherwise.
    await expect.poll(async () => (await told())?.total_capacity, { timeout: 5_000 }).toBe(mainClass.capacity);
    expect((await told())?.total_booked).toBe(mainClass.booked);
    await expect.poll(() => patchesOfSlot().at(-1)?.body, { timeout: 5_000 }).toEqual({ total_booked: mainClass.booked, total_capacity: mainClass.capacity });
  });

  it('counts a Wellhub request once the desk confirms it: the frame and Wellhub’s slot show one more place taken', async () => {
    const request = world.sim.requestBooking(slot.id, { wellhubId: '1000000000042', name: 'Ana Lima' });
    await world.post(request);
    const bookingId = bookingIdOf(request.bookingNumber);
    await expect.poll(async () => (await snapshot(desk.core)).records.bookings.some((b) => b.id === bookingId), { timeout: 3_000 }).toBe(true);
    // A request waiting for an answer holds no place yet.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(patchesOfSlot().at(-1)?.body).toEqual({ total_booked: mainClass.booked, total_capacity: mainClass.capacity });

    const action = DeskAction.parse(value(await desk.core.handle('confirmBookingRequest', { actionId: randomUUID(), bookingId })));
    expect(action.state).toBe('confirmed');
    const combined = { total_booked: mainClass.booked + 1, total_capacity: mainClass.capacity };
    await expect.poll(() => patchesOfSlot().at(-1)?.body, { timeout: 5_000 }).toEqual(combined);
    await expect.poll(async () => (await told())?.total_booked, { timeout: 5_000 }).toBe(mainClass.booked + 1);
    expect((await told())?.total_capacity).toBe(mainClass.capacity);
  });
});
