import { beforeEach, describe, expect, it } from 'vitest';
import type { reloadWhenRendererGone as Recovery } from '../../src-main/shell/desk-window';
import { loadShell, type FakeElectron } from './load-shell';

/** After the page's process dies the window reloads, backing off while it keeps dying. */
let electron: FakeElectron;
let window: InstanceType<FakeElectron['BrowserWindow']>;
let clock: number;
let scheduled: { run: () => void; delayMs: number }[];
let logged: string[];

beforeEach(async () => {
  electron = await loadShell({ lock: false });
  const { reloadWhenRendererGone } = await import('../../src-main/shell/desk-window');
  window = new electron.BrowserWindow({});
  clock = 0;
  scheduled = [];
  logged = [];
  reloadWhenRendererGone(window as unknown as Parameters<typeof Recovery>[0], {
    log: (message) => logged.push(message),
    now: () => clock,
    schedule: (run, delayMs) => scheduled.push({ run, delayMs }),
  });
});

const gone = (reason: string) => window.webContents.emit('render-process-gone', {}, { reason, exitCode: 1 });

describe('render-process-gone', () => {
  it('reloads at once after a crash, and says so', () => {
    gone('crashed');
    expect(scheduled.map((entry) => entry.delayMs)).toEqual([0]);
    scheduled[0]!.run();
    expect(window.webContents.reloads).toBe(1);
    expect(logged[0]).toMatch(/crashed.*reloading/);
  });

  it('backs off while the page keeps dying, and starts over once it has stayed up', () => {
    for (const reason of ['crashed', 'oom', 'killed', 'crashed', 'abnormal-exit']) {
      gone(reason);
      clock += 1_000;
    }
    expect(scheduled.map((entry) => entry.delayMs)).toEqual([0, 1_000, 5_000, 30_000, 30_000]);
    clock += 11 * 60_000;
    gone('crashed');
    expect(scheduled.at(-1)!.delayMs).toBe(0);
  });

  it('ignores a clean exit (the window closing) and a window destroyed before the reload', () => {
    gone('clean-exit');
    expect(scheduled).toEqual([]);
    gone('crashed');
    window.destroyed = true;
    scheduled[0]!.run();
    expect(window.webContents.reloads).toBe(0);
  });
});
