import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pino from 'pino';
import { WellhubSimulator } from '../../test/simulators/wellhub-simulator.ts';
import type { SimClass, SimSlot } from '../../test/simulators/wellhub-simulator-state.ts';
import { readConfig } from '../src/config.ts';
import { createDeskToken, saveGym } from '../src/gyms.ts';
import { startRelay, type RunningRelay } from '../src/relay.ts';

/**
 * Wellhub's side of the demo: the project's Wellhub simulator (the Booking API as
 * its documents describe it, webhooks signed like Wellhub's) and a relay on
 * embedded PGlite that takes those webhooks and hands them to the desk. Members
 * of the simulated gym ask for places now and then, so a new user sees requests
 * arrive with their countdowns without any Wellhub account. Used by
 * `npm run demo:wellhub` and by the desk's end-to-end test of the relay.
 */

export interface WellhubDemoWorld {
  sim: WellhubSimulator;
  relay: RunningRelay;
  gymId: string;
  wellhubUrl: string;
  /** What the desk's Wellhub connection needs: the relay's address and the desk token it issued. */
  relayUrl: string;
  deskToken: string;
  /**
   * The gym sells a class on Wellhub too: a Wellhub class of that name with one slot at each of the times
   * given (its timetable mirrored, as gyms publish to Wellhub). Returns the Wellhub class's id and its slots.
   */
  sellClass(name: string, times: readonly ClassTime[]): { wellhubClassId: number; slots: SimSlot[] };
  /**
   * A member asks for a place in one of the next classes that have one (among `slots` when given);
   * posted to the relay as Wellhub would.
   */
  requestPlace(slots?: readonly SimSlot[]): Promise<{ bookingNumber: string; slot: SimSlot; member: string }>;
  /** The member withdraws the request in the app. */
  withdraw(bookingNumber: string): Promise<void>;
  /** A member checks in with the Wellhub app at the door; the desk has ~20 minutes to validate. */
  checkInAtDoor(): Promise<{ wellhubId: string; member: string }>;
  close(): Promise<void>;
}

/** One class on the gym's timetable, as Wellhub is told of it. */
export interface ClassTime {
  startsAt: Date;
  minutes: number;
  capacity: number;
  booked: number;
  room?: string;
}

const members = [
  ['Lena', 'Hoffmann'],
  ['Jonas', 'Becker'],
  ['Aylin', 'Yılmaz'],
  ['Mateo', 'García'],
  ['Sophie', 'Wagner'],
  ['Noah', 'Schulz'],
  ['Emma', 'Fischer'],
  ['Luca', 'Rossi'],
] as const;

/** `databaseUrl`: a Postgres database for the relay instead of PGlite in `dataDir` (the bench runs both). */
export async function startWellhubDemoWorld(options: { dataDir: string; relayPort?: number; now?: Date; databaseUrl?: string }): Promise<WellhubDemoWorld> {
  // The relay keeps what earlier runs sent: this run's booking numbers and event ids must be new to it.
  const sim = new WellhubSimulator({ now: options.now ?? new Date(), perMinute: 600, run: randomBytes(4).toString('hex') });
  const wellhubUrl = await sim.start();
  const config = readConfig({
    PORT: String(options.relayPort ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: join(options.dataDir, 'relay'),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl, RELAY_SECRET_KEY: randomBytes(32).toString('base64') } : {}),
    WELLHUB_BASE_URL: wellhubUrl,
    LOG_LEVEL: 'warn',
  });
  let relay: RunningRelay;
  try {
    relay = await startRelay(config, pino({ level: config.logLevel }));
  } catch (error) {
    await sim.stop();
    throw error;
  }
  const gymId = String(sim.gymId);
  await saveGym(relay.db, relay.box, { id: gymId, name: 'Wellhub demo gym', webhookSecret: sim.webhookSecret, wellhubToken: sim.token });
  const { token: deskToken } = await createDeskToken(relay.db, gymId, 'demo desk');
  const webhookUrl = `${relay.url}/wellhub/webhooks/${gymId}`;
  let next = 0;

  const post = async (webhook: { body: string; signature: string }) => {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gympass-signature': webhook.signature },
      body: webhook.body,
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`The relay answered ${response.status} to a webhook: ${await response.text()}`);
  };
  const nextMember = () => {
    const [first, last] = members[next % members.length] ?? members[0];
    const wellhubId = `42420000${String(10_000 + next).slice(-5)}`;
    next += 1;
    return { wellhubId, name: `${first} ${last}`, first, last };
  };

  return {
    sim,
    relay,
    gymId,
    wellhubUrl,
    relayUrl: relay.url,
    deskToken,
    sellClass(name, times) {
      const wellhubClassId = Math.max(0, ...sim.classes.map((c) => (c as SimClass).id).filter(Number.isInteger)) + 1;
      const template = sim.classes[0] as SimClass;
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      sim.classes.push({ ...template, id: wellhubClassId, name, slug, description: `${name} at the gym` });
      const slots = times.map((time) =>
        sim.addSlot({ classId: wellhubClassId, startsAt: time.startsAt, minutes: time.minutes, capacity: time.capacity, booked: time.booked, ...(time.room ? { room: time.room } : {}) }),
      );
      return { wellhubClassId, slots };
    },
    async requestPlace(among) {
      const nowMs = sim.clock().getTime();
      // A class a little ahead, as members book: starting in 30 minutes or more, with a place left.
      const open = (among ?? sim.slots)
        .filter((candidate) => candidate.occurMs > nowMs + 30 * 60_000 && candidate.totalBooked < candidate.totalCapacity)
        .sort((a, b) => a.occurMs - b.occurMs);
      // Spread over the next three such classes, so one class does not take every request.
      const slot = open[next % Math.min(3, open.length)];
      if (!slot) throw new Error('The simulated gym has no class with a place left');
      const member = nextMember();
      const webhook = sim.requestBooking(slot.id, { wellhubId: member.wellhubId, name: member.name });
      await post(webhook);
      return { bookingNumber: webhook.bookingNumber, slot, member: member.name };
    },
    async withdraw(bookingNumber) {
      await post(sim.cancelBooking(bookingNumber));
    },
    async checkInAtDoor() {
      const member = nextMember();
      await post(sim.checkIn({ wellhubId: member.wellhubId, firstName: member.first, lastName: member.last }));
      return { wellhubId: member.wellhubId, member: member.name };
    },
    async close() {
      await relay.close();
      await sim.stop();
    },
  };
}
