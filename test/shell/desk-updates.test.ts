import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateNotice } from '../../src-shared/contract';
import { weekdays, type DeskSettings, type EffectiveSettings, type OpeningHours } from '../../src-shared/settings';
import { checkEveryMs, startDeskUpdates, type DeskUpdater, type DeskUpdates } from '../../src-main/shell/desk-updates';
import type { Installation } from '../../src-main/updates/update-policy';
import { effectiveSettings } from './settings-stand';

/**
 * The shell's side of updates, with electron-updater replaced by a stand-in that records what the
 * shell set and asked, and lets the test say "downloaded". The clock is the test's (fake timers):
 * Berlin, summer time, 2026-06-01 is a Monday; the default hours are 06:00–23:00 daily.
 */
class StandInUpdater extends EventEmitter implements DeskUpdater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowPrerelease = false;
  allowDowngrade = false;
  private chosenChannel: string | null = null;
  logger: DeskUpdater['logger'] = null;
  feeds: unknown[] = [];
  checks = 0;
  installs: [boolean | undefined, boolean | undefined][] = [];
  failChecks = false;
  get channel(): string | null {
    return this.chosenChannel;
  }
  set channel(value: string | null) {
    // As electron-updater does: choosing a channel allows downgrades.
    this.chosenChannel = value;
    this.allowDowngrade = true;
  }
  setFeedURL(options: unknown): void {
    this.feeds.push(options);
  }
  async checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    if (this.failChecks) {
      const error = new Error('net::ERR_NAME_NOT_RESOLVED');
      this.emit('error', error);
      throw error;
    }
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
  downloaded(version: string): void {
    this.emit('update-downloaded', { version });
  }
}

class StandInSettings {
  private readonly listeners = new Set<(settings: EffectiveSettings) => void>();
  current = effectiveSettings();
  settings = () => this.current;
  onSettings = (listener: (settings: EffectiveSettings) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  change(values: Partial<DeskSettings>): void {
    this.current = { ...this.current, values: { ...this.current.values, ...values } };
    for (const listener of this.listeners) listener(this.current);
  }
}

const windowsDesk: Installation = { packaged: true, platform: 'win32', appImage: undefined, forEveryone: false };
const everyDay = (opens: string, closes: string) => Object.fromEntries(weekdays.map((day) => [day, [{ opens, closes }]])) as unknown as OpeningHours;

let updater: StandInUpdater;
let settings: StandInSettings;
let notices: UpdateNotice[];
let logs: string[];
let loads: number;
let updates: DeskUpdates | undefined;

function start(installation: Installation = windowsDesk): DeskUpdates {
  updates = startDeskUpdates({
    settings,
    installation,
    loadUpdater: async () => {
      loads += 1;
      return updater;
    },
    tell: (notice) => notices.push(notice),
    log: (message) => logs.push(message),
    timeZone: () => 'Europe/Berlin',
  });
  return updates;
}

/** Runs timers due within `ms` and the promises they start. */
const pass = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-06-01T08:00:00Z') }); // 10:00 in Berlin, the gym is open
  updater = new StandInUpdater();
  settings = new StandInSettings();
  notices = [];
  logs = [];
  loads = 0;
});

afterEach(() => {
  updates?.stop();
  updates = undefined;
  vi.useRealTimers();
});

describe('looking for updates', () => {
  it('sets up electron-updater from the settings and checks at once, then every few hours', async () => {
    start();
    await pass(0);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.classdesk.invalid/desk', channel: 'latest' }]);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false, channel: 'latest', allowPrerelease: false });
    // electron-updater allows downgrades once a channel is set; the desk never goes back a version.
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.checks).toBe(1);
    await pass(checkEveryMs);
    expect(updater.checks).toBe(2);
  });

  it('a new channel or address configures it again and checks at once', async () => {
    start();
    await pass(0);
    settings.change({ updateChannel: 'beta', updateUrl: 'https://updates.example.test/gym' });
    await pass(0);
    expect(updater.feeds.at(-1)).toEqual({ provider: 'generic', url: 'https://updates.example.test/gym', channel: 'beta' });
    expect(updater).toMatchObject({ channel: 'beta', allowPrerelease: true, allowDowngrade: false });
    expect(updater.checks).toBe(2);
    // Opening hours are no reason to look again.
    settings.change({ openingHours: everyDay('07:00', '21:00') });
    await pass(0);
    expect(updater.checks).toBe(2);
  });

  it('a failed check is logged and the next one comes on time', async () => {
    updater.failChecks = true;
    start();
    await pass(0);
    expect(logs).toContain('updates: failed: net::ERR_NAME_NOT_RESOLVED');
    await pass(checkEveryMs);
    expect(updater.checks).toBe(2);
  });

  it('electron-updater failing to load is logged, and the next check loads and sets it up', async () => {
    let attempts = 0;
    updates = startDeskUpdates({
      settings,
      installation: windowsDesk,
      loadUpdater: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('app-update.yml is missing');
        return updater;
      },
      tell: (notice) => notices.push(notice),
      log: (message) => logs.push(message),
      timeZone: () => 'Europe/Berlin',
    });
    await pass(0);
    expect(logs).toContain('updates: could not start: app-update.yml is missing');
    expect(updater.checks).toBe(0);
    await pass(checkEveryMs);
    expect(updater.feeds).toHaveLength(1);
    expect(updater.checks).toBe(1);
  });

  it('switched off in the settings (a policy can lock it): electron-updater is never even loaded', async () => {
    settings.change({ updates: false });
    start();
    await pass(checkEveryMs * 3);
    expect(loads).toBe(0);
    expect(updater.checks).toBe(0);
  });

  it('a development run and a .deb install never look', async () => {
    start({ ...windowsDesk, packaged: false });
    await pass(checkEveryMs);
    updates!.stop();
    start({ ...windowsDesk, platform: 'linux' });
    await pass(checkEveryMs);
    expect(loads).toBe(0);
  });
});

describe('installing only when the gym is closed', () => {
  it('downloaded while open: the strip hears "ready, at 23:00", and the desk restarts at 23:00, not before', async () => {
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    expect(notices.at(-1)).toEqual({ state: 'ready', version: '1.2.0', installAt: '2026-06-01T21:00:00.000Z' });
    await pass(hours(13) - 1); // to 22:59:59.999 Berlin
    expect(updater.installs).toEqual([]);
    await pass(1);
    // Silently, and the desk starts again afterwards.
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('an installer that did not start: checks go on, and the next download tries again', async () => {
    vi.setSystemTime(new Date('2026-06-01T22:00:00Z')); // midnight in Berlin
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    await pass(0);
    // quitAndInstall returned and the desk is still running (electron-updater could not start the installer).
    const checksBefore = updater.checks;
    await pass(checkEveryMs);
    expect(updater.checks).toBe(checksBefore + 1);
    updater.downloaded('1.2.0'); // what electron-updater says again for the file it already has
    await pass(0);
    expect(updater.installs).toHaveLength(2);
  });

  it('downloaded while closed for long enough: installs right away', async () => {
    vi.setSystemTime(new Date('2026-06-01T22:00:00Z')); // midnight in Berlin
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    await pass(0);
    expect(updater.installs).toHaveLength(1);
  });

  it('new opening hours move the moment', async () => {
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    settings.change({ openingHours: everyDay('06:00', '20:00') });
    expect(notices.at(-1)).toMatchObject({ installAt: '2026-06-01T18:00:00.000Z' });
    await pass(hours(10));
    expect(updater.installs).toHaveLength(1);
  });

  it('a clock set back while waiting: the desk looks again and does not restart while open', async () => {
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    await pass(hours(13) - minutes(1)); // 22:59 Berlin
    vi.setSystemTime(new Date('2026-06-01T10:00:00Z')); // someone sets the PC to 12:00
    await pass(minutes(1));
    expect(updater.installs).toEqual([]);
    expect(notices.at(-1)).toMatchObject({ installAt: '2026-06-01T21:00:00.000Z' });
  });

  it('a PC that slept past closing time installs at its next hourly look', async () => {
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    vi.setSystemTime(new Date('2026-06-01T21:30:00Z')); // woke at 23:30, timers had not run
    await pass(hours(1));
    expect(updater.installs).toHaveLength(1);
  });

  it('open around the clock: ready, no moment, never restarts by itself', async () => {
    settings.change({ openingHours: everyDay('00:00', '24:00') });
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    expect(notices.at(-1)).toEqual({ state: 'ready', version: '1.2.0', installAt: null });
    await pass(hours(24 * 8));
    expect(updater.installs).toEqual([]);
  });

  it('switched off after the download: the note goes, nothing installs, no more checks', async () => {
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    settings.change({ updates: false });
    expect(notices.at(-1)).toEqual({ state: 'none' });
    expect(updates!.notice()).toEqual({ state: 'none' });
    await pass(hours(24));
    expect(updater.installs).toEqual([]);
    expect(updater.checks).toBe(1);
  });

  it('a download finishing after updates were switched off is not installed when they come back on', async () => {
    start();
    await pass(0);
    settings.change({ updates: false });
    updater.downloaded('1.2.0');
    settings.change({ updates: true });
    await pass(hours(24));
    expect(notices.some((notice) => notice.state === 'ready')).toBe(false);
    expect(updater.installs).toEqual([]);
  });

  it('stopped (the desk quits): nothing installs afterwards and electron-updater is let go', async () => {
    start();
    await pass(0);
    updater.downloaded('1.2.0');
    updates!.stop();
    await pass(hours(24));
    expect(updater.installs).toEqual([]);
    expect(updater.listenerCount('update-downloaded')).toBe(0);
  });
});
