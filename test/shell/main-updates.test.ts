import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { eventChannel } from '../../src-shared/command-names';
import { fakeCore, settle, startedShell, type FakeCore } from './load-shell';

// src-main/index.ts's wiring of updates, with a stand-in core (as main-process.test.ts) and a
// stand-in for electron-updater's autoUpdater, handed over where the shell loads the real one.
const stand = vi.hoisted(() => {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  return {
    openCore: (_options: unknown): Promise<Core> => Promise.reject(new Error('no core set')),
    /** What reached the desk's log file. */
    logged: [] as string[],
    loads: 0,
    updater: {
      autoDownload: false,
      autoInstallOnAppQuit: true,
      allowPrerelease: false,
      allowDowngrade: false,
      channel: null as string | null,
      logger: null as unknown,
      checks: 0,
      listeners,
      setFeedURL: () => undefined,
      async checkForUpdates() {
        this.checks += 1;
        return null;
      },
      quitAndInstall: () => undefined,
      on(event: string, listener: (...args: unknown[]) => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      },
      removeListener(event: string, listener: (...args: unknown[]) => void) {
        listeners.set(event, (listeners.get(event) ?? []).filter((candidate) => candidate !== listener));
      },
      emit(event: string, ...args: unknown[]) {
        for (const listener of listeners.get(event) ?? []) listener(...args);
      },
    },
  };
});
vi.mock('../../src-main/core/core', () => ({ openCore: (options: unknown) => stand.openCore(options) }));
vi.mock('../../src-main/core/providers/demo/demo-studio', () => ({ openDemoStudio: async () => ({ name: 'demo' }) }));
vi.mock('../../src-main/core/logs/log-file', () => ({
  openLogFile: () => ({ log: (message: string) => stand.logged.push(message), recentLines: () => [], close: async () => {} }),
}));
vi.mock('../../src-main/shell/auto-updater', () => ({
  loadAutoUpdater: () => {
    stand.loads += 1;
    return stand.updater;
  },
}));

let core: FakeCore;
beforeEach(() => {
  core = fakeCore();
  stand.openCore = async () => core;
  stand.loads = 0;
  stand.logged = [];
  stand.updater.checks = 0;
  stand.updater.listeners.clear();
  // An AppImage: the one Linux install that updates itself (the tests run on Linux).
  process.env['APPIMAGE'] = '/opt/Classdesk.AppImage';
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  delete process.env['APPIMAGE'];
  vi.restoreAllMocks();
});

describe('updates in the running desk', () => {
  it('the installed desk looks once its window is open; a ready update reaches the page', async () => {
    const electron = await startedShell({ packaged: true });
    await settle();
    const window = electron.BrowserWindow.created[0]!;
    expect(window.loaded).toHaveLength(1);
    expect(stand.loads).toBe(1);
    expect(stand.updater.checks).toBe(1);
    stand.updater.emit('update-downloaded', { version: '1.2.0' });
    expect(window.webContents.sent).toContainEqual([
      eventChannel,
      { name: 'update', payload: expect.objectContaining({ state: 'ready', version: '1.2.0' }) },
    ]);
  });

  it('what the updates say goes into the desk’s log file, where support looks', async () => {
    await startedShell({ packaged: true });
    await settle();
    expect(stand.logged).toContain('updates: looking at https://updates.classdesk.invalid/desk on the latest channel');
  });

  it('quitting stops them: electron-updater is let go', async () => {
    const electron = await startedShell({ packaged: true });
    await settle();
    electron.app.emit('will-quit', new electron.FakeEvent());
    await settle();
    expect(stand.updater.listeners.get('update-downloaded')).toEqual([]);
  });

  it('a development run never loads electron-updater', async () => {
    await startedShell({ packaged: false });
    await settle();
    expect(stand.loads).toBe(0);
  });
});
