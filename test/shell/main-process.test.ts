import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettingsCore } from '../../src-main/core/core';
import { commandChannel, commandNames, eventChannel } from '../../src-shared/command-names';
import { closeWithPinChannel } from '../../src-shared/front-desk';
import { openTodaysRostersChannel } from '../../src-shared/paper';
import { fakeCore, loadShell, settle, startedShell, type FakeCore } from './load-shell';

// src-main/index.ts as Electron runs it, against the stand-in electron module and a stand-in core.
const stand = vi.hoisted(() => ({ openCore: (_options: unknown): Promise<SettingsCore> => Promise.reject(new Error('no core set')) }));
vi.mock('../../src-main/core/core', () => ({ openCore: (options: unknown) => stand.openCore(options) }));
vi.mock('../../src-main/core/providers/demo/demo-studio', () => ({ openDemoStudio: async () => ({ name: 'demo' }) }));
// The user-data folder is made up here: nothing may be written to it, the log file neither.
vi.mock('../../src-main/core/logs/log-file', () => ({
  openLogFile: () => ({ log: (message: string) => console.error(message), recentLines: () => [], close: async () => {} }),
}));

let core: FakeCore;
let coreOpenings: unknown[];
beforeEach(() => {
  core = fakeCore();
  coreOpenings = [];
  stand.openCore = async (options) => {
    coreOpenings.push(options);
    return core;
  };
});

describe('starting', () => {
  it('turns the sandbox on and registers its scheme before Electron is ready, as Electron requires', async () => {
    const electron = await loadShell();
    const order = electron.calls.map((call) => call[0]);
    expect(order.slice(0, 3)).toEqual(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
    electron.app.becomeReady();
    await settle();
    expect(order.indexOf('app.enableSandbox')).toBeLessThan(electron.calls.findIndex((call) => call[0] === 'app ready'));
  });

  it('opens the core in the user-data folder, then one window on the packaged page', async () => {
    const electron = await startedShell();
    expect(coreOpenings).toEqual([expect.objectContaining({ dataDir: electron.app.userData })]);
    expect(electron.BrowserWindow.created).toHaveLength(1);
    const [window] = electron.BrowserWindow.created;
    expect(window!.loaded).toEqual(['classdesk://desk/index.html']);
    // Shown only once painted, so the desk never flashes an empty white window.
    expect(window!.options['show']).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.shown).toBe(true);
  });

  it('loads electron-vite’s dev server only when the app is not packaged', async () => {
    const dev = await startedShell({ packaged: false, devServerUrl: 'http://localhost:5173' });
    expect(dev.BrowserWindow.created[0]!.loaded).toEqual(['http://localhost:5173']);
    const packaged = await startedShell({ packaged: true, devServerUrl: 'http://localhost:5173' });
    expect(packaged.BrowserWindow.created[0]!.loaded).toEqual(['classdesk://desk/index.html']);
  });

  it('says why in a box and exits 1 when the core cannot open', async () => {
    stand.openCore = () => Promise.reject(new Error('The data folder cannot be written'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const electron = await startedShell();
    expect(electron.calls).toContainEqual(['dialog.showErrorBox', 'Classdesk could not start', 'The data folder cannot be written']);
    expect(electron.calls.at(-1)).toEqual(['app.exit', 1]);
    expect(electron.BrowserWindow.created).toHaveLength(0);
    errors.mockRestore();
  });
});

describe('front-desk mode, as the built-in defaults have it (off) until the settings layers are connected', () => {
  it('a normal window: not kiosk, dev tools available, no tray, no login item written, closing just closes', async () => {
    const electron = await startedShell();
    const window = electron.BrowserWindow.created[0]!;
    expect(window.options).toMatchObject({ kiosk: false, autoHideMenuBar: false });
    expect((window.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(true);
    expect(electron.Tray.created).toHaveLength(0);
    expect(electron.calls.map((call) => call[0])).not.toContain('app.setLoginItemSettings');
    expect(window.tryToClose()).toBe(true);
  });
});

describe('one desk per user', () => {
  it('a second instance starts nothing: no core, no window, no handlers — it quits', async () => {
    const electron = await loadShell({ lock: false });
    electron.app.becomeReady();
    await settle();
    expect(electron.calls.map((call) => call[0])).toContain('app.quit');
    expect(coreOpenings).toEqual([]);
    expect(electron.BrowserWindow.created).toHaveLength(0);
    expect(electron.protocol.handlers.size).toBe(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(electron.app.listenerCount('second-instance')).toBe(0);
    expect(electron.app.listenerCount('will-quit')).toBe(0);
    expect(electron.app.listenerCount('web-contents-created')).toBe(0);
  });

  it('the first instance comes to the front, restored, when a second one is started', async () => {
    const electron = await startedShell();
    const window = electron.BrowserWindow.created[0]!;
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
    expect(electron.BrowserWindow.created).toHaveLength(1);
  });

  it('a second instance arriving before the window exists is harmless', async () => {
    const electron = await loadShell();
    expect(() => electron.app.emit('second-instance')).not.toThrow();
  });
});

describe('the page’s process dies', () => {
  it('the window reloads its page (the core keeps running)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const electron = await startedShell();
    const window = electron.BrowserWindow.created[0]!;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(window.webContents.reloads).toBe(1);
    expect(core.closeCalls).toBe(0);
    vi.restoreAllMocks();
  });
});

describe('IPC', () => {
  it('one handler per contract command, each reaching the core only from the desk window, front-desk mode’s PIN and the paper', async () => {
    const electron = await startedShell();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...commandNames.map(commandChannel), closeWithPinChannel, openTodaysRostersChannel].sort());
    const window = electron.BrowserWindow.created[0]!;
    const handler = electron.ipcMain.handlers.get(commandChannel('hello'))!;
    const fromDesk = { sender: window.webContents, senderFrame: { url: 'classdesk://desk/index.html' } };
    await expect(handler(fromDesk, { a: 1 })).resolves.toEqual({ ok: true, value: 'answer to hello' });
    expect(core.handled).toEqual([['hello', { a: 1 }]]);
  });

  it('core events reach the window; closing the window takes the handlers away', async () => {
    const electron = await startedShell();
    const window = electron.BrowserWindow.created[0]!;
    const event = { name: 'status', status: {} } as never;
    core.publish(event);
    expect(window.webContents.sent).toEqual([[eventChannel, event]]);
    window.emit('closed');
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});

describe('quitting', () => {
  it('the core is closed before the process exits, and the exit waits for it', async () => {
    const electron = await startedShell();
    const { FakeEvent } = electron;
    electron.app.emit('window-all-closed');
    expect(electron.calls.at(-1)).toEqual(['app.quit']);
    const quitsBefore = electron.calls.filter((call) => call[0] === 'app.quit').length;

    const firstWillQuit = new FakeEvent();
    electron.app.emit('will-quit', firstWillQuit);
    expect(firstWillQuit.defaultPrevented).toBe(true);
    await settle();
    expect(core.closeCalls).toBe(1);
    // Still closing: nothing has asked Electron to go on quitting yet.
    expect(electron.calls.filter((call) => call[0] === 'app.quit')).toHaveLength(quitsBefore);

    core.finishClosing();
    await settle();
    expect(electron.calls.filter((call) => call[0] === 'app.quit')).toHaveLength(quitsBefore + 1);
    const secondWillQuit = new FakeEvent();
    electron.app.emit('will-quit', secondWillQuit);
    expect(secondWillQuit.defaultPrevented).toBe(false);
    expect(core.closeCalls).toBe(1);
  });

  it('quitting while the core is still opening waits for it to open, then closes it', async () => {
    let open: (core: SettingsCore) => void = () => undefined;
    stand.openCore = () => new Promise<SettingsCore>((resolve) => (open = resolve));
    const electron = await startedShell();
    const willQuit = new electron.FakeEvent();
    electron.app.emit('will-quit', willQuit);
    expect(willQuit.defaultPrevented).toBe(true);
    open(core);
    core.finishClosing();
    await settle();
    expect(core.closeCalls).toBe(1);
    expect(electron.calls.at(-1)).toEqual(['app.quit']);
  });

  it('quitting before anything opened lets Electron go at once', async () => {
    const electron = await loadShell();
    const willQuit = new electron.FakeEvent();
    electron.app.emit('will-quit', willQuit);
    expect(willQuit.defaultPrevented).toBe(false);
  });
});
