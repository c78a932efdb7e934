import { DateTime } from 'luxon';
import type { ConnectionSettings } from '../../src-shared/connections';
import { ZenotiSimulator } from '../simulators/zenoti-simulator';
import { evenTimetable, ZenotiKeyBudget } from '../simulators/zenoti-simulator-chain';
import { startZenotiGateway, type ZenotiGateway } from './zenoti-gateway';

/**
 * A Zenoti organisation of five centers behind one host and one API key:
 * 60 classes a day each, rosters of 25, 50,000 guests, 50 ms a request.
 */

export const CHAIN = { centers: 5, daysBack: 1, daysAhead: 14, sessionsPerDay: 60, rosterSize: 25, guests: 50_000, latencyMs: 50 } as const;
export const ZENOTI_PER_MINUTE = 60;
export const ZENOTI_PAGE_SIZE = 100;
const API_KEY = 'zenoti-bench-org-key';
const ZONES = ['America/New_York', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const CITIES = ['Brooklyn', 'Manhattan', 'Chicago Loop', 'Denver', 'Santa Monica'];
/** The desk stands in the third center: neither first nor last in the list of connections. */
export const DESK_CENTER = 2;

export interface ZenotiChain {
  sims: ZenotiSimulator[];
  gateway: ZenotiGateway;
  settings: ConnectionSettings[];
  apiKey: string;
  stop(): Promise<void>;
}

export async function startZenotiChain(now: Date): Promise<ZenotiChain> {
  const budget = new ZenotiKeyBudget(ZENOTI_PER_MINUTE);
  const sims = Array.from(
    { length: CHAIN.centers },
    (_, i) =>
      new ZenotiSimulator({
        now,
        timeZone: ZONES[i]!,
        centerId: `5e0c7a10-0000-4000-8000-00000000000${i + 1}`,
        centerName: `Zenoti Fitness ${CITIES[i]!}`,
        apiKeys: { [API_KEY]: 'full' },
        keyBudget: budget,
        daysBack: CHAIN.daysBack,
        daysAhead: CHAIN.daysAhead,
        timetable: evenTimetable(CHAIN.sessionsPerDay),
        rosterSize: CHAIN.rosterSize,
        guestCount: CHAIN.guests,
        seed: 101 + i,
      }),
  );
  const urls = await Promise.all(sims.map((sim) => sim.start()));
  for (const sim of sims) sim.faults.latencyMs = CHAIN.latencyMs;
  const gateway = await startZenotiGateway(new Map(sims.map((sim, i) => [sim.centerId, urls[i]!])));
  const settings: ConnectionSettings[] = sims.map((sim, i) => ({
    id: `zenoti-${i + 1}`,
    provider: 'zenoti',
    label: sim.centerName,
    baseUrl: gateway.url,
    scopeId: sim.centerId,
    timeZone: sim.timeZone,
  }));
  return {
    sims,
    gateway,
    settings,
    apiKey: API_KEY,
    stop: async () => {
      await gateway.stop();
      await Promise.all(sims.map((sim) => sim.stop()));
    },
  };
}

export interface ExpectedSession {
  id: number;
  booked: number;
  waitlisted: number;
  registrationIds: number[];
}

/** Today's classes of a center in its own zone, with Zenoti's counts and, where it has any, the class list. */
export function todayAt(sim: ZenotiSimulator): ExpectedSession[] {
  const localDate = DateTime.fromJSDate(sim.now, { zone: sim.timeZone }).toFormat('yyyy-MM-dd');
  return sim.sessionsOn(localDate).map((session) => {
    const counts = sim.counts(session.id);
    const listed = counts.occupancy + counts.waitlisted > 0;
    return {
      id: session.id,
      booked: counts.occupancy,
      waitlisted: counts.waitlisted,
      registrationIds: listed ? sim.registrationsOf(session.id).map((r) => r.id) : [],
    };
  });
}

/** Fewest calls that read a set of sessions and their class lists: full pages of sessions, one call per list that has anyone on it. */
export function fewestCalls(sessions: number, listed: number): number {
  return Math.ceil(sessions / ZENOTI_PAGE_SIZE) + listed;
}

/** Calls a whole window needs at least, over all centers (rosters of 25 fit one page). */
export function fullWindowCalls(sims: ZenotiSimulator[]): { calls: number; sessions: number; listed: number } {
  let calls = 0;
  let sessions = 0;
  let listed = 0;
  for (const sim of sims) {
    const withList = sim.sessions.filter((s) => {
      const counts = sim.counts(s.id);
      return counts.occupancy + counts.waitlisted > 0;
    }).length;
    calls += fewestCalls(sim.sessions.length, withList);
    sessions += sim.sessions.length;
    listed += withList;
  }
  return { calls, sessions, listed };
}

/** What the simulators were asked, by kind; 429s included (they are requests too). */
export function requestsOf(sims: ZenotiSimulator[]): { total: number; sessions: number; registrations: number; other: number; rateLimited: number } {
  const all = sims.flatMap((sim) => sim.log);
  const sessions = all.filter((r) => r.path === '/v1/classes/sessions').length;
  const registrations = all.filter((r) => /\/registrations$/.test(r.path) && r.method === 'GET').length;
  return {
    total: all.length,
    sessions,
    registrations,
    other: all.length - sessions - registrations,
    rateLimited: sims.reduce((sum, sim) => sum + sim.rateLimited, 0),
  };
}
