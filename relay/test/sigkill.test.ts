import { createServer } from 'node:net';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/database.ts';
import { backends, freshDatabase, type FreshDatabase } from './support/backends.ts';
import { ReconnectingDesk } from './support/reconnecting-desk.ts';
import { seedGym, testEnv } from './support/relay-harness.ts';
import { spawnRelay, waitReady, type RelayProcess } from './support/relay-process.ts';
import { deliverWebhook } from './support/wellhub-sender.ts';
import { startWellhub } from './support/wellhub-world.ts';

/**
 * The relay process is killed with SIGKILL again and again while Wellhub sends
 * 1,000 webhooks with its retry behaviour (1 s, then 3 tries at once). Whatever
 * the relay acknowledged is kept and reaches the desk exactly once, in order;
 * every booking request is answered before Wellhub's deadline (fast clock:
 * fallback after 1.5 s, deadline 20 s. The relay is down most of the run (a PGlite restart after SIGKILL
 * takes 1.5–3 s on this machine, and it is killed 0.5–1.2 s after each start), so every restart is worth
 * minutes of Wellhub's real 15).
 */

const webhookCount = 1_000;
const minimumKills = 10;
const fallbackDelayMs = 1_500;
const deadlineMs = 20_000;

describe.each(backends)('SIGKILL while webhooks arrive, on %s', (backend) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(`loses no acknowledged event, delivers none twice, answers every request in time (${webhookCount} webhooks, ≥ ${minimumKills} kills)`, { timeout: 120_000 }, async () => {
    const fresh: FreshDatabase = await freshDatabase(backend);
    cleanups.push(() => fresh.drop());
    const { sim, url: wellhubUrl } = await startWellhub();
    cleanups.push(() => sim.stop());
    const gymId = String(sim.gymId);
    const deskToken = await seedGym(fresh, { id: gymId, webhookSecret: sim.webhookSecret, wellhubToken: sim.token });

    const port = await freePort();
    const relayUrl = `http://127.0.0.1:${port}`;
    const env = testEnv(fresh, {
      PORT: String(port),
      WELLHUB_BASE_URL: wellhubUrl,
      FALLBACK_DELAY_MS: String(fallbackDelayMs),
      WELLHUB_DEADLINE_MS: String(deadlineMs),
      FALLBACK_POLL_MS: '100',
      CLAIM_LEASE_MS: '1000',
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
    });
    let relay: RelayProcess = spawnRelay(env);
    cleanups.push(async () => relay.child.kill('SIGKILL'));
    await waitReady(relay, relayUrl);
    const desk = new ReconnectingDesk(relayUrl, deskToken);
    desk.start();
    cleanups.push(async () => desk.stop());

    // Wellhub's side: requests over 60 slots, some cancellations, check-ins.
    const slots = Array.from({ length: 60 }, () => sim.addSlot({ startsAt: new Date(Date.now() + 86_400_000), capacity: 10 }));
    const acknowledged = new Map<string, string>();
    const requested: string[] = [];
    let sending = true;
    const sender = (async () => {
      let member = 0;
      const next = () => {
        const roll = member++ % 10;
        if (roll === 8 && requested.length > 0) return sim.cancelBooking(requested[Math.floor(Math.random() * requested.length)]!);
        if (roll === 9) return sim.checkIn({ wellhubId: String(4_000_000_000_000 + member) });
        const webhook = sim.requestBooking(slots[member % slots.length]!.id, { wellhubId: String(4_000_000_000_000 + member), name: 'Ana Lima' });
        requested.push(webhook.bookingNumber);
        return webhook;
      };
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; i < webhookCount; i++) {
        const webhook = next();
        const delivery = deliverWebhook(`${relayUrl}/wellhub/webhooks/${gymId}`, webhook.body, webhook.signature).then((result) => {
          if (result.acknowledged) acknowledged.set((JSON.parse(webhook.body) as { event_data: { event_id: string } }).event_data.event_id, webhook.body);
          inFlight.delete(delivery);
        });
        inFlight.add(delivery);
        // About 80 a second, 8 at most in flight: the kills fall all through the run.
        if (inFlight.size >= 8) await Promise.race(inFlight);
        await new Promise((resolve) => setTimeout(resolve, 12));
      }
      await Promise.all(inFlight);
      sending = false;
    })();

    let kills = 0;
    while (sending || kills < minimumKills) {
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 700));
      relay.child.kill('SIGKILL');
      expect((await relay.exited).signal).toBe('SIGKILL');
      kills++;
      relay = spawnRelay(env);
      await waitReady(relay, relayUrl);
    }
    await sender;
    const lastSendAt = Date.now();

    // Let the last requests reach their fallback time, then stop the relay the polite way.
    await new Promise((resolve) => setTimeout(resolve, fallbackDelayMs + 1_500));
    let quietSince = desk.lastSeq;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (desk.lastSeq === quietSince) break;
      quietSince = desk.lastSeq;
    }
    desk.stop();
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - lastSendAt).toBeLessThan(deadlineMs + 10_000);

    const store = await openStore(fresh.database, pino({ level: 'silent' }));
    cleanups.push(() => store.close());
    const lastSeq = (await store.db.selectFrom('gyms').select('last_seq').where('id', '=', gymId).executeTakeFirstOrThrow()).last_seq;
    const requests = await store.db.selectFrom('booking_requests').selectAll().execute();

    expect(kills).toBeGreaterThanOrEqual(minimumKills);
    // Enough got through for the run to mean something (the rest met a relay that was down for all
    // four of Wellhub's tries, which Wellhub then gives up on: not acknowledged, nothing promised).
    expect(acknowledged.size).toBeGreaterThan(webhookCount / 4);
    // None delivered twice, none skipped, and the desk saw all there is.
    expect(desk.breaches).toEqual([]);
    // It came back through the restarts (it may miss a short-lived one entirely).
    expect(desk.connections).toBeGreaterThan(kills / 2);
    expect(desk.lastSeq).toBe(lastSeq);
    // No acknowledged event lost: each is in the desk's stream, once.
    const seen = new Map<string, number>();
    for (const event of desk.events) {
      if (event.eventType === 'relay-decision') continue;
      const id = (JSON.parse(event.body) as { event_data: { event_id: string } }).event_data.event_id;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    for (const id of acknowledged.keys()) expect(seen.get(id), id).toBe(1);
    // Every request answered (or withdrawn by the member) before Wellhub's deadline, and the desk told.
    const notes = new Set(desk.events.filter((e) => e.eventType === 'relay-decision').map((e) => (JSON.parse(e.body) as { bookingNumber: string }).bookingNumber));
    const slowest = Math.max(...requests.map((r) => (r.decided_at?.getTime() ?? Date.now()) - r.fallback_at.getTime()));
    for (const request of requests) {
      expect(request.decided_at, request.booking_number).not.toBeNull();
      expect(request.decided_at!.getTime(), request.booking_number).toBeLessThan(request.deadline_at.getTime());
      if (request.outcome !== 'canceled') {
        expect(['confirmed', 'rejected', 'failed']).toContain(request.outcome);
        expect(notes.has(request.booking_number), request.booking_number).toBe(true);
      }
    }
    console.log(`${backend}: ${kills} kills, ${acknowledged.size}/${webhookCount} webhooks acknowledged, ${requests.length} requests answered (slowest ${slowest} ms after its fallback time), ${desk.connections} desk connections`);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
