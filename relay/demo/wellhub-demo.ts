import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { saveWellhubConnection } from './desk-commands.ts';
import { linkDemoClasses, sellDemoClassesOnWellhub, waitUntilPaired } from './demo-studio-on-wellhub.ts';
import { startWellhubDemoWorld } from './wellhub-demo-world.ts';

/**
 * `npm run demo:wellhub`: the desk in browser mode with the demo studio AND a
 * Wellhub side — a simulated Wellhub and a local relay — already connected, so a
 * new user sees Wellhub booking requests arrive with their countdowns, confirms
 * or rejects them, and validates visits at the door, without any account.
 * The desk is told about Wellhub the way a person would do it: a saved
 * connection (Connections → Wellhub, with its relay address and desk token),
 * marked as the demo's own so the demo studio stays beside it as the main system;
 * two studio classes are sold on Wellhub too and linked (Classes on Wellhub), and
 * members ask for places in those, so their rosters show both channels.
 */

const usage = `Usage: npm run demo:wellhub -- [--port N] [--data-dir DIR] [--every SECONDS]
  --port N          the desk's port on 127.0.0.1 (default 5391)
  --data-dir DIR    the desk's and the demo relay's data (default ~/.classdesk-wellhub-demo)
  --every SECONDS   a new booking request this often (default 120); a visit at the door every third time`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5391' },
      'data-dir': { type: 'string', default: join(homedir(), '.classdesk-wellhub-demo') },
      every: { type: 'string', default: '120' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(usage);
  const port = Number(values.port);
  const everyMs = Number(values.every) * 1_000;
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new UsageError(`--port must be 1–65535, not "${values.port}"`);
  if (!Number.isFinite(everyMs) || everyMs < 5_000) throw new UsageError(`--every must be 5 seconds or more, not "${values.every}"`);
  const dataDir = resolve(values['data-dir']);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  const world = await startWellhubDemoWorld({ dataDir });
  const token = randomBytes(24).toString('hex');
  const desk = spawn(process.execPath, [join(repoRoot, 'out/main/web.js'), '--port', String(port), '--data-dir', join(dataDir, 'desk')], {
    env: { ...process.env, CLASSDESK_WEB_TOKEN: token },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async (code: number) => {
    desk.kill('SIGTERM');
    await world.close().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  desk.once('exit', (code) => {
    console.error(`The desk stopped (exit code ${code ?? 'none'}).`);
    void stop(code ?? 1);
  });

  const deskLink = { port, token, stopped: () => desk.exitCode !== null };
  // Wellhub's slots exist before the connection is saved, so its first sync brings them.
  const sold = await sellDemoClassesOnWellhub(world, deskLink);
  await saveWellhubConnection(world, port, token, deskLink.stopped, { beside: 'demo-studio' });
  await linkDemoClasses(deskLink, sold);
  await waitUntilPaired(deskLink);
  console.log(`Wellhub demo: gym ${world.gymId}, simulated Wellhub at ${world.wellhubUrl}, relay at ${world.relayUrl}.`);
  console.log(`Sold on Wellhub too: ${sold.links.length} demo studio classes (${sold.slots.length} classes this week), one roster each.`);
  console.log(`Open http://127.0.0.1:${port}/?token=${token} — booking requests arrive every ${values.every} s (Wellhub requests, in the header).`);

  let round = 0;
  const tick = async () => {
    round += 1;
    const request = await world.requestPlace(sold.slots);
    console.log(`Wellhub: ${request.member} asks for a place (booking ${request.bookingNumber}).`);
    if (round % 3 === 0) {
      const visit = await world.checkInAtDoor();
      console.log(`Wellhub: ${visit.member} checked in with the app (Wellhub ID ${visit.wellhubId}); validate at the desk.`);
    }
  };
  const tickSafely = () => tick().catch((error: unknown) => console.error(`Wellhub demo: ${error instanceof Error ? error.message : String(error)}`));
  await tickSafely();
  await tickSafely();
  setInterval(tickSafely, everyMs);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  if (error instanceof UsageError) console.error(usage);
  process.exit(1);
});
