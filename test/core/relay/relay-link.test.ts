import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskAction, type Booking } from '../../../src-shared/domain';
import type { ChangeSet } from '../../../src-shared/contract';
import { bookingPatches } from '../../../relay/test/support/wellhub-world.ts';
import { value } from '../../support/command-answer';
import { testCredentials } from '../../support/test-credentials';
import { bookingIdOf, connection, connectionId, openDesk, RelayWorld, snapshot, wellhubSettings, type Desk } from './relay-world';

/**
 * The desk's side of the Wellhub relay against the real relay (in process, on PGlite) and the Wellhub
 * simulator: what Wellhub posts to the relay reaches the core's store and change feed, survives
 * restarts of the core and outages of the relay without loss or doubling, and the desk's answers go
 * to Wellhub through the relay, once. The tests run in order and share one world.
 */

const minute = 60_000;
let world: RelayWorld;
let desk: Desk;
let deskDir: string;
const member = (n: number) => ({ wellhubId: String(1_000_000_000_000 + n), name: `Ana Lima${n}` });
const tomorrow = () => new Date(Date.now() + 24 * 3_600_000);
let slotId: number;
const numbers: Record<'first' | 'second' | 'third', string> = { first: '', second: '', third: '' };

const bookingIn = async (bookingNumber: string): Promise<Booking | undefined> =>
  (await snapshot(desk.core)).records.bookings.find((b) => b.id === bookingIdOf(bookingNumber));
const relayState = async () => (await connection(desk.core))?.relay?.state;
const ackedSeq = async () => (await world.relay!.db.selectFrom('desk_tokens').select('acked_seq').executeTakeFirstOrThrow()).acked_seq;
const lastSeq = async () => (await world.relay!.db.selectFrom('gyms').select('last_seq').executeTakeFirstOrThrow()).last_seq;

beforeAll(async () => {
  world = await RelayWorld.start();
  slotId = world.sim.addSlot({ startsAt: tomorrow(), capacity: 2, booked: 0 }).id;
  deskDir = await world.dataDir();
  desk = await openDesk(deskDir);
  value(await desk.core.handle('saveConnection', { settings: wellhubSettings(world), apiKey: world.sim.token, relayDeskToken: world.deskToken }));
}, 60_000);

afterAll(async () => {
  await desk?.core.close();
  await world?.close();
});

describe('the desk linked to its Wellhub relay', { timeout: 30_000 }, () => {
  it('shows the link connected on the connection, with the relay’s timing, and never the token', async () => {
    await expect.poll(relayState, { timeout: 5_000 }).toBe('connected');
    const linked = await connection(desk.core);
    expect(linked).toMatchObject({ hasRelayToken: true, relay: { state: 'connected', fallbackDelayMs: 10 * minute, wellhubDeadlineMs: 15 * minute } });
    expect(JSON.stringify(linked)).not.toContain(world.deskToken);
    expect(JSON.stringify(desk.events)).not.toContain(world.deskToken);
    expect(desk.logs.join('\n')).not.toContain(world.deskToken);
  });

  it('turns a signed booking request posted to the relay into a pending booking with its deadlines, within a second, while Wellhub’s API fails', async () => {
    // Wellhub's Booking API answers nothing but 503 now: the request must not wait for a sync.
    world.sim.faults.serverErrors = { count: 10_000, status: 503 };
    const webhook = world.sim.requestBooking(slotId, member(1));
    numbers.first = webhook.bookingNumber;
    const postedAt = Date.now();
    await world.post(webhook);
    await expect.poll(() => bookingIn(webhook.bookingNumber), { timeout: 1_000, interval: 25 }).toBeDefined();
    const arrivedMs = Date.now() - postedAt;
    world.sim.faults.serverErrors = { count: 0, status: 503 };

    const booking = (await bookingIn(webhook.bookingNumber))!;
    expect(booking).toMatchObject({ status: 'pending_confirmation', source: 'wellhub', sessionId: `${connectionId}:session:${slotId}` });
    const requestedMs = Date.parse(booking.updatedAt);
    expect(Date.parse(booking.decideBy!)).toBe(requestedMs + 15 * minute);
    // The relay's fallback counts from Wellhub's time or receipt, whichever came first.
    expect(Date.parse(booking.fallbackAt!)).toBeGreaterThan(requestedMs + 10 * minute - 5_000);
    expect(Date.parse(booking.fallbackAt!)).toBeLessThanOrEqual(requestedMs + 10 * minute);
    expect(arrivedMs).toBeLessThan(1_000);
    // …and it went out to the renderers as a change, with its member.
    const changes = desk.events.flatMap((event) => (event.name === 'changes' ? [event.payload as ChangeSet] : []));
    expect(changes.some((c) => c.upserts.bookings?.some((b) => b.id === booking.id && b.status === 'pending_confirmation'))).toBe(true);
    expect(changes.some((c) => c.upserts.members?.some((m) => m.id === booking.memberId))).toBe(true);
    await expect.poll(ackedSeq).toBe(await lastSeq());
  });

  it('sends a Confirm through the relay: exactly one PATCH reaches Wellhub and the booking is booked', async () => {
    const bookingId = bookingIdOf(numbers.first);
    const action = DeskAction.parse(value(await desk.core.handle('confirmBookingRequest', { actionId: randomUUID(), bookingId })));
    expect(action.state).toBe('confirmed');
    expect((await bookingIn(numbers.first))?.status).toBe('booked');
    expect(world.sim.bookings.get(numbers.first)?.status).toBe('RESERVED');
    // The relay's own note about it comes back as an event; nothing is sent a second time.
    await expect.poll(ackedSeq).toBe(await lastSeq());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bookingPatches(world.sim).get(numbers.first)).toHaveLength(1);
    expect((await bookingIn(numbers.first))?.status).toBe('booked');
  });

  it('sends the class’s numbers for the relay’s fallback after a sync', async () => {
    // The class filled up in the main system (Wellhub's slot says so): the relay must not confirm into it.
    world.sim.slot(slotId)!.totalBooked = 2;
    const booked = async () => {
      value(await desk.core.handle('syncNow', {}));
      return (await snapshot(desk.core)).records.sessions.find((s) => s.id === `${connectionId}:session:${slotId}`)?.booked;
    };
    await expect.poll(booked, { timeout: 5_000 }).toBe(2);
    const told = () => world.relay!.db.selectFrom('slot_capacity').selectAll().where('slot_id', '=', slotId).executeTakeFirst();
    await expect.poll(async () => (await told())?.total_booked, { timeout: 3_000 }).toBe(2);
    expect((await told())?.total_capacity).toBe(2);
    // The sync replaced the class's roster with what the adapter holds: the request is still there.
    expect((await bookingIn(numbers.first))?.status).toBe('booked');
  });

  it('keeps a check-in from the Wellhub app as a pending visit, and marks it validated when the desk validates it', async () => {
    const wellhubId = '2000000000001';
    await world.post(world.sim.checkIn({ wellhubId, firstName: 'Bea', lastName: 'Kunz' }));
    const visitOf = async () => (await snapshot(desk.core)).records.visits.find((v) => v.memberId === `${connectionId}:member:${wellhubId}`);
    await expect.poll(visitOf, { timeout: 2_000 }).toBeDefined();
    const visit = (await visitOf())!;
    expect(visit.id).toBe(`${connectionId}:visit:${wellhubId}:${visit.checkedInAt}`);
    expect(Date.parse(visit.validateBy) - Date.parse(visit.checkedInAt)).toBe(20 * minute);
    expect(visit.validatedAt).toBeUndefined();

    const action = DeskAction.parse(value(await desk.core.handle('validateVisit', { actionId: randomUUID(), connectionId, visitorId: wellhubId })));
    expect(action.state).toBe('confirmed');
    expect((await visitOf())?.validatedAt).toBe(action.updatedAt);
  });

  it('keeps its requests across a restart with the relay down, queues a decision, and catches up in order without doubles when the relay is back', async () => {
    const second = world.sim.requestBooking(slotId, member(2));
    numbers.second = second.bookingNumber;
    await world.post(second);
    await expect.poll(() => bookingIn(second.bookingNumber), { timeout: 2_000 }).toBeDefined();
    await expect.poll(ackedSeq).toBe(await lastSeq());

    // The desk closes; meanwhile the first member cancels in the app and a third asks to book.
    await desk.core.close();
    await world.post(world.sim.cancelBooking(numbers.first));
    const third = world.sim.requestBooking(slotId, member(3));
    numbers.third = third.bookingNumber;
    await world.post(third);
    const seqWhileAway = await lastSeq();
    await world.stopRelay();

    // Restarted with the relay down: what the store kept is all there, Confirm still works (queued).
    desk = await openDesk(deskDir);
    await expect.poll(relayState, { timeout: 3_000 }).toBe('unreachable');
    expect((await bookingIn(numbers.first))?.status).toBe('booked');
    expect((await bookingIn(numbers.second))?.status).toBe('pending_confirmation');
    expect(await bookingIn(numbers.third)).toBeUndefined();
    const queued = DeskAction.parse(value(await desk.core.handle('confirmBookingRequest', { actionId: randomUUID(), bookingId: bookingIdOf(numbers.second) })));
    expect(queued.state).toBe('accepted');
    expect(bookingPatches(world.sim).get(numbers.second)).toBeUndefined();

    // The relay is back: the link catches up from its cursor and the queued answer goes out once.
    await world.startRelay();
    await expect.poll(relayState, { timeout: 5_000 }).toBe('connected');
    await expect.poll(async () => (await bookingIn(numbers.third))?.status, { timeout: 3_000 }).toBe('pending_confirmation');
    expect((await bookingIn(numbers.first))?.status).toBe('cancelled');
    const queuedState = async () => (await snapshot(desk.core)).records.deskActions.find((a) => a.id === queued.id)?.state;
    await expect.poll(queuedState, { timeout: 5_000 }).toBe('confirmed');
    expect((await bookingIn(numbers.second))?.status).toBe('booked');
    await expect.poll(ackedSeq).toBe(await lastSeq());
    expect(await lastSeq()).toBeGreaterThan(seqWhileAway);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bookingPatches(world.sim).get(numbers.second)).toHaveLength(1);
    // Each request is one booking, whatever was replayed.
    const ids = (await snapshot(desk.core)).records.bookings.filter((b) => b.connectionId === connectionId).map((b) => b.id);
    expect(ids.sort()).toEqual([numbers.first, numbers.second, numbers.third].map((n) => bookingIdOf(n)).sort());
  });

  it('shows a desk token the relay refuses as refused on the connection', async () => {
    const other = 'wellhub-refused';
    value(await desk.core.handle('saveConnection', { settings: wellhubSettings(world, other), apiKey: world.sim.token, relayDeskToken: 'not-a-desk-token' }));
    await expect.poll(async () => (await connection(desk.core, other))?.relay?.state, { timeout: 5_000 }).toBe('refused');
    expect((await connection(desk.core, other))?.relay?.problem).toEqual({ code: 'relay_token_refused' });
    expect(desk.logs.join('\n')).not.toContain('not-a-desk-token');
    // The connection that works is not disturbed by it.
    expect(await relayState()).toBe('connected');
  });
  it('refuses a relay on another system’s connection, and forgets the desk token and stops the link with the connection', async () => {
    const zenoti = { id: 'zenoti-main', provider: 'zenoti', label: 'Zenoti', scopeId: 'center-1', timeZone: 'UTC', relayUrl: world.relayUrl };
    const refused = await desk.core.handle('saveConnection', { settings: zenoti, apiKey: 'zk-1' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatchObject({ code: 'relay_only_for_wellhub' });
    expect(await connection(desk.core, 'zenoti-main')).toBeUndefined();

    const credentials = testCredentials(deskDir);
    expect(await credentials.read('relay-desk-token:wellhub-refused')).toBe('not-a-desk-token');
    value(await desk.core.handle('removeConnection', { id: 'wellhub-refused' }));
    expect(await credentials.read('relay-desk-token:wellhub-refused')).toBeUndefined();
    expect(await credentials.read(`relay-desk-token:${connectionId}`)).toBe(world.deskToken);
    value(await desk.core.handle('removeConnection', { id: connectionId }));
    expect(await credentials.read(`relay-desk-token:${connectionId}`)).toBeUndefined();
  });
});
