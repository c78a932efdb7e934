import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  displayProblem,
  downloadHost,
  downloadForbidden,
  electronViteArgs,
  explainInstallFailure,
  explainProbeFailure,
  locateBinary,
  refusal,
} from './electron-launch-plan';

/**
 * `npm start` and `npm run dev`: make sure Electron's binary is there, then hand
 * over to electron-vite. Electron 45 no longer downloads its binary when
 * installed, and electron-vite 6 throws "Electron uninstall" instead of trying;
 * so this runs Electron's own `install-electron` when the binary is missing, and
 * where it cannot be had says so in one sentence instead of a stack trace.
 *
 *   tsx build/launch-electron.ts start|dev [electron-vite options…]
 */

export interface LaunchOptions {
  /** node_modules/electron; tests point it at a stand-in package. */
  electronPackageDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Runs electron-vite and resolves with its exit code; tests record the call instead. */
  runElectronVite: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;
  say: (line: string) => void;
  /** Whether a host name resolves; tells "no network" apart from other download failures. */
  resolves: (host: string) => Promise<boolean>;
  /** How long install-electron may take (it downloads about 100 MB). */
  installTimeoutMs?: number;
}

export type LaunchOutcome = { exitCode: number; refusal?: string };

export async function launchElectron(argv: readonly string[], options: LaunchOptions): Promise<LaunchOutcome> {
  const [mode = 'start', ...extra] = argv;
  const args = electronViteArgs(mode, extra);
  if (!args) return refuse(`\`${mode}\` is not a launch mode (use start or dev)`);

  // A display first: downloading 100 MB for a machine that cannot show a window helps nobody.
  const noDisplay = displayProblem(options.platform, options.env);
  if (noDisplay) return refuse(noDisplay);

  let binary = locate(options);
  if (binary.kind === 'override-missing') return refuse(`ELECTRON_EXEC_PATH names ${binary.path}, which does not exist`);
  if (binary.kind === 'missing') {
    const forbidden = downloadForbidden(options.env);
    if (forbidden) return refuse(forbidden);
    options.say(`Electron's binary is not installed yet; fetching it once with install-electron…`);
    const installed = runNode(installScript(options.electronPackageDir), [], options.env, options.installTimeoutMs ?? 15 * 60_000);
    if (installed.status !== 0) {
      const host = downloadHost(options.env);
      const unresolvable = (await options.resolves(host)) ? undefined : host;
      return refuse(explainInstallFailure(installed.output, installed.timedOut, unresolvable));
    }
    binary = locate(options);
    if (binary.kind !== 'present') return refuse(`install-electron finished but left no binary in ${join(options.electronPackageDir, 'dist')}`);
  }

  const probe = runProgram(binary.path, ['--version'], probeEnv(options.env), 30_000);
  if (probe.status !== 0) return refuse(explainProbeFailure(binary.path, probe.output, probe.timedOut));

  // electron-vite looks for path.txt itself; naming the binary spares it the guess and honours ELECTRON_EXEC_PATH.
  const exitCode = await options.runElectronVite(args, { ...options.env, ELECTRON_EXEC_PATH: binary.path });
  return { exitCode };
}

function refuse(reason: string): LaunchOutcome {
  return { exitCode: 1, refusal: refusal(reason) };
}

function locate(options: LaunchOptions) {
  const pathFile = join(options.electronPackageDir, 'path.txt');
  return locateBinary({
    packageDir: options.electronPackageDir,
    env: options.env,
    pathTxt: existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined,
    exists: existsSync,
    join,
  });
}

/** The script behind Electron's `install-electron` bin, read from its package.json rather than assumed. */
function installScript(packageDir: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  return resolve(packageDir, manifest.bin?.['install-electron'] ?? 'install.js');
}

/** `--version` must not be mistaken for a Node script run: the variable turns the binary into plain Node. */
function probeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ELECTRON_RUN_AS_NODE: _ignored, ...rest } = env;
  return rest;
}

interface RunResult {
  status: number | null;
  output: string;
  timedOut: boolean;
}

function runNode(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): RunResult {
  return runProgram(process.execPath, [script, ...args], env, timeoutMs);
}

function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): RunResult {
  const result = spawnSync(program, args, { env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error?.message ?? ''}`;
  return { status: result.status, output, timedOut };
}

/** electron-vite's CLI in a child with the terminal attached; its exit code becomes ours. */
function runElectronViteCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('electron-vite/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  const cli = resolve(dirname(manifestPath), manifest.bin['electron-vite'] ?? 'bin/electron-vite.js');
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: 'inherit' });
    child.on('error', () => done(1));
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  try {
    const require = createRequire(import.meta.url);
    // electron/package.json, never 'electron' itself: its index.js would start a download of its own.
    const electronPackageDir = dirname(require.resolve('electron/package.json'));
    const outcome = await launchElectron(process.argv.slice(2), {
      electronPackageDir,
      env: process.env,
      platform: process.platform,
      runElectronVite: runElectronViteCli,
      say: (line) => console.log(line),
      resolves: (host) => lookup(host).then(() => true, () => false),
    });
    if (outcome.refusal) console.error(outcome.refusal);
    process.exitCode = outcome.exitCode;
  } catch (error) {
    // Whatever else goes wrong is still one sentence: a stack trace tells a desk's IT person nothing.
    const message = error instanceof Error ? error.message : String(error);
    console.error(refusal(`the launcher failed (${message.split('\n')[0]})`));
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
