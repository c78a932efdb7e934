import { clockStartingAt } from '../../src-main/core/clock';
import type { Snapshot } from '../../src-shared/contract';
import { openHarness, waitUntil, type EventReplica } from './core-harness';
import { MAGICLINE_CHAIN, startMagiclineChain, windowOf, type ExpectedSlot } from './magicline-chain';
import { bytes, count, note, progress, seconds, sleep, table } from './report';

/**
 * Part 2: the full window (yesterday to two weeks ahead) of five Magicline
 * studios: time until every slot is in the core's published records with the
 * API's counts, requests made, and bytes that crossed the contract.
 */

export interface MagiclineBenchResult {
  completeMs: number | null;
  sessions: number;
  requestsAtComplete: number;
  requests: number;
  rateLimited: number;
  requestsByEndpoint: Record<string, number>;
  events: number;
  changeSets: number;
  eventBytes: number;
  snapshotBytes: number;
  snapshotRecords: number;
  coreLogLines: number;
}

const NOW = new Date('2026-11-23T15:00:00.000Z');
const providerId = (id: string) => id.slice(id.lastIndexOf(':') + 1);

function missing(replica: EventReplica, expected: Map<string, ExpectedSlot[]>): number {
  const seen = new Map<string, { booked: number; waitlisted: number }>();
  for (const s of replica.tables.get('sessions')!.values()) if ('booked' in s) seen.set(`${s.connectionId}|${providerId(s.id)}`, s);
  let left = 0;
  for (const [connectionId, slots] of expected) {
    for (const slot of slots) {
      const session = seen.get(`${connectionId}|${slot.id}`);
      if (!session || session.booked !== slot.booked || session.waitlisted !== slot.waitlisted) left += 1;
    }
  }
  return left;
}

export async function magiclineBench(capMs: number): Promise<MagiclineBenchResult> {
  progress('magicline', `starting ${MAGICLINE_CHAIN.studios} studio simulators (${MAGICLINE_CHAIN.slotsPerDay} slots a day, ${MAGICLINE_CHAIN.perMinute}/min per endpoint)`);
  const chain = await startMagiclineChain(NOW);
  const expected = new Map(chain.settings.map((settings, i) => [settings.id, windowOf(chain.sims[i]!.studio)]));
  const total = [...expected.values()].reduce((sum, slots) => sum + slots.length, 0);
  const harness = await openHarness(clockStartingAt(NOW));
  const requestCount = () => chain.sims.reduce((sum, sim) => sum + sim.log.length, 0);

  const t0 = performance.now();
  for (const [i, settings] of chain.settings.entries()) await harness.command('saveConnection', { settings, apiKey: chain.apiKeys[i] });
  const complete = await waitUntil(
    harness,
    () => missing(harness.replica, expected) === 0,
    capMs,
    () => progress('magicline', `${seconds(performance.now() - t0, 0)}: ${requestCount()} requests, ${total - missing(harness.replica, expected)}/${total} slots`),
    5_000,
  );
  const elapsed = performance.now() - t0;
  const requestsAtComplete = requestCount();
  progress('magicline', complete ? `full window complete after ${seconds(elapsed)} (${requestsAtComplete} requests)` : `not complete after ${seconds(elapsed)}`);
  // Let the pass that completed the window finish: no new request for 2 s.
  for (let last = -1, quiet = 0; quiet < 4 && performance.now() - t0 < capMs + 30_000; ) {
    await sleep(500);
    const now = requestCount();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  const snapshot = await harness.command<Snapshot>('getSnapshot', {});
  const snapshotBytes = Buffer.byteLength(JSON.stringify(snapshot));
  const byEndpoint: Record<string, number> = {};
  for (const sim of chain.sims) {
    for (const request of sim.log) {
      const key = `${request.method} ${sim.templateOf(request.path) ?? request.path}`;
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
    }
  }
  const result: MagiclineBenchResult = {
    completeMs: complete ? elapsed : null,
    sessions: total,
    requestsAtComplete,
    requests: requestCount(),
    rateLimited: chain.sims.reduce((sum, sim) => sum + sim.rateLimited, 0),
    requestsByEndpoint: byEndpoint,
    events: harness.events.count,
    changeSets: harness.events.changeSets,
    eventBytes: harness.events.bytes,
    snapshotBytes,
    snapshotRecords: Object.values(snapshot.records).reduce((sum, rows) => sum + rows.length, 0),
    coreLogLines: harness.logLines.length,
  };
  await chain.stop();
  await harness.close(10_000);
  return result;
}

export function printMagicline(r: MagiclineBenchResult): void {
  table([
    ['full window complete after', r.completeMs === null ? 'not complete' : seconds(r.completeMs, 2), `${count(r.sessions)} slots in ${MAGICLINE_CHAIN.studios} studios`],
    ['requests made', count(r.requests), `${count(r.requestsAtComplete)} by completion, ${r.rateLimited} answered 429`],
    ...Object.entries(r.requestsByEndpoint).map(([endpoint, n]): [string, string] => [`  ${endpoint}`, count(n)]),
    ['contract events', count(r.events), `${count(r.changeSets)} change sets`],
    ['bytes of events (JSON)', bytes(r.eventBytes)],
    ['bytes of the snapshot (JSON)', bytes(r.snapshotBytes), `${count(r.snapshotRecords)} records`],
    ['bytes over the contract', bytes(r.eventBytes + r.snapshotBytes), 'events + one snapshot'],
    ['core log lines', count(r.coreLogLines)],
  ]);
  note('The Open API lists no participants: rosters of 25 show as slot counts; no member is known, so no customer calls.');
}
