import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clockStartingAt, systemClock } from '../core/clock';
import { unencryptedDevelopmentCipher } from '../core/credentials/credential-store';
import { openDeskCore } from '../core/open-desk-core';
import { outageKitFolder } from '../core/outage-kit/kit-folder';
import { DataFileError } from '../core/storage/data-files';
import { listenWebServer } from './web-server';

/**
 * `npm run web`: the whole desk without Electron. The core runs here in Node;
 * open the printed address in a browser.
 */
const usage = `Usage: npm run web -- [--port N] [--data-dir DIR] [--start-at ISO-INSTANT]
  --port N            port on 127.0.0.1 (default 5391; 0 picks a free one)
  --data-dir DIR      where the desk keeps its journal and state (default ~/.classdesk-web)
  --start-at INSTANT  run the desk's clock from this instant, e.g. 2026-11-23T09:00:00Z (demos, tests)
  --config-dir DIR    IT's folder with config.json and policy.json (default: CLASSDESK_CONFIG_DIR,
                      else the machine's, e.g. /etc/classdesk)
Environment: CLASSDESK_WEB_TOKEN fixes the token (32+ characters) so an open page reconnects
after a restart; without it every run makes a new random one.`;

/** A mistake the person starting the desk can fix: said in one line, followed by the usage, never a stack trace. */
class StartError extends Error {}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '5391' },
        'data-dir': { type: 'string', default: join(homedir(), '.classdesk-web') },
        'start-at': { type: 'string' },
        'config-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new StartError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartError(`--port must be 0–65535, not "${values.port}"`);
  const startAt = values['start-at'] === undefined ? undefined : new Date(values['start-at']);
  if (startAt && Number.isNaN(startAt.getTime())) throw new StartError(`--start-at must be an ISO instant, not "${values['start-at']}"`);

  const dataDir = resolve(values['data-dir']);
  await mkdir(dataDir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw new StartError(`--data-dir ${dataDir} cannot be used: ${error instanceof Error ? error.message : String(error)}`);
  });
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer');
  // The port first: a desk already running on it keeps its store to itself.
  const server = await listenWebServer(rendererDir, port, process.env['CLASSDESK_WEB_TOKEN'] || undefined, { outageKitFolder: outageKitFolder(dataDir) }).catch((error: unknown) => {
    throw new StartError(listenProblem(error, port));
  });
  const clock = startAt ? clockStartingAt(startAt) : systemClock;
  // Browser mode has no OS keychain to lean on: keys sit in a 0600 file, for development and tests only.
  // The token opens the desk to whoever has it: the log file must never show it.
  const token = new URL(server.url).searchParams.get('token') ?? undefined;
  const core = await openDeskCore({
    dataDir,
    clock,
    cipher: unencryptedDevelopmentCipher,
    credentialsFile: 'credentials.dev.json',
    // Without the flag the core takes CLASSDESK_CONFIG_DIR, else the machine's folder, like the desktop app.
    ...(values['config-dir'] ? { configDir: resolve(values['config-dir']) } : {}),
    ...(token ? { secrets: [token] } : {}),
  });
  server.serveCore(core);
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

function listenProblem(error: unknown, port: number): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE') return `Port ${port} on 127.0.0.1 is already in use (is Classdesk already running?); choose another with --port.`;
  if (code === 'EACCES') return `Port ${port} on 127.0.0.1 may not be opened by this user; choose one above 1023 with --port.`;
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  if (error instanceof StartError) {
    console.error(error.message);
    console.error(usage);
  } else if (error instanceof DataFileError) {
    // The core's log has just said which file and what to do, on the console too.
    console.error('Classdesk could not start.');
  } else {
    // Anything else is a fault in the desk, not in how it was started: keep what helps find it.
    console.error('Classdesk could not start:', error);
  }
  process.exit(1);
});
