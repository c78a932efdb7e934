/// <reference types="node" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Connection, type ConnectionSettings } from '../../src-shared/connections';
import { Snapshot } from '../../src-shared/contract';
import { clockStartingAt } from '../../src-main/core/clock';
import { openCore, type Core } from '../../src-main/core/core';
import { SIM_API_KEY, SportAllianceSimulator } from '../simulators/sport-alliance-simulator';
import { WellhubSimulator } from '../simulators/wellhub-simulator';
import { WHAUTOMATE_SIM_KEY, WhautomateSimulator } from '../simulators/whautomate-simulator';
import { ZENOTI_SIM_API_KEY, ZenotiSimulator } from '../simulators/zenoti-simulator';
import { testCredentials } from '../support/test-credentials';
import { value } from '../support/command-answer';

/**
 * A normal full sync, as the desk runs it ("Sync now": today, then yesterday to
 * two weeks ahead), against each provider's simulator at its documented limit,
 * with the adapters exactly as production builds them (default tuning, default
 * HTTP client). Pacing is the adapters' job: no simulator may have had to say 429.
 */

const NOW = new Date('2026-11-23T15:00:00.000Z'); // Monday: 10:00 in New York, 16:00 in Berlin

const magicline = new SportAllianceSimulator({ now: NOW });
const zenoti = new ZenotiSimulator({ now: NOW });
const whautomate = new WhautomateSimulator({ now: NOW });
const wellhub = new WellhubSimulator({ now: NOW });
const simulators = [magicline, zenoti, whautomate, wellhub];
let core: Core | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  await core?.close();
  await Promise.all(simulators.map((sim) => sim.stop()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});


it('ends a full sync of every provider with no 429 for going over its limit', async () => {
  const [magiclineUrl, zenotiUrl, whautomateUrl, wellhubUrl] = await Promise.all(simulators.map((sim) => sim.start()));
  const connections: { settings: ConnectionSettings; apiKey: string; requests: () => number; rateLimited: () => number }[] = [
    {
      settings: { id: 'magicline', provider: 'magicline', label: 'Magicline', baseUrl: magiclineUrl },
      apiKey: SIM_API_KEY,
      requests: () => magicline.log.length,
      rateLimited: () => magicline.rateLimited,
    },
    {
      settings: { id: 'zenoti', provider: 'zenoti', label: 'Zenoti', baseUrl: zenotiUrl, scopeId: zenoti.centerId, timeZone: zenoti.timeZone },
      apiKey: ZENOTI_SIM_API_KEY,
      requests: () => zenoti.requests().length,
      rateLimited: () => zenoti.rateLimited,
    },
    {
      settings: { id: 'whautomate', provider: 'whautomate', label: 'Whautomate', baseUrl: whautomateUrl },
      apiKey: WHAUTOMATE_SIM_KEY,
      requests: () => whautomate.log.length,
      rateLimited: () => whautomate.rateLimited,
    },
    {
      settings: { id: 'wellhub', provider: 'wellhub', label: 'Wellhub', baseUrl: wellhubUrl, scopeId: String(wellhub.gymId), timeZone: wellhub.timeZone },
      apiKey: wellhub.token,
      requests: () => wellhub.log.length,
      rateLimited: () => wellhub.rateLimited,
    },
  ];

  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-limits-'));
  core = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [],
    clock: clockStartingAt(NOW),
    syncIntervalMs: 0,
    log: () => undefined,
  });
  for (const { settings, apiKey } of connections) value(await core.handle('saveConnection', { settings, apiKey }));
  const started = Date.now();
  value(await core.handle('syncNow', {}));
  const took = Date.now() - started;

  const health = Connection.array().parse(value(await core.handle('listConnections', {})));
  const sessions = Snapshot.parse(value(await core.handle('getSnapshot', {}))).records.sessions;
  const report = connections.map(({ settings, requests, rateLimited }) => ({
    connection: settings.id,
    health: health.find((c) => c.id === settings.id)?.health.state,
    sessions: sessions.filter((s) => s.connectionId === settings.id).length,
    requests: requests(),
    rateLimited: rateLimited(),
  }));
  console.log(`rate limits: a full sync of four providers took ${(took / 1000).toFixed(1)} s: ${report.map((r) => `${r.connection} ${r.requests} requests, ${r.sessions} sessions, ${r.rateLimited} rate-limited`).join('; ')}`);
  for (const row of report) {
    expect(row, row.connection).toMatchObject({ health: 'ok', rateLimited: 0 });
    expect(row.sessions, row.connection).toBeGreaterThan(0);
  }
}, 90_000);
