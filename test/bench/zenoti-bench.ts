import { clockStartingAt } from '../../src-main/core/clock';
import { openHarness, waitUntil, type EventReplica } from './core-harness';
import { count, millis, note, progress, seconds, table } from './report';
import {
  CHAIN,
  DESK_CENTER,
  fewestCalls,
  fullWindowCalls,
  requestsOf,
  startZenotiChain,
  todayAt,
  ZENOTI_PER_MINUTE,
  type ExpectedSession,
} from './zenoti-chain';

/**
 * Part 1: how long until the desk's own today (schedule and every class list)
 * is complete in the core's published records, for five Zenoti centers on one
 * API key at 60 calls a minute, against the least time that limit allows.
 */

export interface ZenotiBenchResult {
  completeMs: number | null;
  capMs: number;
  lowerBoundMs: number;
  ratio: number | null;
  minCalls: number;
  todaySessions: number;
  listsNeeded: number;
  registrationsNeeded: number;
  atEnd: { sessions: number; lists: number };
  requests: ReturnType<typeof requestsOf>;
  fullWindow: { calls: number; sessions: number; listed: number; projectedMinutes: number };
  coreLogLines: number;
}

const NOW = new Date('2026-11-23T15:00:00.000Z');
const tail = (id: string) => id.slice(id.lastIndexOf('.') + 1);

function progressOf(replica: EventReplica, connectionId: string, expected: ExpectedSession[]) {
  const sessions = new Map<string, { booked: number; waitlisted: number }>();
  for (const s of replica.tables.get('sessions')!.values()) if (s.connectionId === connectionId && 'booked' in s) sessions.set(tail(s.id), s);
  const bookings = new Set<string>();
  for (const b of replica.tables.get('bookings')!.values()) if (b.connectionId === connectionId) bookings.add(tail(b.id));
  let sessionsRight = 0;
  let listsRight = 0;
  for (const e of expected) {
    const seen = sessions.get(String(e.id));
    if (seen && seen.booked === e.booked && seen.waitlisted === e.waitlisted) sessionsRight += 1;
    if (e.registrationIds.length > 0 && e.registrationIds.every((id) => bookings.has(String(id)))) listsRight += 1;
  }
  return { sessions: sessionsRight, lists: listsRight };
}

export async function zenotiBench(capMs: number): Promise<ZenotiBenchResult> {
  progress('zenoti', `starting ${CHAIN.centers} center simulators (${CHAIN.sessionsPerDay} classes a day, rosters of ${CHAIN.rosterSize}, ${count(CHAIN.guests)} guests)`);
  const chain = await startZenotiChain(NOW);
  const desk = chain.sims[DESK_CENTER]!;
  const deskConnection = chain.settings[DESK_CENTER]!.id;
  const expected = todayAt(desk);
  const listsNeeded = expected.filter((e) => e.registrationIds.length > 0).length;
  const registrationsNeeded = expected.reduce((sum, e) => sum + e.registrationIds.length, 0);
  const minCalls = fewestCalls(expected.length, listsNeeded);
  // Steady rate, one token a second; the class lists can only be asked once the sessions page named them: two round trips.
  const lowerBoundMs = (minCalls / ZENOTI_PER_MINUTE) * 60_000 + 2 * CHAIN.latencyMs;
  const fullWindow = fullWindowCalls(chain.sims);

  const harness = await openHarness(clockStartingAt(NOW));
  // Set first, so every scheduler knows from its first pass which today matters most.
  await harness.command('setDeskLocation', { locationId: `${deskConnection}:location:${desk.centerId}` });
  const t0 = performance.now();
  for (const settings of chain.settings) await harness.command('saveConnection', { settings, apiKey: chain.apiKey });
  progress('zenoti', `5 connections saved in ${millis(performance.now() - t0)}; desk at ${desk.centerName} (${desk.timeZone}); waiting up to ${seconds(capMs, 0)}`);

  const state = () => progressOf(harness.replica, deskConnection, expected);
  const done = () => {
    const now = state();
    return now.sessions === expected.length && now.lists === listsNeeded;
  };
  const complete = await waitUntil(harness, done, capMs, () => {
    const now = state();
    const asked = requestsOf(chain.sims);
    progress(
      'zenoti',
      `${seconds(performance.now() - t0, 0)}: ${asked.total} requests (${asked.rateLimited} × 429), desk today ${now.sessions}/${expected.length} classes, ${now.lists}/${listsNeeded} class lists`,
    );
  });
  const elapsed = performance.now() - t0;
  const atEnd = state();
  const requests = requestsOf(chain.sims);
  progress('zenoti', complete ? `desk today complete after ${seconds(elapsed)}` : `not complete after ${seconds(elapsed)}; stopping`);
  await chain.stop();
  await harness.close(3_000);

  const desksLocation = harness.replica.tables.get('locations')!.has(`${deskConnection}:location:${desk.centerId}`);
  if (!desksLocation) note(`warning: the desk location id ${deskConnection}:location:${desk.centerId} never appeared in the records`);
  return {
    completeMs: complete ? elapsed : null,
    capMs,
    lowerBoundMs,
    ratio: complete ? elapsed / lowerBoundMs : null,
    minCalls,
    todaySessions: expected.length,
    listsNeeded,
    registrationsNeeded,
    atEnd,
    requests,
    fullWindow: { ...fullWindow, projectedMinutes: fullWindow.calls / ZENOTI_PER_MINUTE },
    coreLogLines: harness.logLines.length,
  };
}

export function printZenoti(r: ZenotiBenchResult): void {
  table([
    ['desk today complete after', r.completeMs === null ? `> ${seconds(r.capMs, 0)}` : seconds(r.completeMs), r.completeMs === null ? '(not complete when the bench stopped waiting)' : ''],
    ['lower bound', seconds(r.lowerBoundMs), `${r.minCalls} calls at ${ZENOTI_PER_MINUTE}/min + 2 round trips`],
    ['ratio (measured / lower bound)', r.ratio === null ? `> ${(r.capMs / r.lowerBoundMs).toFixed(1)}` : r.ratio.toFixed(2)],
    ['desk today: classes', `${r.atEnd.sessions}/${r.todaySessions}`, 'in the records with Zenoti\'s booked/waitlisted counts'],
    ['desk today: class lists', `${r.atEnd.lists}/${r.listsNeeded}`, `${count(r.registrationsNeeded)} registrations needed`],
    ['requests made (all centers)', count(r.requests.total), `${r.requests.sessions} sessions pages, ${r.requests.registrations} class lists, ${r.requests.other} other`],
    ['answered 429', count(r.requests.rateLimited)],
    ['core log lines', count(r.coreLogLines)],
  ]);
  note(
    [
      `Lower bound: ${r.minCalls} = 1 sessions page (size 100) for today's ${r.todaySessions} classes + ${r.listsNeeded} class lists (one call each: rosters of ${CHAIN.rosterSize} fit one page).`,
      `Assumption: Zenoti's documented 60 calls a minute, counted per API key as a token bucket; the bound uses the steady rate of`,
      `one call a second and does not count on the bucket being full at the start (the key is shared by ${CHAIN.centers} centers, and`,
      `Zenoti does not document the bucket size). With a full 60-call bucket the same ${r.minCalls} calls could go out in ~${seconds(Math.max(0, r.minCalls - ZENOTI_PER_MINUTE) * 1000 + 2 * CHAIN.latencyMs)}.`,
      'Classes Zenoti lists with 0 booked and 0 waitlisted (cancelled classes) have no class list to read: not required, not counted.',
    ].join('\n'),
  );
}

export function printZenotiWindow(r: ZenotiBenchResult): void {
  table([
    ['Zenoti full window: calls at least', count(r.fullWindow.calls), `${count(r.fullWindow.sessions)} classes in ${CHAIN.centers} centers, ${count(r.fullWindow.listed)} class lists`],
    ['Zenoti full window: projected time', `${r.fullWindow.projectedMinutes.toFixed(1)} min`, `= calls / ${ZENOTI_PER_MINUTE} a minute (one key)`],
  ]);
  note('Projected from the fewest calls and the rate limit, not measured: measuring ~80 minutes does not fit the bench.');
}
