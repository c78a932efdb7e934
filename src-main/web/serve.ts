import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clockStartingAt, systemClock } from '../core/clock';
import { openCore } from '../core/core';
import { SealedFileCredentialStore, unencryptedDevelopmentCipher } from '../core/credentials/credential-store';
import { openDemoStudio } from '../core/providers/demo/demo-studio';
import { startWebServer } from './web-server';

/**
 * `npm run web`: the whole desk without Electron. The core runs here in Node;
 * open the printed address in a browser.
 */
const usage = `Usage: npm run web -- [--port N] [--data-dir DIR] [--start-at ISO-INSTANT]
  --port N            port on 127.0.0.1 (default 5391; 0 picks a free one)
  --data-dir DIR      where the desk keeps its journal and state (default ~/.classdesk-web)
  --start-at INSTANT  run the desk's clock from this instant, e.g. 2026-11-23T09:00:00Z (demos, tests)
Environment: CLASSDESK_WEB_TOKEN fixes the token (32+ characters) so an open page reconnects
after a restart; without it every run makes a new random one.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5391' },
      'data-dir': { type: 'string', default: join(homedir(), '.classdesk-web') },
      'start-at': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not "${values.port}"`);
  const startAt = values['start-at'] === undefined ? undefined : new Date(values['start-at']);
  if (startAt && Number.isNaN(startAt.getTime())) throw new Error(`--start-at must be an ISO instant, not "${values['start-at']}"`);

  const dataDir = resolve(values['data-dir']);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const clock = startAt ? clockStartingAt(startAt) : systemClock;
  // Browser mode has no OS keychain to lean on: keys sit in a 0600 file, for development and tests only.
  const credentials = new SealedFileCredentialStore(join(dataDir, 'credentials.dev.json'), unencryptedDevelopmentCipher);
  const core = await openCore({ dataDir, clock, credentials, fallbackProviders: [await openDemoStudio({ dataDir, clock })] });
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer');
  const server = await startWebServer(core, rendererDir, port, process.env['CLASSDESK_WEB_TOKEN'] || undefined);
  console.log(`Classdesk is running. Open ${server.url}`);
  console.log(`Data directory: ${dataDir}`);

  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});
