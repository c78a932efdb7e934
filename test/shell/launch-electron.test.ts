import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayProblem, explainInstallFailure, explainProbeFailure, locateBinary, refusal } from '../../build/electron-launch-plan';
import { launchElectron, type LaunchOptions } from '../../build/launch-electron';

/**
 * `npm start` / `npm run dev` (build/launch-electron.ts) against stand-ins: a
 * temporary `electron` package whose install-electron succeeds or fails the way
 * the real one does, and a stand-in executable in its dist/ (never Electron's
 * real binary, which cannot be had here). electron-vite itself is recorded, not run.
 */
const installOutputs = {
  offline: 'TypeError: fetch failed',
  notFound: 'HTTPError: Response code 404 (Not Found) for https://github.com/electron/electron/releases/download/v45.4.1/x.zip',
};

interface StandIn {
  dir: string;
  installRan: () => boolean;
}

/** An electron package; `install` says what its install-electron does. */
function electronPackage(install: { fails: string } | { writes: string } | 'not-needed', binary = '#!/bin/sh\necho v45.4.1\n'): StandIn {
  const dir = mkdtempSync(join(tmpdir(), 'classdesk-electron-'));
  const marker = join(dir, 'install-ran');
  // CommonJS, as Electron's own install script is.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', type: 'commonjs', bin: { 'install-electron': 'install.js' } }));
  const placeBinary = `fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), ${JSON.stringify(binary)}, { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`;
  const body =
    install === 'not-needed' || 'writes' in install
      ? placeBinary
      : `console.error(${JSON.stringify(install.fails)} + '\\n    at downloadArtifact (node_modules/@electron/get/dist/index.js:1:1)'); process.exit(1);`;
  writeFileSync(
    join(dir, 'install.js'),
    `const fs = require('fs'); const path = require('path');\nfs.writeFileSync(${JSON.stringify(marker)}, '');\n${body}\n`,
  );
  if (install === 'not-needed') {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), binary);
    chmodSync(join(dir, 'dist', 'electron'), 0o755);
    writeFileSync(join(dir, 'path.txt'), 'electron');
  }
  return { dir, installRan: () => existsSync(marker) };
}

interface Run {
  exitCode: number;
  refusal: string | undefined;
  viteCalls: { args: string[]; env: NodeJS.ProcessEnv }[];
  said: string[];
}

async function launch(argv: string[], standIn: StandIn, overrides: Partial<LaunchOptions> = {}): Promise<Run> {
  const viteCalls: Run['viteCalls'] = [];
  const said: string[] = [];
  const outcome = await launchElectron(argv, {
    electronPackageDir: standIn.dir,
    env: { PATH: process.env['PATH'], DISPLAY: ':0' },
    platform: 'linux',
    runElectronVite: async (args, env) => {
      viteCalls.push({ args, env });
      return 0;
    },
    say: (line) => said.push(line),
    resolves: async () => true,
    ...overrides,
  });
  return { exitCode: outcome.exitCode, refusal: outcome.refusal, viteCalls, said };
}

const posixOnly = process.platform !== 'win32';

describe('launching the desktop app', () => {
  it('without a display: one sentence naming the reason and npm run web, exit 1, nothing downloaded', async () => {
    const standIn = electronPackage({ writes: 'binary' });
    const run = await launch(['start'], standIn, { env: { PATH: process.env['PATH'] } });
    expect(run.exitCode).toBe(1);
    expect(run.refusal).toBe(
      "Classdesk's desktop app cannot start here: this machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set). Run `npm run web` to use Classdesk in a browser instead.",
    );
    expect(standIn.installRan()).toBe(false);
    expect(run.viteCalls).toEqual([]);
  });

  it.runIf(posixOnly)('binary missing, no network: install-electron is run, and its failure is one sentence', async () => {
    const standIn = electronPackage({ fails: installOutputs.offline });
    const run = await launch(['start'], standIn, { resolves: async () => false });
    expect(standIn.installRan()).toBe(true);
    expect(run.exitCode).toBe(1);
    expect(run.refusal).toContain("Electron's binary is not installed and could not be downloaded (no network: github.com cannot be resolved)");
    expect(run.refusal).toContain('npm run web');
    expect(run.refusal).not.toMatch(/\n|\bat /);
    expect(run.viteCalls).toEqual([]);
  });

  it.runIf(posixOnly)('binary missing, download refused by the server: the HTTP status is the reason', async () => {
    const run = await launch(['dev'], electronPackage({ fails: installOutputs.notFound }));
    expect(run.refusal).toContain('(the download server answered HTTP 404)');
  });

  it('binary missing and downloads forbidden (CI sets ELECTRON_SKIP_BINARY_DOWNLOAD): refused without trying', async () => {
    const standIn = electronPackage({ writes: 'binary' });
    const run = await launch(['start'], standIn, { env: { DISPLAY: ':0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    expect(run.refusal).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD forbids downloading it');
    expect(standIn.installRan()).toBe(false);
  });

  it.runIf(posixOnly)('binary missing, install-electron fetches it: electron-vite runs with the binary named', async () => {
    const standIn = electronPackage({ writes: 'binary' });
    const run = await launch(['start', '--sourcemap'], standIn);
    expect(standIn.installRan()).toBe(true);
    expect(run.said).toEqual([expect.stringContaining('install-electron')]);
    expect(run.exitCode).toBe(0);
    expect(run.viteCalls).toHaveLength(1);
    expect(run.viteCalls[0]!.args).toEqual(['preview', '--sourcemap']);
    expect(run.viteCalls[0]!.env['ELECTRON_EXEC_PATH']).toBe(join(standIn.dir, 'dist', 'electron'));
  });

  it.runIf(posixOnly)('binary present: no download; `dev` runs electron-vite dev and its exit code is ours', async () => {
    const standIn = electronPackage('not-needed');
    const run = await launch(['dev'], standIn, { runElectronVite: async () => 3 });
    expect(standIn.installRan()).toBe(false);
    expect(run.exitCode).toBe(3);
    expect(run.refusal).toBeUndefined();
  });

  it.runIf(posixOnly)('binary present but unable to run (a missing system library): says which', async () => {
    const broken = '#!/bin/sh\necho "electron: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2\nexit 127\n';
    const run = await launch(['start'], electronPackage('not-needed', broken));
    expect(run.refusal).toContain("Electron's binary cannot run on this machine (system library libnss3.so is missing)");
    expect(run.viteCalls).toEqual([]);
  });

  it('ELECTRON_EXEC_PATH naming nothing is refused, never "fixed" by a download', async () => {
    const standIn = electronPackage({ writes: 'binary' });
    const run = await launch(['start'], standIn, { env: { DISPLAY: ':0', ELECTRON_EXEC_PATH: '/nowhere/electron' } });
    expect(run.refusal).toContain('ELECTRON_EXEC_PATH names /nowhere/electron, which does not exist');
    expect(standIn.installRan()).toBe(false);
  });

  it('an unknown mode is refused', async () => {
    const run = await launch(['package'], electronPackage('not-needed'));
    expect(run.refusal).toContain('`package` is not a launch mode');
  });

  it.runIf(process.platform === 'linux')('the real `npm start` script without a display: one line on stderr, exit 1, no stack trace', () => {
    const env = { ...process.env };
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'build/launch-electron.ts', 'start'], { env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([refusal('this machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set)')]);
  });
});

describe('launch decisions', () => {
  it('a display is needed on Linux and the BSDs only; X11 or Wayland will do', () => {
    expect(displayProblem('linux', {})).toBeDefined();
    expect(displayProblem('linux', { DISPLAY: ' ' })).toBeDefined();
    expect(displayProblem('linux', { DISPLAY: ':99' })).toBeUndefined();
    expect(displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeUndefined();
    expect(displayProblem('openbsd', {})).toBeDefined();
    expect(displayProblem('darwin', {})).toBeUndefined();
    expect(displayProblem('win32', {})).toBeUndefined();
  });

  it('finds the binary as electron-vite does, and checks that the file is there', () => {
    const present = new Set(['/pkg/dist/electron', '/elsewhere/electron']);
    const facts = { packageDir: '/pkg', env: {}, pathTxt: 'electron', exists: (path: string) => present.has(path), join: (...parts: string[]) => parts.join('/') };
    expect(locateBinary(facts)).toEqual({ kind: 'present', path: '/pkg/dist/electron' });
    expect(locateBinary({ ...facts, pathTxt: undefined })).toEqual({ kind: 'missing', expectedAt: undefined });
    expect(locateBinary({ ...facts, env: { ELECTRON_OVERRIDE_DIST_PATH: '/elsewhere' } })).toEqual({ kind: 'present', path: '/elsewhere/electron' });
    expect(locateBinary({ ...facts, exists: () => false })).toEqual({ kind: 'missing', expectedAt: '/pkg/dist/electron' });
  });

  it('names the reason a download failed', () => {
    expect(explainInstallFailure('getaddrinfo ENOTFOUND github.com', false)).toContain('no network: github.com cannot be resolved');
    expect(explainInstallFailure('connect ECONNREFUSED 140.82.121.3:443', false)).toContain('no network connection');
    expect(explainInstallFailure('TypeError: fetch failed', false)).toContain('no network connection');
    expect(explainInstallFailure('unable to get local issuer certificate', false)).toContain('TLS certificate');
    expect(explainInstallFailure('Error: Generated checksum for "electron.zip" did not match', false)).toContain('checksum');
    expect(explainInstallFailure('', true)).toContain('did not finish in time');
    expect(explainInstallFailure('Error: disk full\n    at write (x.js:1:1)', false)).toContain('install-electron said: Error: disk full');
  });

  it('names why a present binary does not run', () => {
    expect(explainProbeFailure('/b', '', true)).toContain('did not answer');
    expect(explainProbeFailure('/b', 'Illegal instruction', false)).toContain('does not run (Illegal instruction)');
  });
});
