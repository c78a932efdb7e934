import { defaultSettings, type DeskSettings, type EffectiveSettings } from '../../src-shared/settings';
import type { DeskSettingsSource } from '../../src-main/shell/desk-settings-source';
import { loadShell, type FakeElectron } from './load-shell';
import { effectiveSettings } from './settings-stand';

/**
 * Front-desk mode against the stand-in electron: a window as index.ts makes it, and settings that
 * change when the test says so (as the core's layers will when IT edits policy.json).
 */
export interface FrontDeskStand {
  electron: FakeElectron;
  window: InstanceType<FakeElectron['BrowserWindow']>;
  settings: DeskSettingsSource & { change(values: Partial<DeskSettings>): void; listeners(): number };
  stop(): void;
  /** The desk's clock, for the PIN's pauses. */
  clock: { now: number };
}

/** The SHA-256 of 2468, as IT puts it into policy.json. */
export const pin2468Sha256 = 'a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972';

export function settingsSource(initial: Partial<DeskSettings>): FrontDeskStand['settings'] {
  let values: DeskSettings = { ...defaultSettings, ...initial };
  const listeners = new Set<(settings: EffectiveSettings) => void>();
  const effective = (): EffectiveSettings => effectiveSettings(values);
  return {
    settings: effective,
    onSettings(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change(changes) {
      values = { ...values, ...changes };
      for (const listener of listeners) listener(effective());
    },
    listeners: () => listeners.size,
  };
}

export async function frontDeskStand(
  initial: Partial<DeskSettings>,
  {
    platform = 'win32',
    packaged = true,
    loginItemLeftOn = false,
    computerLocale = 'en-US',
  }: {
    platform?: NodeJS.Platform;
    packaged?: boolean;
    /** A login item an earlier session left in the Run key. */
    loginItemLeftOn?: boolean;
    /** The operating system's language, as app.getLocale() tells it. */
    computerLocale?: string;
  } = {},
): Promise<FrontDeskStand> {
  // A second instance: index.ts quits at once and leaves the stage (and ipcMain) empty for the test.
  const electron = await loadShell({ lock: false, packaged });
  electron.calls.length = 0;
  electron.app.loginItem = { openAtLogin: loginItemLeftOn };
  electron.app.locale = computerLocale;
  const { createDeskWindow } = await import('../../src-main/shell/desk-window');
  const { runFrontDesk } = await import('../../src-main/shell/front-desk');
  const settings = settingsSource(initial);
  const clock = { now: 0 };
  const window = createDeskWindow('/app/preload/index.cjs', { frontDesk: settings.settings().values.frontDeskMode });
  const frontDesk = runFrontDesk(window, {
    settings,
    devServerUrl: undefined,
    platform,
    now: () => clock.now,
  });
  return { electron, window: window as unknown as FrontDeskStand['window'], settings, stop: () => frontDesk.stop(), clock };
}
