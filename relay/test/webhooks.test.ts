import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../src/relay.ts';
import { backends, freshDatabase, type FreshDatabase } from './support/backends.ts';
import { addGym, startTestRelay } from './support/relay-harness.ts';
import { deliverWebhook } from './support/wellhub-sender.ts';

/** POST /wellhub/webhooks/:gymId over real HTTP: signatures, retries stored once, and bad input refused without harm. */

const gymId = '4711';
const secret = 'gym-4711-webhook-secret';
const sign = (body: string, key = secret) => createHmac('sha1', key).update(body).digest('hex').toUpperCase();

let bookingSequence = 0;
function bookingRequested(eventId: string | null = `evt-${++bookingSequence}`, bookingNumber = `BK_${bookingSequence}`): string {
  return JSON.stringify({
    event_type: 'booking-requested',
    event_data: {
      user: { unique_token: '1234567890123', name: 'Ana Lima', email: 'ana@example.com' },
      slot: { id: 13, gym_id: Number(gymId), class_id: 1, booking_number: bookingNumber },
      timestamp: Date.now(),
      ...(eventId ? { event_id: eventId } : {}),
    },
  });
}

describe.each(backends)('webhooks on %s', (backend) => {
  let fresh: FreshDatabase;
  let relay: RunningRelay;
  let url: string;
  const storedEvents = async () => relay.db.selectFrom('events').select(['seq', 'event_key', 'event_type']).orderBy('seq').execute();

  beforeAll(async () => {
    fresh = await freshDatabase(backend);
    relay = await startTestRelay(fresh, { BODY_LIMIT_BYTES: '4096' });
    await addGym(relay, { id: gymId, webhookSecret: secret });
    url = `${relay.url}/wellhub/webhooks/${gymId}`;
  });
  afterAll(async () => {
    await relay?.close();
    await fresh?.drop();
  });

  it('accepts Wellhub’s signature as upper-case hex, with a 0X prefix, and in lower case', async () => {
    const before = (await storedEvents()).length;
    const bodies = [bookingRequested(), bookingRequested(), bookingRequested(), bookingRequested()];
    const headers = [sign(bodies[0]!), `0X${sign(bodies[1]!)}`, sign(bodies[2]!).toLowerCase(), `0x${sign(bodies[3]!).toLowerCase()}`];
    for (const [index, body] of bodies.entries()) {
      const delivery = await deliverWebhook(url, body, headers[index]);
      expect(delivery, `signature form ${index}`).toMatchObject({ acknowledged: true, status: 200, answer: { status: 'stored' } });
    }
    expect((await storedEvents()).length).toBe(before + 4);
  });

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const before = await storedEvents();
    const body = bookingRequested();
    expect(await deliverWebhook(url, body, sign(body, 'another-secret'))).toMatchObject({ acknowledged: false, status: 401 });
    expect(await deliverWebhook(url, body, undefined)).toMatchObject({ acknowledged: false, status: 401, answer: { error: 'missing X-Gympass-Signature' } });
    // The right signature of a different body: a body changed on the way.
    expect(await deliverWebhook(url, body.replace('Ana', 'Eve'), sign(body))).toMatchObject({ status: 401 });
    expect(await deliverWebhook(url, body, `0X${sign(body).slice(2)}`)).toMatchObject({ status: 401 });
    expect(await storedEvents()).toEqual(before);
  });

  it('stores a retried delivery once (same event_id), and answers the retry 200 with the same seq', async () => {
    const body = bookingRequested('evt-retried');
    const first = await deliverWebhook(url, body, sign(body));
    const retries = await Promise.all([1, 2, 3].map(() => deliverWebhook(url, body, sign(body))));
    const seq = (first.answer as { seq: number }).seq;
    expect(first.answer).toMatchObject({ status: 'stored' });
    for (const retry of retries) expect(retry.answer).toEqual({ status: 'duplicate', seq });
    expect((await storedEvents()).filter((e) => e.event_key === 'id:evt-retried')).toHaveLength(1);
    expect(await relay.db.selectFrom('booking_requests').select('booking_number').where('booking_number', '=', `BK_${bookingSequence}`).execute()).toHaveLength(1);
  });

  it('derives the identity from type, booking and timestamp when there is no event_id', async () => {
    const body = bookingRequested(null, 'BK_NO_ID');
    await deliverWebhook(url, body, sign(body));
    await deliverWebhook(url, body, sign(body));
    const stored = (await storedEvents()).filter((e) => e.event_key.startsWith('derived:booking-requested:BK_NO_ID:'));
    expect(stored).toHaveLength(1);
  });

  it('answers bad input clearly, stores none of it, and keeps serving', async () => {
    const before = await storedEvents();
    const huge = JSON.stringify({ event_type: 'booking-requested', event_data: { padding: 'x'.repeat(10_000) } });
    expect(await deliverWebhook(url, huge, sign(huge))).toMatchObject({ status: 413 });
    const notJson = '{"event_type": "booking-requested",';
    expect(await deliverWebhook(url, notJson, sign(notJson))).toMatchObject({ status: 400, answer: { error: 'the body is not JSON' } });
    const misshapen = JSON.stringify({ event_type: 'booking-requested', event_data: { slot: { id: 'thirteen' } } });
    expect(await deliverWebhook(url, misshapen, sign(misshapen))).toMatchObject({ status: 400 });
    const unknownType = JSON.stringify({ event_type: 'SYSTEM_INTEGRATION_REQUESTED', event_data: {} });
    expect(await deliverWebhook(url, unknownType, sign(unknownType))).toMatchObject({ status: 200, answer: { status: 'ignored' } });
    const body = bookingRequested();
    expect(await deliverWebhook(`${relay.url}/wellhub/webhooks/999`, body, sign(body))).toMatchObject({ status: 404, answer: { error: 'unknown gym' } });
    expect(await deliverWebhook(`${relay.url}/wellhub/webhooks/not-a-gym`, body, sign(body))).toMatchObject({ status: 404 });
    expect(await storedEvents()).toEqual(before);

    const after = await deliverWebhook(url, body, sign(body));
    expect(after).toMatchObject({ status: 200, answer: { status: 'stored', seq: before.at(-1)!.seq + 1 } });
  });

  it('answers the probes', async () => {
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${relay.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});

describe.each(backends)('rate limit on %s', (backend) => {
  it('answers 429 with Retry-After past the burst, stores nothing then, and serves the address again later', async () => {
    const fresh = await freshDatabase(backend);
    const relay = await startTestRelay(fresh, { RATE_LIMIT_PER_SECOND: '2', RATE_LIMIT_BURST: '3' });
    try {
      await addGym(relay, { id: gymId, webhookSecret: secret });
      const url = `${relay.url}/wellhub/webhooks/${gymId}`;
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const body = bookingRequested();
        answers.push(await fetch(url, { method: 'POST', headers: { 'x-gympass-signature': sign(body) }, body }));
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
      expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await relay.db.selectFrom('events').select('seq').execute()).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const body = bookingRequested();
      expect((await fetch(url, { method: 'POST', headers: { 'x-gympass-signature': sign(body) }, body })).status).toBe(200);
    } finally {
      await relay.close();
      await fresh.drop();
    }
  });
});
