import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordSet } from '../../src-shared/contract';
import type { Clock } from '../../src-main/core/clock';
import { ProviderError } from '../../src-main/core/provider-error';
import { createWellhubProvider, type WellhubProvider } from '../../src-main/core/providers/wellhub/wellhub-provider';
import { wellhubSignature } from '../../src-main/core/providers/wellhub/wellhub-webhooks';
import { WellhubSimulator } from '../simulators/wellhub-simulator';
import { providerFailure } from '../support/provider-failure';

/** Booking requests reach the desk as signed webhooks; the desk confirms, rejects or cancels them at Wellhub. */

const NOW = new Date('2026-03-27T09:00:00.000Z');
const http = { timeoutMs: 300, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };
const window = { from: '2026-03-26T23:00:00.000Z', to: '2026-04-02T22:00:00.000Z' };
const ACTION = '5b0c9a8e-0d7e-4c1f-9a55-0a4c2b9d7e11';

let sim: WellhubSimulator;
let baseUrl: string;
let minutesLater: number;
let wellhub: WellhubProvider;

function provider(): WellhubProvider {
  const clock: Clock = () => new Date(sim.clock().getTime() + minutesLater * 60_000);
  return createWellhubProvider({
    settings: { id: 'wellhub-berlin', provider: 'wellhub', label: 'Wellhub – Berlin', baseUrl, scopeId: String(sim.gymId), timeZone: 'Europe/Berlin' },
    apiKey: sim.token,
    clock,
    http,
  });
}

function errorOf(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

/** Tomorrow's 09:00 Yoga Flow. */
const slotTomorrow = () => sim.slots.find((s) => s.classId === 502 && s.occurMs === Date.parse('2026-03-28T08:00:00.000Z'))!;

function requestBooking(bookingNumber?: string) {
  const webhook = sim.requestBooking(slotTomorrow().id, { wellhubId: '1234567890123', name: 'Teste Silva', email: 'teste@example.com' }, bookingNumber);
  return { webhook, receipt: wellhub.receiveBookingWebhook(webhook.body, webhook.signature, sim.webhookSecret) };
}

beforeEach(async () => {
  sim = new WellhubSimulator({ now: NOW, clock: () => NOW });
  baseUrl = await sim.start();
  minutesLater = 0;
  wellhub = provider();
});

afterEach(async () => {
  await sim.stop();
});

describe('receiving Wellhub webhooks', () => {
  it('accepts only bodies signed with the secret (HMAC-SHA1, upper-case hex, also with 0X in front)', () => {
    const webhook = sim.requestBooking(slotTomorrow().id, { wellhubId: '1234567890123', name: 'Teste Silva' });
    expect(errorOf(() => wellhub.receiveBookingWebhook(webhook.body, webhook.signature, 'another-secret')).code).toBe('invalid_signature');
    expect(errorOf(() => wellhub.receiveBookingWebhook(webhook.body.replace('Teste', 'Teste2'), webhook.signature, sim.webhookSecret)).code).toBe('invalid_signature');
    expect(errorOf(() => wellhub.receiveBookingWebhook(webhook.body, undefined, sim.webhookSecret)).code).toBe('invalid_signature');
    expect(errorOf(() => wellhub.receiveBookingWebhook(webhook.body, webhook.signature.slice(0, 39), sim.webhookSecret)).code).toBe('invalid_signature');
    expect(wellhub.receiveBookingWebhook(Buffer.from(webhook.body), `0X${webhook.signature}`, sim.webhookSecret).applied).toBe(true);
    expect(sim.log).toHaveLength(0);
  });

  it('keeps a booking request as pending, with its 15-minute deadline, and shows it with its session', async () => {
    const { receipt, webhook } = requestBooking();
    expect(receipt).toMatchObject({ event: 'booking-requested', applied: true, confirmBy: '2026-03-27T09:15:00.000Z' });
    expect(wellhub.bookingRequests()).toMatchObject([{ bookingNumber: webhook.bookingNumber, confirmBy: '2026-03-27T09:15:00.000Z', requestedAt: '2026-03-27T09:00:00.000Z' }]);
    const { records } = await wellhub.fetchWindow(window);
    expect(() => RecordSet.omit({ deskActions: true, visits: true }).parse(records)).not.toThrow();
    expect(records.bookings).toEqual([
      {
        id: `wellhub-berlin:booking:${webhook.bookingNumber}`,
        connectionId: 'wellhub-berlin',
        sessionId: `wellhub-berlin:session:${slotTomorrow().id}`,
        memberId: 'wellhub-berlin:member:1234567890123',
        status: 'pending_confirmation',
        source: 'wellhub',
        decideBy: '2026-03-27T09:15:00.000Z',
        updatedAt: '2026-03-27T09:00:00.000Z',
      },
    ]);
    expect(records.members).toEqual([
      { id: 'wellhub-berlin:member:1234567890123', connectionId: 'wellhub-berlin', firstName: 'Teste', lastName: 'Silva', memberNumber: '1234567890123', email: 'teste@example.com' },
    ]);
    expect(records.sessions.some((s) => s.id === records.bookings[0]!.sessionId)).toBe(true);
  });

  it('ignores the same event delivered twice, and events it has no use for', () => {
    const { webhook } = requestBooking();
    expect(wellhub.receiveBookingWebhook(webhook.body, webhook.signature, sim.webhookSecret).applied).toBe(false);
    const other = JSON.stringify({ event_type: 'SYSTEM_INTEGRATION_REQUESTED', gym_id: 4711 });
    expect(wellhub.receiveBookingWebhook(other, sim.sign(other), sim.webhookSecret)).toEqual({ event: 'SYSTEM_INTEGRATION_REQUESTED', applied: false });
    expect(wellhub.bookingRequests()).toHaveLength(1);
  });

  it('refuses unreadable bodies and events of another gym', () => {
    const garbage = '{"event_type": "booking-requested", "event_data": {"slot": {}}}';
    expect(errorOf(() => wellhub.receiveBookingWebhook(garbage, sim.sign(garbage), sim.webhookSecret)).code).toBe('invalid_webhook');
    const notJson = 'booking please';
    expect(errorOf(() => wellhub.receiveBookingWebhook(notJson, sim.sign(notJson), sim.webhookSecret)).code).toBe('invalid_webhook');
    const elsewhere = JSON.parse(sim.requestBooking(slotTomorrow().id, { wellhubId: '1234567890123' }).body) as { event_data: { slot: { gym_id: number } } };
    elsewhere.event_data.slot.gym_id = 9;
    const body = JSON.stringify(elsewhere);
    expect(errorOf(() => wellhub.receiveBookingWebhook(body, sim.sign(body), sim.webhookSecret)).code).toBe('wrong_gym');
  });

  it('turns a cancellation in the app into a cancelled booking, late or not', () => {
    const { webhook } = requestBooking();
    const cancelled = sim.cancelBooking(webhook.bookingNumber, true);
    expect(wellhub.receiveBookingWebhook(cancelled.body, cancelled.signature, sim.webhookSecret).booking?.status).toBe('cancelled');
    expect(wellhub.bookingRequests()[0]).toMatchObject({ lateCancellation: true, booking: { status: 'cancelled' } });
  });
});

describe('answering booking requests at Wellhub (v2)', () => {
  it('confirms a request as RESERVED once, even when the desk action is retried', async () => {
    const { webhook } = requestBooking();
    const bookingId = `wellhub-berlin:booking:${webhook.bookingNumber}`;
    expect(await wellhub.confirmBookingRequest({ actionId: ACTION, bookingId })).toMatchObject({ id: bookingId, status: 'booked' });
    expect(await wellhub.confirmBookingRequest({ actionId: ACTION, bookingId })).toMatchObject({ status: 'booked' });
    const patches = sim.log.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ path: `/booking/v2/gyms/4711/bookings/${webhook.bookingNumber}`, body: { status: 'RESERVED' } });
    expect(sim.bookings.get(webhook.bookingNumber)?.status).toBe('RESERVED');
    expect((await wellhub.fetchWindow(window)).records.bookings[0]?.status).toBe('booked');
  });

  it('rejects with a reason category and Wellhub’s words for it, and refuses unknown categories before sending', async () => {
    const { webhook } = requestBooking();
    const bookingId = `wellhub-berlin:booking:${webhook.bookingNumber}`;
    expect(await providerFailure(wellhub.rejectBookingRequest({ actionId: ACTION, bookingId, reason: 'TOO_EARLY' }))).toMatchObject({ code: 'invalid_input' });
    expect(sim.log).toHaveLength(0);
    expect(await wellhub.rejectBookingRequest({ actionId: ACTION, bookingId, reason: 'class_is_full' })).toMatchObject({ status: 'rejected' });
    expect(sim.bookings.get(webhook.bookingNumber)).toMatchObject({
      status: 'REJECTED',
      reasonCategory: 'CLASS_IS_FULL',
      reason: 'Booking declined because the class is full',
    });
  });

  it("gives a synced booking Wellhub's own time of the change, and no time where only the desk's clock knows it", async () => {
    const { webhook } = requestBooking();
    const bookingId = `wellhub-berlin:booking:${webhook.bookingNumber}`;
    const bookingOf = async (id: string) => (await wellhub.fetchWindow(window)).records.bookings.find((b) => b.id === id);
    expect(await bookingOf(bookingId)).toMatchObject({ status: 'pending_confirmation', updatedAt: NOW.toISOString() });
    minutesLater = 3;
    // The desk's answer carries when it was given; a sync leaves the time to the store.
    expect(await wellhub.confirmBookingRequest({ actionId: ACTION, bookingId })).toMatchObject({ status: 'booked', updatedAt: '2026-03-27T09:03:00.000Z' });
    const confirmed = await bookingOf(bookingId);
    expect(confirmed?.status).toBe('booked');
    expect(confirmed?.updatedAt).toBeUndefined();

    // An event without Wellhub's timestamp: the moment it arrived is no time Wellhub said.
    const untimed = sim.requestBooking(slotTomorrow().id, { wellhubId: '1234567890124', name: 'Ana Souza' });
    const payload = JSON.parse(untimed.body) as { event_data: { timestamp?: number } };
    delete payload.event_data.timestamp;
    const body = JSON.stringify(payload);
    wellhub.receiveBookingWebhook(body, wellhubSignature(body, sim.webhookSecret), sim.webhookSecret);
    const second = await bookingOf(`wellhub-berlin:booking:${untimed.bookingNumber}`);
    expect(second?.status).toBe('pending_confirmation');
    expect(second?.updatedAt).toBeUndefined();
  });

  it('knows Wellhub has rejected a request nobody answered within 15 minutes', async () => {
    const { webhook } = requestBooking();
    const bookingId = `wellhub-berlin:booking:${webhook.bookingNumber}`;
    minutesLater = 16;
    const error = await providerFailure(wellhub.confirmBookingRequest({ actionId: ACTION, bookingId }));
    expect(error).toMatchObject({ code: 'conflict', retryable: false });
    expect(error.said).toMatchObject({ code: 'booking_request_turned_down', params: { provider: 'Wellhub' } });
    expect(sim.log).toHaveLength(0);
    const { records } = await wellhub.fetchWindow(window);
    expect(records.bookings[0]).toMatchObject({ status: 'rejected', updatedAt: '2026-03-27T09:15:00.000Z' });
  });

  it('cancels a confirmed booking as CANCELLED_BY_GYM, and will not cancel a request still waiting', async () => {
    const { webhook } = requestBooking();
    const bookingId = `wellhub-berlin:booking:${webhook.bookingNumber}`;
    expect(await providerFailure(wellhub.cancelBooking({ actionId: ACTION, bookingId }))).toMatchObject({ code: 'conflict' });
    await wellhub.confirmBookingRequest({ actionId: '6b0c9a8e-0d7e-4c1f-9a55-0a4c2b9d7e12', bookingId });
    expect(await wellhub.cancelBooking({ actionId: '7b0c9a8e-0d7e-4c1f-9a55-0a4c2b9d7e13', bookingId })).toMatchObject({ status: 'cancelled' });
    expect(sim.bookings.get(webhook.bookingNumber)?.status).toBe('CANCELLED_BY_GYM');
  });

  it('marks a confirmed booking checked in when the member checks in for it in the app', async () => {
    const { webhook } = requestBooking();
    const bookingId = `wellhub-berlin:booking:${webhook.bookingNumber}`;
    await wellhub.confirmBookingRequest({ actionId: ACTION, bookingId });
    const arrived = sim.checkInForBooking(webhook.bookingNumber);
    expect(wellhub.receiveBookingWebhook(arrived.body, arrived.signature, sim.webhookSecret).booking).toMatchObject({
      status: 'checked_in',
      checkedInAt: '2026-03-27T09:00:00.000Z',
    });
    const { records } = await wellhub.fetchWindow(window);
    expect(() => RecordSet.omit({ deskActions: true, visits: true }).parse(records)).not.toThrow();
    expect(records.bookings[0]?.status).toBe('checked_in');
  });

  it('says so when Wellhub does not know the booking (404) or the booking is not ours at all', async () => {
    const webhook = sim.requestBooking(slotTomorrow().id, { wellhubId: '1234567890123', name: 'Teste Silva' });
    sim.bookings.delete(webhook.bookingNumber);
    wellhub.receiveBookingWebhook(webhook.body, webhook.signature, sim.webhookSecret);
    const bookingId = `wellhub-berlin:booking:${webhook.bookingNumber}`;
    expect(await providerFailure(wellhub.confirmBookingRequest({ actionId: ACTION, bookingId }))).toMatchObject({
      code: 'not_found',
      said: { code: 'request_not_known', params: { provider: 'Wellhub' } },
      detail: { status: 404, providerCode: 'booking.notfound' },
    });
    expect(await providerFailure(wellhub.confirmBookingRequest({ actionId: ACTION, bookingId: 'wellhub-berlin:booking:nope' }))).toMatchObject({ code: 'not_found' });
  });
});
