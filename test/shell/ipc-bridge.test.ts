import { beforeEach, describe, expect, it } from 'vitest';
import type { bridgeCoreOverIpc as Bridge } from '../../src-main/shell/ipc-bridge';
import { commandChannel, eventChannel } from '../../src-shared/command-names';
import { fakeCore, loadShell, type FakeCore, type FakeElectron } from './load-shell';

/** Checklist rule 17 in detail: a command reaches the core only from our window's own page. */
let electron: FakeElectron;
let core: FakeCore;
let window: InstanceType<FakeElectron['BrowserWindow']>;
let unbridge: () => void;

async function bridge(devServerUrl?: string) {
  const { bridgeCoreOverIpc } = await import('../../src-main/shell/ipc-bridge');
  // The fake stands in for Electron's BrowserWindow; the shell only uses what the fake has.
  unbridge = bridgeCoreOverIpc(core, window as unknown as Parameters<typeof Bridge>[1], devServerUrl);
}

function call(sender: unknown, frameUrl: string | null, command = 'hello') {
  const senderFrame = frameUrl === null ? null : { url: frameUrl };
  return electron.ipcMain.handlers.get(commandChannel(command as 'hello'))!({ sender, senderFrame }, { from: frameUrl });
}

beforeEach(async () => {
  electron = await loadShell({ lock: false });
  core = fakeCore();
  window = new electron.BrowserWindow({});
});

describe('IPC sender checks', () => {
  it('accepts the desk window’s own page', async () => {
    await bridge();
    await expect(call(window.webContents, 'classdesk://desk/index.html')).resolves.toEqual({ ok: true, value: 'answer to hello' });
    expect(core.handled).toHaveLength(1);
  });

  it('refuses other web contents, foreign or look-alike frames, and a frame that is gone', async () => {
    await bridge();
    const refused = [
      await call(new electron.FakeWebContents(), 'classdesk://desk/index.html'),
      await call(window.webContents, 'https://evil.example/'),
      await call(window.webContents, 'classdesk://desk.evil.example/index.html'),
      await call(window.webContents, 'file:///tmp/index.html'),
      await call(window.webContents, 'http://localhost:5173/'),
      await call(window.webContents, null),
    ];
    for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.handled).toEqual([]);
  });

  it('accepts the dev server only in development, and only its exact origin', async () => {
    await bridge('http://localhost:5173');
    await expect(call(window.webContents, 'http://localhost:5173/')).resolves.toMatchObject({ ok: true });
    await expect(call(window.webContents, 'http://localhost:5174/')).resolves.toMatchObject({ ok: false });
    await expect(call(window.webContents, 'http://localhost:5173@evil.example/')).resolves.toMatchObject({ ok: false });
  });

  it('events go to the window while it lives; unbridging takes every handler away', async () => {
    await bridge();
    core.publish({ name: 'x' } as never);
    window.destroyed = true;
    core.publish({ name: 'y' } as never);
    expect(window.webContents.sent).toEqual([[eventChannel, { name: 'x' }]]);
    unbridge();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});
