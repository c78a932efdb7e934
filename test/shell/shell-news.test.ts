import { beforeEach, describe, expect, it } from 'vitest';
import type { bridgeCoreOverIpc as Bridge } from '../../src-main/shell/ipc-bridge';
import type { ShellNews as News } from '../../src-main/shell/shell-news';
import { commandChannel, eventChannel } from '../../src-shared/command-names';
import type { DeskEvent } from '../../src-shared/contract';
import { fakeCore, loadShell, type FakeElectron } from './load-shell';

/** The shell's own news (an update waiting) reaches the page over the same event channel as the core's. */
let electron: FakeElectron;
let window: InstanceType<FakeElectron['BrowserWindow']>;
let news: News;
let logs: string[];

const ready: DeskEvent = { name: 'update', payload: { state: 'ready', version: '1.2.0', installAt: '2026-06-01T21:00:00.000Z' } };

beforeEach(async () => {
  electron = await loadShell({ lock: false });
  window = new electron.BrowserWindow({});
  logs = [];
  const { ShellNews } = await import('../../src-main/shell/shell-news');
  news = new ShellNews((message) => logs.push(message));
  const { bridgeCoreOverIpc } = await import('../../src-main/shell/ipc-bridge');
  bridgeCoreOverIpc(fakeCore(), window as unknown as Parameters<typeof Bridge>[1], undefined, news);
});

const hello = () => electron.ipcMain.handlers.get(commandChannel('hello'))!({ sender: window.webContents, senderFrame: { url: 'classdesk://desk/index.html' } }, {});

describe('shell news over IPC', () => {
  it('is forwarded to the window as a desk event', () => {
    news.tell(ready);
    expect(window.webContents.sent).toEqual([[eventChannel, ready]]);
  });

  it('is checked against the contract: what does not match never reaches the page', () => {
    news.tell({ name: 'update', payload: { state: 'ready', version: '', installAt: 'tonight' } } as unknown as DeskEvent);
    expect(window.webContents.sent).toEqual([]);
    expect(logs[0]).toMatch(/does not match the contract/);
  });

  it('a page that (re)loads hears the latest news after its hello', async () => {
    news.tell({ name: 'update', payload: { state: 'none' } });
    news.tell(ready);
    window.webContents.sent.length = 0;
    await hello();
    expect(window.webContents.sent).toEqual([[eventChannel, ready]]);
  });

  it('a refused hello hears nothing', async () => {
    news.tell(ready);
    window.webContents.sent.length = 0;
    await electron.ipcMain.handlers.get(commandChannel('hello'))!({ sender: window.webContents, senderFrame: { url: 'https://evil.example/' } }, {});
    expect(window.webContents.sent).toEqual([]);
  });
});
