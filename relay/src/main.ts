import { parseArgs } from 'node:util';
import { commandUsage, runCommand, UsageError } from './cli.ts';
import { ConfigError, readConfig } from './config.ts';
import { DataDirInUseError } from './data-dir-lock.ts';
import { relayLogger } from './logger.ts';
import { startRelay } from './relay.ts';
import { SecretKeyError } from './secret-box.ts';

/**
 * `npm run relay [-- --port N --data-dir DIR]` runs the relay; `npm run relay --
 * <command>` runs an admin command. Mistakes in how it was started are said in
 * one line with the usage, never as a stack trace.
 */
const usage = `Usage: npm run relay -- [--port N] [--data-dir DIR]
  --port N        port to listen on (default PORT or 8787; 0 picks a free one)
  --data-dir DIR  embedded database folder when DATABASE_URL is not set (default DATA_DIR or ~/.classdesk-relay)
Environment: see relay/README.md (DATABASE_URL, RELAY_SECRET_KEY, HOST, FALLBACK_DELAY_MS, …).
${commandUsage}`;

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        gym: { type: 'string' },
        name: { type: 'string' },
        'webhook-secret': { type: 'string' },
        'wellhub-token': { type: 'string' },
        label: { type: 'string' },
        desk: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return void console.log(usage);
  const config = readConfig(process.env, {
    ...(values.port !== undefined ? { port: values.port } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
  });
  const log = relayLogger(config.logLevel);
  const command = positionals[0];
  if (command && command !== 'serve') {
    await runCommand(command, values, config, process.env, relayLogger('warn'), (line) => console.log(line));
    return;
  }
  const relay = await startRelay(config, log);
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(error.message);
    console.error(usage);
  } else if (error instanceof SecretKeyError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(`The port is already in use (is a relay already running?); choose another with --port. ${error.message}`);
  } else {
    console.error('The relay could not start:', error);
  }
  process.exit(1);
});
