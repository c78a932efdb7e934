import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { displayProblem, locateBinary } from '../../build/electron-launch-plan';

declare module 'vitest' {
  export interface ProvidedContext {
    electronBinary: string;
    display: string | undefined;
  }
}

/**
 * Finds Electron's binary (as `npm start` does) and, on Linux without a display,
 * starts Xvfb for the run. Missing either is a failure with the way to fix it,
 * never a skip: whoever runs this script asked for Electron.
 */
let xvfb: ChildProcess | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const binary = locateBinary({
    packageDir,
    env: process.env,
    pathTxt: existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined,
    exists: existsSync,
    join,
  });
  if (binary.kind !== 'present') {
    throw new Error("Electron's binary is not installed: run `npx install-electron` (or `npm start` once) on a machine with internet first.");
  }
  project.provide('electronBinary', binary.path);
  let display = process.env['DISPLAY'];
  if (displayProblem(process.platform, process.env)) display = await startXvfb();
  project.provide('display', display);
  return () => {
    xvfb?.kill();
  };
}

/** Xvfb picks a free display itself and writes its number to fd 3 (-displayfd). */
function startXvfb(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    xvfb = child;
    child.on('error', () => reject(new Error('No display and no Xvfb: install it (`apt-get install -y xvfb`) or run with a display.')));
    child.stdio[3]?.on('data', (chunk: Buffer) => resolve(`:${chunk.toString().trim()}`));
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display.`)));
  });
}
