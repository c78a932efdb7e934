import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../src/relay.ts';
import { backends, freshDatabase, type FreshDatabase } from './support/backends.ts';
import { addGym, deskToken, startTestRelay } from './support/relay-harness.ts';
import { openSocket, TestDesk } from './support/test-desk.ts';
import { deliverWebhook } from './support/wellhub-sender.ts';

/** The desk's WebSocket: its token, catch-up from its cursor after time offline, then live events, in order. */

const gymId = '4711';
const secret = 'desk-test-secret';

describe.each(backends)('desk socket on %s', (backend) => {
  let fresh: FreshDatabase;
  let relay: RunningRelay;
  let eventNumber = 0;

  const checkin = () => {
    const body = JSON.stringify({
      event_type: 'checkin',
      event_data: { user: { unique_token: String(1_000_000_000_000 + ++eventNumber), first_name: 'Ana', last_name: 'Lima' }, gym: { id: 4711, title: 'Gym' }, timestamp: Date.now(), event_id: `checkin-${eventNumber}` },
    });
    return { body, signature: createHmac('sha1', secret).update(body).digest('hex').toUpperCase() };
  };
  const post = async (count: number) => {
    const sent: string[] = [];
    for (let i = 0; i < count; i++) {
      const { body, signature } = checkin();
      const delivery = await deliverWebhook(`${relay.url}/wellhub/webhooks/${gymId}`, body, signature);
      expect(delivery.acknowledged).toBe(true);
      sent.push(body);
    }
    return sent;
  };

  beforeAll(async () => {
    fresh = await freshDatabase(backend);
    // The test posts a day's worth of webhooks from one address.
    relay = await startTestRelay(fresh, { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' });
    await addGym(relay, { id: gymId, webhookSecret: secret });
    await addGym(relay, { id: '4712', webhookSecret: 'other-gym-secret' });
  });
  afterAll(async () => {
    await relay?.close();
    await fresh?.drop();
  });

  it('refuses a wrong, missing or revoked desk token with 401', async () => {
    await expect(openSocket(relay.url, 'cdr_not-a-token')).rejects.toThrow('refused with 401');
    await expect(openSocket(relay.url, '')).rejects.toThrow('refused with 401');
    const token = await deskToken(relay, gymId);
    const desk = await relay.db.selectFrom('desk_tokens').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await relay.db.updateTable('desk_tokens').set({ revoked_at: new Date() }).where('id', '=', desk.id).execute();
    await expect(openSocket(relay.url, token)).rejects.toThrow('refused with 401');
    // The relay keeps serving.
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(200);
  });

  it('hands a desk back everything after its acknowledgement when it returns, in order, then live events', async () => {
    const token = await deskToken(relay, gymId);
    const otherGymDesk = new TestDesk(relay.url, await deskToken(relay, '4712'));
    await otherGymDesk.connect();

    const morning = await post(5);
    const desk = new TestDesk(relay.url, token);
    await desk.connect();
    await desk.until(() => desk.events.length >= 5);
    expect(desk.events.map((e) => e.body)).toEqual(morning);
    desk.send({ type: 'ack', seq: desk.lastSeq });
    const ackedAt = desk.lastSeq;
    // The ack is written before the desk goes away.
    await expect.poll(async () => (await relay.db.selectFrom('desk_tokens').select('acked_seq').where('acked_seq', '>', 0).execute()).length).toBe(1);
    await desk.close();

    // A day offline: more than one batch (500) arrives meanwhile.
    const whileAway = await post(620);

    const back = new TestDesk(relay.url, token);
    const welcome = await back.connect();
    expect(welcome).toMatchObject({ gymId, after: ackedAt });
    await back.until(() => back.events.length >= 620, 30_000);
    expect(back.events.map((e) => e.body)).toEqual(whileAway);
    expect(back.events.map((e) => e.seq)).toEqual(whileAway.map((_, i) => ackedAt + 1 + i));
    // The desk can check Wellhub's signature itself: the raw body and header come through untouched.
    for (const event of back.events.slice(0, 3)) expect(createHmac('sha1', secret).update(event.body).digest('hex').toUpperCase()).toBe(event.signature);

    const live = await post(3);
    await back.until(() => back.events.length >= 623);
    expect(back.events.slice(620).map((e) => e.body)).toEqual(live);
    expect(new Set(back.events.map((e) => e.seq)).size).toBe(back.events.length);
    // Another gym's desk saw none of it.
    expect(otherGymDesk.events).toEqual([]);
    await back.close();
    await otherGymDesk.close();
  });

  it('replays from the cursor the desk names (after: 0 = everything)', async () => {
    const desk = new TestDesk(relay.url, await deskToken(relay, gymId));
    await desk.connect(0);
    const last = await relay.db.selectFrom('gyms').select('last_seq').where('id', '=', gymId).executeTakeFirstOrThrow();
    await desk.until(() => desk.lastSeq === last.last_seq, 30_000);
    expect(desk.events.map((e) => e.seq)).toEqual(Array.from({ length: last.last_seq }, (_, i) => i + 1));
    await desk.close();
  });

  it('answers a frame it cannot read with a problem and keeps the connection', async () => {
    const desk = new TestDesk(relay.url, await deskToken(relay, gymId));
    await desk.connect();
    desk.sendRaw('{"type":"launch-rockets"}');
    await desk.until(() => desk.frames.some((f) => f.type === 'problem'));
    expect(desk.open).toBe(true);
    await desk.close();
  });
});
