import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Member, Session } from '../../src-shared/domain';
import { createWellhubProvider, type WellhubProvider } from '../../src-main/core/providers/wellhub/wellhub-provider';
import { visitAnswersByKey, wrongWellhubIdMessage } from '../../src-main/core/providers/wellhub/wellhub-visit-answers';
import { WellhubSimulator } from '../simulators/wellhub-simulator';
import { providerFailure } from '../support/provider-failure';

/** What the desk does with Wellhub beyond reading the timetable: publishing slots, counts, validating visits. */

const NOW = new Date('2026-03-27T09:00:00.000Z');
const http = { timeoutMs: 300, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };

let sim: WellhubSimulator;
let wellhub: WellhubProvider;

function provider(apiKey = sim.token): WellhubProvider {
  return createWellhubProvider({
    settings: { id: 'wellhub-berlin', provider: 'wellhub', label: 'Wellhub – Berlin', baseUrl, scopeId: String(sim.gymId), timeZone: 'Europe/Berlin' },
    apiKey,
    clock: sim.clock,
    http,
  });
}
let baseUrl: string;

/** A class of the gym's main system (another connection), Monday after the change to summer time, 18:00 in Berlin. */
function mainSystemSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 'magicline-berlin:session:9001',
    connectionId: 'magicline-berlin',
    locationId: 'magicline-berlin:location:1',
    classTypeId: 'magicline-berlin:class-type:7',
    title: 'Cycle',
    room: 'Bike Studio',
    startsAt: '2026-03-30T16:00:00.000Z',
    endsAt: '2026-03-30T16:45:00.000Z',
    capacity: 20,
    booked: 3,
    waitlisted: 0,
    status: 'scheduled',
    bookingOpensAt: '2026-03-23T16:00:00.000Z',
    bookingClosesAt: '2026-03-30T15:30:00.000Z',
    cancellationDeadline: '2026-03-30T14:00:00.000Z',
    ...overrides,
  };
}

const target = { classId: 501, productId: 101, instructors: [{ name: 'Axel Brand' }] };

beforeEach(async () => {
  sim = new WellhubSimulator({ now: NOW });
  baseUrl = await sim.start();
  wellhub = provider();
});

afterEach(async () => {
  await sim.stop();
});

describe('publishing the main system’s classes as Wellhub slots', () => {
  it('creates a slot in the gym’s local time and reads back what Wellhub stored', async () => {
    const published = await wellhub.publishSlot(mainSystemSession(), target);
    const post = sim.log.find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({
      occur_date: '2026-03-30T18:00:00+02:00',
      room: 'Bike Studio',
      status: 1,
      length_in_minutes: 45,
      total_capacity: 20,
      total_booked: 3,
      product_id: 101,
      booking_window: { opens_at: '2026-03-23T17:00:00+01:00', closes_at: '2026-03-30T17:30:00+02:00' },
      cancellable_until: '2026-03-30T16:00:00+02:00',
      instructors: [{ name: 'Axel Brand', substitute: false }],
    });
    expect(published).toMatchObject({ classId: 501, created: true });
    expect(sim.slot(published.slotId)?.occurMs).toBe(Date.parse('2026-03-30T16:00:00.000Z'));
    expect(Session.parse(published.session)).toMatchObject({
      id: `wellhub-berlin:session:${published.slotId}`,
      startsAt: '2026-03-30T16:00:00.000Z',
      endsAt: '2026-03-30T16:45:00.000Z',
      bookingClosesAt: '2026-03-30T15:30:00.000Z',
    });
  });

  it('finds its own slot after Wellhub calls a second create a duplicate (409), and updates it instead', async () => {
    const first = await wellhub.publishSlot(mainSystemSession(), target);
    const second = await wellhub.publishSlot(mainSystemSession({ capacity: 24 }), target);
    expect(second).toMatchObject({ slotId: first.slotId, created: false });
    expect(sim.slots.filter((s) => s.occurMs === Date.parse('2026-03-30T16:00:00.000Z') && s.classId === 501)).toHaveLength(1);
    expect(sim.slot(first.slotId)?.totalCapacity).toBe(24);
    const third = await wellhub.publishSlot(mainSystemSession({ status: 'cancelled' }), { ...target, slotId: first.slotId });
    expect(third.session.status).toBe('cancelled');
    expect(sim.log.at(-1)).toMatchObject({ method: 'PUT', path: `/booking/v1/gyms/4711/classes/501/slots/${first.slotId}` });
  });

  it('refuses, before sending, classes Wellhub would not take', async () => {
    expect(await providerFailure(wellhub.publishSlot(mainSystemSession({ startsAt: '2026-03-27T08:00:00.000Z', endsAt: '2026-03-27T09:00:00.000Z' }), target))).toMatchObject({
      code: 'invalid_input',
      said: { code: 'wellhub_class_started' },
    });
    expect(await providerFailure(wellhub.publishSlot(mainSystemSession({ endsAt: '2026-03-30T20:00:00.000Z' }), target))).toMatchObject({ code: 'invalid_input' });
    expect(sim.log).toHaveLength(0);
  });

  it('passes on Wellhub’s refusals (422 product, 404 class) in plain words', async () => {
    const product = await providerFailure(wellhub.publishSlot(mainSystemSession(), { ...target, productId: 999 }));
    expect(product).toMatchObject({ retryable: false, detail: { status: 422, providerCode: 'slot.product.invalid' } });
    expect(product.said.code).toBe('class_product_refused');
    const missing = await providerFailure(wellhub.publishSlot(mainSystemSession(), { ...target, classId: 999 }));
    expect(missing).toMatchObject({ code: 'not_found', retryable: false, said: { code: 'class_not_known', params: { provider: 'Wellhub', detail: 'Class not found' } } });
  });

  it('updates the booked and capacity numbers of a slot, and keeps Wellhub’s validation message', async () => {
    const slot = sim.slots.find((s) => s.occurMs > NOW.getTime() && s.totalCapacity === 20)!;
    await wellhub.updateSlotCounts(slot.classId, slot.id, { totalBooked: 7 });
    expect(sim.slotPatches).toEqual([{ slotId: slot.id, body: { total_booked: 7 } }]);
    expect(slot.totalBooked).toBe(7);
    const refused = await providerFailure(wellhub.updateSlotCounts(slot.classId, slot.id, { totalBooked: 21 }));
    expect(refused).toMatchObject({ retryable: false, detail: { status: 400, providerCode: 'slot.total_booked.invalid' } });
    expect(refused.said).toEqual({ code: 'class_refused', params: { detail: 'total_booked should be less or equal than total_capacity' } });
    const before = sim.log.length;
    expect(await providerFailure(wellhub.updateSlotCounts(slot.classId, slot.id, { totalBooked: 9, totalCapacity: 8 }))).toMatchObject({ code: 'invalid_input' });
    expect(sim.log).toHaveLength(before);
  });
});

describe('validating Wellhub visits at the door', () => {
  it('rejects an id that is not 13 digits without asking Wellhub', async () => {
    expect(await wellhub.validateVisit('12345')).toEqual({ valid: false, said: wrongWellhubIdMessage });
    expect(await wellhub.validateVisit('1234567890123a')).toEqual({ valid: false, said: wrongWellhubIdMessage });
    expect(sim.log).toHaveLength(0);
  });

  it('validates a check-in once, names the member from the check-in webhook, and counts a repeat as done', async () => {
    const webhook = sim.checkIn({ wellhubId: '1234321567890', firstName: 'Ana', lastName: 'Souza' });
    wellhub.receiveBookingWebhook(webhook.body, webhook.signature, sim.webhookSecret);
    expect(wellhub.pendingVisits().map((v) => v.member.memberNumber)).toEqual(['1234321567890']);
    const first = await wellhub.validateVisit('1234 3215 67890');
    expect(first).toMatchObject({ valid: true, said: { code: 'visit_validated', params: { product: 'Swimming' } } });
    expect(Member.parse(first.member)).toMatchObject({ firstName: 'Ana', lastName: 'Souza', memberNumber: '1234321567890' });
    const request = sim.log.find((r) => r.path === '/access/v1/validate')!;
    expect(request.headers['x-gym-id']).toBe('4711');
    expect(request.body).toEqual({ gympass_id: '1234321567890' });
    expect(sim.validations.map((v) => v.gympassId)).toEqual(['1234321567890']);
    expect(await wellhub.validateVisit('1234321567890')).toMatchObject({ valid: true, said: visitAnswersByKey['checkin.already.validated']!.said });
    expect(sim.validations).toHaveLength(1);
  });

  it('says in plain words why Wellhub did not validate: not found, cancelled, expired', async () => {
    expect(await wellhub.validateVisit('1111111111111')).toEqual({ valid: false, said: visitAnswersByKey['checkin.validation.notfound']!.said });
    sim.checkIn({ wellhubId: '1234321567894' });
    sim.cancelCheckIn('1234321567894');
    expect(await wellhub.validateVisit('1234321567894')).toEqual({ valid: false, said: visitAnswersByKey['checkin.validation.canceled']!.said });
    sim.checkIn({ wellhubId: '1234321567887' }, 25);
    expect(await wellhub.validateVisit('1234321567887')).toEqual({ valid: false, said: visitAnswersByKey['checkin.validation.expired']!.said });
    expect(sim.validations).toHaveLength(0);
  });

  it('throws, not answers, when the key is wrong', async () => {
    expect(await providerFailure(provider('nope').validateVisit('1234321567890'))).toMatchObject({ code: 'unauthorized', retryable: false });
  });
});
