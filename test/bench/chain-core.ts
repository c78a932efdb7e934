import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clockStartingAt } from '../../src-main/core/clock';
import { openCore } from '../../src-main/core/core';
import { startWebServer } from '../../src-main/web/web-server';
import { testCredentials } from '../support/test-credentials';
import { chainDataSet, chainStudios, DESK_CONNECTION } from './chain-studio';

/**
 * The web desk of `npm run web` (the same openCore and startWebServer, the built
 * renderer in out/renderer), with the chain data set behind it instead of the demo
 * studio: five ChainStudio providers in this process answering after --latency-ms.
 * Run as a child process: `node --import tsx test/bench/chain-core.ts --port N --data-dir D --start-at ISO`.
 * It waits for the first full sync before serving (so the store holds the chain),
 * then prints "Open <url>". CLASSDESK_WEB_TOKEN fixes the token.
 */

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'start-at': { type: 'string' },
    'latency-ms': { type: 'string', default: '50' },
  },
});
const dataDir = resolve(values['data-dir'] ?? '');
const startAt = new Date(values['start-at'] ?? '');
if (!values['data-dir'] || Number.isNaN(startAt.getTime())) throw new Error('--data-dir and --start-at are required');
await mkdir(dataDir, { recursive: true, mode: 0o700 });

const clock = clockStartingAt(startAt);
const data = chainDataSet(startAt);
const studios = chainStudios(data, clock, Number(values['latency-ms']));
const opened = performance.now();
const core = await openCore({
  dataDir,
  clock,
  credentials: testCredentials(dataDir),
  fallbackProviders: studios,
  // The bench wants the whole chain in the store before the desk opens.
  firstSyncWaitMs: 600_000,
  log: (message, error) => console.error(message, error instanceof Error ? error.message : (error ?? '')),
});
const deskLocation = data.locations.find((location) => location.connectionId === DESK_CONNECTION);
if (deskLocation) await core.handle('setDeskLocation', { locationId: deskLocation.id });
console.log(`Synced in ${Math.round(performance.now() - opened)} ms; ${studios.reduce((sum, s) => sum + s.calls, 0)} provider calls`);
const token = process.env['CLASSDESK_WEB_TOKEN'] || undefined;
const server = await startWebServer(core, resolve('out/renderer'), Number(values.port), token);
console.log(`Classdesk is running. Open ${server.url}`);

const stop = async () => {
  await server.close();
  await core.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
