import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { vi } from 'vitest';
import type { SettingsCore } from '../../src-main/core/core';
import type { CommandResult, DeskEvent } from '../../src-shared/contract';
import type * as FakeElectronModule from './fake-electron';
import { effectiveSettings } from './settings-stand';

/**
 * Loads src-main/index.ts as Electron would run it, against a fresh stand-in
 * `electron` (see fake-electron.ts) and a stand-in core, and hands both back.
 * The test files mock the core's modules to call `stand.openCore` (vi.mock must
 * sit in the test file itself), so one test can make opening fail or hang.
 */
export type FakeElectron = typeof FakeElectronModule;

export interface FakeCore extends SettingsCore {
  readonly handled: [string, unknown][];
  readonly closeCalls: number;
  publish(event: DeskEvent): void;
  finishClosing(): void;
}

export function fakeCore(): FakeCore {
  const listeners = new Set<(event: DeskEvent) => void>();
  const handled: [string, unknown][] = [];
  let closeCalls = 0;
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    handled,
    get closeCalls() {
      return closeCalls;
    },
    handle: async (command: string, input: unknown): Promise<CommandResult<unknown>> => {
      handled.push([command, input]);
      return { ok: true, value: `answer to ${command}` };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closeCalls += 1;
      return closed;
    },
    settings: () => effectiveSettings(),
    onSettings: () => () => undefined,
    publish: (event) => listeners.forEach((listener) => listener(event)),
    finishClosing: () => finish(),
  };
}

export interface ShellSetup {
  /** Whether this process gets the single-instance lock (false: another Classdesk runs). */
  lock?: boolean;
  packaged?: boolean;
  devServerUrl?: string;
}

export async function loadShell(setup: ShellSetup = {}): Promise<FakeElectron> {
  vi.resetModules();
  // Same file as the alias target, so the shell and the test share this fresh instance.
  const electron = await import('./fake-electron');
  electron.app.singleInstanceLock = setup.lock ?? true;
  electron.app.isPackaged = setup.packaged ?? true;
  if (setup.devServerUrl === undefined) delete process.env['ELECTRON_RENDERER_URL'];
  else process.env['ELECTRON_RENDERER_URL'] = setup.devServerUrl;
  await import('../../src-main/index');
  return electron;
}

/** Lets the shell's start() run as far as it can (it awaits a few promises in a row). */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** `ready` + settle: the window exists and its page has been asked for. */
export async function startedShell(setup: ShellSetup = {}): Promise<FakeElectron> {
  const electron = await loadShell(setup);
  electron.app.becomeReady();
  await settle();
  return electron;
}

/** A built renderer folder with the given files, for the classdesk:// protocol to serve. */
export function rendererFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'classdesk-renderer-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}
