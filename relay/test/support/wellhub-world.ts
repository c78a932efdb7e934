import type { SimRequest } from '../../../test/simulators/simulator-server.ts';
import { WellhubSimulator } from '../../../test/simulators/wellhub-simulator.ts';
import type { RunningRelay } from '../../src/relay.ts';
import { addGym } from './relay-harness.ts';

/**
 * The project's Wellhub simulator (Booking API with Bearer auth, the v2 booking
 * PATCH, slots, signed webhooks) set up for the relay: no rate limit in the way
 * of a test that answers hundreds of requests, and the relay told the gym's
 * secret and token.
 */
export async function startWellhub(): Promise<{ sim: WellhubSimulator; url: string }> {
  const sim = new WellhubSimulator({ now: new Date(), perMinute: 1_000_000 });
  return { sim, url: await sim.start() };
}

export async function registerGym(relay: RunningRelay, sim: WellhubSimulator): Promise<void> {
  await addGym(relay, { id: String(sim.gymId), webhookSecret: sim.webhookSecret, wellhubToken: sim.token });
}

/** The booking PATCHes Wellhub received, per booking number. */
export function bookingPatches(sim: WellhubSimulator): Map<string, SimRequest[]> {
  const patches = new Map<string, SimRequest[]>();
  for (const request of sim.log) {
    const bookingNumber = /^\/booking\/v2\/gyms\/\d+\/bookings\/([^/]+)$/.exec(request.path)?.[1];
    if (request.method !== 'PATCH' || !bookingNumber) continue;
    patches.set(bookingNumber, [...(patches.get(bookingNumber) ?? []), request]);
  }
  return patches;
}
