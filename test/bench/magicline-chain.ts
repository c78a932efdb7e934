import type { ConnectionSettings } from '../../src-shared/connections';
import { SportAllianceSimulator } from '../simulators/sport-alliance-simulator';
import type { SimSlot, SimStudio } from '../simulators/sport-alliance-simulator-studio';
import { evenTimetable } from '../simulators/zenoti-simulator-chain';

/**
 * Five Magicline studios, one simulator (and one API key) each, reshaped from
 * the outside through the studio's public state: 60 class slots a day from
 * yesterday to two weeks ahead, rosters of 25 (booked elsewhere, so counted in
 * the slots; the Open API lists no participants), 50 ms a request.
 */

export const MAGICLINE_CHAIN = { studios: 5, daysBack: 1, daysAhead: 14, slotsPerDay: 60, rosterSize: 25, latencyMs: 50, perMinute: 1000 } as const;

export interface MagiclineChain {
  sims: SportAllianceSimulator[];
  settings: ConnectionSettings[];
  apiKeys: string[];
  stop(): Promise<void>;
}

/** Replaces the seeded timetable with a chain-sized one; customers and their visits stay as seeded. */
export function shapeStudio(studio: SimStudio, firstSlotId: number): void {
  const today = studio.nowInStudio().startOf('day');
  const times = evenTimetable(MAGICLINE_CHAIN.slotsPerDay);
  const room = { id: 201, name: 'Kursraum 1' };
  const slots: SimSlot[] = [];
  let id = firstSlotId;
  for (let day = -MAGICLINE_CHAIN.daysBack; day <= MAGICLINE_CHAIN.daysAhead; day += 1) {
    const date = today.plus({ days: day }).toISODate() ?? '';
    times.forEach((time, index) => {
      const classId = studio.classes[(day + 1 + index) % studio.classes.length]!.id;
      const waiting = id % 3;
      slots.push({
        id,
        classId,
        localStart: `${date}T${time}`,
        room,
        instructorId: 301 + (index % 3),
        maxParticipants: MAGICLINE_CHAIN.rosterSize - waiting,
        maxWaitingListParticipants: 3,
        additionalParticipants: 0,
        othersBooked: MAGICLINE_CHAIN.rosterSize - waiting,
        othersWaiting: waiting,
        cancelled: id % 29 === 0,
      });
      id += 1;
    });
  }
  studio.slots.splice(0, studio.slots.length, ...slots);
  // The seeded bookings were on the seeded slots.
  studio.bookings.splice(0, studio.bookings.length);
}

export async function startMagiclineChain(now: Date): Promise<MagiclineChain> {
  const apiKeys = Array.from({ length: MAGICLINE_CHAIN.studios }, (_, i) => `magicline-bench-studio-${i + 1}`);
  const sims = apiKeys.map((apiKey) => new SportAllianceSimulator({ now, apiKey, timeZone: 'Europe/Berlin', perMinute: MAGICLINE_CHAIN.perMinute }));
  sims.forEach((sim, i) => shapeStudio(sim.studio, 100_001 + i * 10_000));
  const urls = await Promise.all(sims.map((sim) => sim.start()));
  for (const sim of sims) sim.faults.latencyMs = MAGICLINE_CHAIN.latencyMs;
  const settings: ConnectionSettings[] = urls.map((url, i) => ({
    id: `magicline-${i + 1}`,
    provider: 'magicline',
    label: `FitHaus Studio ${i + 1}`,
    baseUrl: url,
    tenant: `fithaus-${i + 1}`,
  }));
  return { sims, settings, apiKeys, stop: async () => void (await Promise.all(sims.map((sim) => sim.stop()))) };
}

export interface ExpectedSlot {
  id: number;
  booked: number;
  waitlisted: number;
}

/** Every slot from the studio's yesterday to two weeks ahead, with the counts the API reports. */
export function windowOf(studio: SimStudio): ExpectedSlot[] {
  const today = studio.nowInStudio().startOf('day');
  const first = today.minus({ days: MAGICLINE_CHAIN.daysBack }).toISODate() ?? '';
  const last = today.plus({ days: MAGICLINE_CHAIN.daysAhead }).toISODate() ?? '';
  return studio.slots
    .filter((slot) => slot.localStart.slice(0, 10) >= first && slot.localStart.slice(0, 10) <= last)
    .map((slot) => {
      const { booked, waiting } = studio.counts(slot);
      return { id: slot.id, booked: booked + slot.additionalParticipants, waitlisted: waiting };
    });
}
