import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RelayDecisionNote } from '../../src-shared/relay-wire.ts';
import type { WellhubSimulator } from '../../test/simulators/wellhub-simulator.ts';
import type { RunningRelay } from '../src/relay.ts';
import { backends, freshDatabase, type FreshDatabase } from './support/backends.ts';
import { deskToken, startTestRelay } from './support/relay-harness.ts';
import { TestDesk } from './support/test-desk.ts';
import { deliverWebhook } from './support/wellhub-sender.ts';
import { bookingPatches, registerGym, startWellhub } from './support/wellhub-world.ts';

/**
 * The 15-minute rule with no desk open, on a fast clock: the relay answers at its
 * fallback time by the slot's numbers, exactly one PATCH per request reaches
 * Wellhub, and a desk's answer that comes first wins.
 */

const fallbackDelayMs = 700;
const deadlineMs = 4_000;

describe.each(backends)('fallback on %s', (backend) => {
  let fresh: FreshDatabase;
  let relay: RunningRelay;
  let sim: WellhubSimulator;
  let member = 0;

  const request = async (slotId: number) => {
    const webhook = sim.requestBooking(slotId, { wellhubId: String(2_000_000_000_000 + ++member), name: 'Ana Lima' });
    const delivery = await deliverWebhook(`${relay.url}/wellhub/webhooks/${sim.gymId}`, webhook.body, webhook.signature);
    expect(delivery.acknowledged).toBe(true);
    return { bookingNumber: webhook.bookingNumber, sentAt: Date.now() };
  };
  const decided = async (bookingNumber: string) =>
    relay.db.selectFrom('booking_requests').selectAll().where('booking_number', '=', bookingNumber).executeTakeFirstOrThrow();
  const tomorrow = () => new Date(Date.now() + 24 * 3_600_000);

  beforeAll(async () => {
    fresh = await freshDatabase(backend);
    const wellhub = await startWellhub();
    sim = wellhub.sim;
    relay = await startTestRelay(fresh, {
      WELLHUB_BASE_URL: wellhub.url,
      FALLBACK_DELAY_MS: String(fallbackDelayMs),
      WELLHUB_DEADLINE_MS: String(deadlineMs),
      FALLBACK_POLL_MS: '50',
    });
    await registerGym(relay, sim);
  });
  afterEach(() => {
    sim.faults.latencyMs = 0;
  });
  afterAll(async () => {
    await relay?.close();
    await sim?.stop();
    await fresh?.drop();
  });

  it('confirms while the slot has room and rejects with CLASS_IS_FULL after, with no desk connected, before the deadline', async () => {
    const slot = sim.addSlot({ startsAt: tomorrow(), capacity: 2, booked: 0 });
    const requests = [await request(slot.id), await request(slot.id), await request(slot.id)];
    await expect.poll(async () => (await Promise.all(requests.map((r) => decided(r.bookingNumber)))).every((r) => r.decided_at !== null), { timeout: 5_000 }).toBe(true);

    const statuses = requests.map((r) => sim.bookings.get(r.bookingNumber)!.status);
    expect(statuses).toEqual(['RESERVED', 'RESERVED', 'REJECTED']);
    expect(sim.bookings.get(requests[2]!.bookingNumber)!.reasonCategory).toBe('CLASS_IS_FULL');
    const patches = bookingPatches(sim);
    for (const r of requests) {
      expect(patches.get(r.bookingNumber), r.bookingNumber).toHaveLength(1);
      const row = await decided(r.bookingNumber);
      expect(row.decided_by).toBe('fallback');
      // Not before the fallback time, and well before Wellhub's deadline.
      expect(row.decided_at!.getTime()).toBeGreaterThanOrEqual(row.fallback_at.getTime());
      expect(row.decided_at!.getTime()).toBeLessThan(row.deadline_at.getTime());
    }

    // A desk that opens later learns what the relay did, in its event stream.
    const desk = new TestDesk(relay.url, await deskToken(relay, String(sim.gymId)));
    await desk.connect();
    await desk.until(() => requests.every((r) => desk.events.some((e) => e.eventType === 'relay-decision' && e.body.includes(r.bookingNumber))));
    const notes = desk.events.filter((e) => e.eventType === 'relay-decision').map((e) => RelayDecisionNote.parse(JSON.parse(e.body)));
    expect(notes.map((n) => [n.bookingNumber, n.outcome, n.reasonCategory ?? null])).toEqual([
      [requests[0]!.bookingNumber, 'confirmed', null],
      [requests[1]!.bookingNumber, 'confirmed', null],
      [requests[2]!.bookingNumber, 'rejected', 'CLASS_IS_FULL'],
    ]);
    await desk.close();
  });

  it('decides by the main system’s numbers a desk reported, over Wellhub’s own count', async () => {
    const slot = sim.addSlot({ startsAt: tomorrow(), capacity: 10, booked: 0 });
    const desk = new TestDesk(relay.url, await deskToken(relay, String(sim.gymId)));
    await desk.connect();
    desk.send({ type: 'capacity', slotId: slot.id, totalCapacity: 10, totalBooked: 10 });
    await expect.poll(async () => (await relay.db.selectFrom('slot_capacity').select('total_booked').where('slot_id', '=', slot.id).executeTakeFirst())?.total_booked).toBe(10);
    await desk.close();
    const full = await request(slot.id);
    await expect.poll(async () => (await decided(full.bookingNumber)).outcome, { timeout: 5_000 }).toBe('rejected');
    expect(sim.bookings.get(full.bookingNumber)).toMatchObject({ status: 'REJECTED', reasonCategory: 'CLASS_IS_FULL' });
  });

  it('lets a desk’s earlier answer win: one PATCH, the desk’s, and the fallback sends nothing', async () => {
    const slot = sim.addSlot({ startsAt: tomorrow(), capacity: 5, booked: 0 });
    const desk = new TestDesk(relay.url, await deskToken(relay, String(sim.gymId)));
    await desk.connect();
    const early = await request(slot.id);
    desk.send({ type: 'decide', requestId: 'r1', bookingNumber: early.bookingNumber, decision: 'reject', reasonCategory: 'USAGE_RESTRICTION' });
    await desk.until(() => desk.decisions.length === 1);
    expect(desk.decisions[0]).toMatchObject({ requestId: 'r1', result: 'applied', note: { outcome: 'rejected', reasonCategory: 'USAGE_RESTRICTION' } });
    await new Promise((resolve) => setTimeout(resolve, fallbackDelayMs + 500));
    expect(bookingPatches(sim).get(early.bookingNumber)).toHaveLength(1);
    expect(sim.bookings.get(early.bookingNumber)).toMatchObject({ status: 'REJECTED', reasonCategory: 'USAGE_RESTRICTION' });
    // Asking again is answered from what happened, without a second PATCH.
    desk.send({ type: 'decide', requestId: 'r2', bookingNumber: early.bookingNumber, decision: 'confirm' });
    await desk.until(() => desk.decisions.length === 2);
    expect(desk.decisions[1]).toMatchObject({ result: 'already-decided', note: { outcome: 'rejected', decidedBy: expect.stringMatching(/^desk:/) } });
    expect(bookingPatches(sim).get(early.bookingNumber)).toHaveLength(1);
    await desk.close();
  });

  it('sends exactly one PATCH when desk answers race the fallback', async () => {
    const slot = sim.addSlot({ startsAt: tomorrow(), capacity: 30, booked: 0 });
    // A slow Wellhub keeps each PATCH in flight long enough for the other side to try.
    sim.faults.latencyMs = 120;
    const desk = new TestDesk(relay.url, await deskToken(relay, String(sim.gymId)));
    await desk.connect();
    const requests = await Promise.all(Array.from({ length: 12 }, () => request(slot.id)));
    // Desk answers spread from 150 ms before to 450 ms after the fallback time (the fallback's first
    // round also reads the slot at the slow Wellhub).
    await Promise.all(
      requests.map(async (r, index) => {
        const row = await decided(r.bookingNumber);
        const at = row.fallback_at.getTime() - 150 + (600 * index) / (requests.length - 1);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        desk.send({ type: 'decide', requestId: r.bookingNumber, bookingNumber: r.bookingNumber, decision: 'reject', reasonCategory: 'USAGE_RESTRICTION' });
      }),
    );
    await desk.until(() => desk.decisions.length === requests.length, 20_000);

    const patches = bookingPatches(sim);
    let deskWins = 0;
    for (const r of requests) {
      expect(patches.get(r.bookingNumber), r.bookingNumber).toHaveLength(1);
      const answer = desk.decisions.find((d) => d.requestId === r.bookingNumber)!;
      const booking = sim.bookings.get(r.bookingNumber)!;
      if (answer.result === 'applied') {
        deskWins++;
        expect(booking.status).toBe('REJECTED');
      } else {
        expect(answer.result).toBe('already-decided');
        expect(answer.note).toMatchObject({ decidedBy: 'fallback', outcome: 'confirmed' });
        expect(booking.status).toBe('RESERVED');
      }
    }
    // Both sides won some: the race really ran.
    expect(deskWins).toBeGreaterThan(0);
    expect(deskWins).toBeLessThan(requests.length);
    await desk.close();
  });
});
