import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WellhubSimulator } from '../../test/simulators/wellhub-simulator.ts';
import type { RunningRelay } from '../src/relay.ts';
import { freshDatabase, type FreshDatabase } from './support/backends.ts';
import { deskToken, startTestRelay } from './support/relay-harness.ts';
import { TestDesk } from './support/test-desk.ts';
import { deliverWebhook } from './support/wellhub-sender.ts';
import { bookingPatches, registerGym, startWellhub } from './support/wellhub-world.ts';

/**
 * Two relay instances on one Postgres database, as behind a load balancer (PGlite
 * is one process by nature, so this runs on the server only). Webhooks land on
 * either instance, retries on the other; each desk, on its own instance, gets
 * every event once and in order, and each request is answered once.
 */
describe('two relay instances on one Postgres database', () => {
  let fresh: FreshDatabase;
  let relays: RunningRelay[] = [];
  let sim: WellhubSimulator;

  beforeAll(async () => {
    fresh = await freshDatabase('postgres');
    const wellhub = await startWellhub();
    sim = wellhub.sim;
    const env = { WELLHUB_BASE_URL: wellhub.url, FALLBACK_DELAY_MS: '600', WELLHUB_DEADLINE_MS: '5000', FALLBACK_POLL_MS: '25', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' };
    relays = [await startTestRelay(fresh, env), await startTestRelay(fresh, env)];
    await registerGym(relays[0]!, sim);
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.close()));
    await sim?.stop();
    await fresh?.drop();
  });

  it('delivers each event once per desk and answers each request once', async () => {
    const [a, b] = relays as [RunningRelay, RunningRelay];
    const gymId = String(sim.gymId);
    const deskOnA = new TestDesk(a.url, await deskToken(a, gymId, 'desk 1'));
    const deskOnB = new TestDesk(b.url, await deskToken(b, gymId, 'desk 2'));
    await Promise.all([deskOnA.connect(), deskOnB.connect()]);

    const slots = Array.from({ length: 5 }, () => sim.addSlot({ startsAt: new Date(Date.now() + 86_400_000), capacity: 15 }));
    const bookingNumbers: string[] = [];
    // Twelve deliveries in flight at a time, the way Wellhub's events for one gym trickle in.
    const send = async (index: number) => {
        const webhook = sim.requestBooking(slots[index % slots.length]!.id, { wellhubId: String(3_000_000_000_000 + index), name: 'Ana Lima' });
        bookingNumbers.push(webhook.bookingNumber);
        const [first, second] = index % 2 === 0 ? [a, b] : [b, a];
        const delivered = await deliverWebhook(`${first.url}/wellhub/webhooks/${gymId}`, webhook.body, webhook.signature);
        // Wellhub's retry of the same event reaching the other instance.
        const retried = await deliverWebhook(`${second.url}/wellhub/webhooks/${gymId}`, webhook.body, webhook.signature);
        expect([delivered.status, retried.status, retried.answer]).toEqual([200, 200, expect.anything()]);
        expect(retried.answer).toMatchObject({ status: 'duplicate' });
    };
    for (let wave = 0; wave < 120; wave += 12) await Promise.all(Array.from({ length: 12 }, (_, i) => send(wave + i)));

    // 120 webhooks + 120 decision notes.
    const total = 240;
    await Promise.all([deskOnA.until(() => deskOnA.lastSeq >= total, 20_000), deskOnB.until(() => deskOnB.lastSeq >= total, 20_000)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const desk of [deskOnA, deskOnB]) {
      expect(desk.events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
    expect(deskOnA.events.map((e) => e.body)).toEqual(deskOnB.events.map((e) => e.body));

    const patches = bookingPatches(sim);
    for (const bookingNumber of bookingNumbers) expect(patches.get(bookingNumber), bookingNumber).toHaveLength(1);
    const deciders = await a.db.selectFrom('booking_requests').select(['decided_by', 'outcome']).execute();
    expect(deciders).toHaveLength(120);
    expect(deciders.every((d) => d.decided_by === 'fallback')).toBe(true);
    // 24 requests for each slot of 15 places: both instances together confirm exactly 15, never 16.
    for (const slot of slots) {
      const statuses = [...sim.bookings.values()].filter((booking) => booking.slotId === slot.id).map((booking) => booking.status);
      expect(statuses.filter((status) => status === 'RESERVED'), `slot ${slot.id}`).toHaveLength(15);
      expect(statuses.filter((status) => status === 'REJECTED'), `slot ${slot.id}`).toHaveLength(9);
    }
    await Promise.all([deskOnA.close(), deskOnB.close()]);
  });
});
