import type { UpdateNotice } from '../../src-shared/contract';
import type { EffectiveSettings } from '../../src-shared/settings';
import { defaultQuietMinutes, nextInstallMoment, staysClosed } from '../updates/opening-hours';
import type { DeskSettingsSource } from './desk-settings-source';
import { planUpdates, samePlan, type Installation, type UpdatePlan } from '../updates/update-policy';

/**
 * The desk's updates, the Electron side kept thin: electron-updater looks, downloads and installs;
 * the policy (src-main/updates) says whether, where, on which channel and when. A downloaded update
 * installs only when the gym is closed and stays closed for a while: the desk never restarts itself
 * while members are at the counter. Until then the status strip says an update is ready.
 */

/** The part of electron-updater's autoUpdater the desk uses (auto-updater.ts checks the real one fits). */
export interface DeskUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

export interface DeskUpdatesOptions {
  settings: DeskSettingsSource;
  installation: Installation;
  /** Loaded only once updates are on: electron-updater reads the packaged app's files when it starts. */
  loadUpdater: () => Promise<DeskUpdater>;
  /** What the status strip should say; called only when it changes. */
  tell: (notice: UpdateNotice) => void;
  log: (message: string) => void;
  now?: () => Date;
  /** The gym's time zone; the desk PC stands in the gym, so by default its own. */
  timeZone?: () => string;
  checkEveryMs?: number;
  quietMinutes?: number;
}

export interface DeskUpdates {
  /** What the status strip should say now. */
  notice(): UpdateNotice;
  stop(): void;
}

/** Often enough that a release reaches every desk within a working day, rarely enough for the server. */
export const checkEveryMs = 4 * 60 * 60 * 1000;
/**
 * A wait for the install moment wakes at least this often to look again: a PC that slept or had its
 * clock set would otherwise install at the wrong hour, since timers count elapsed time, not the clock.
 */
const recheckEveryMs = 60 * 60 * 1000;

export function startDeskUpdates(options: DeskUpdatesOptions): DeskUpdates {
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const quietMinutes = options.quietMinutes ?? defaultQuietMinutes;
  const log = (message: string) => options.log(`updates: ${message}`);

  let plan: UpdatePlan = { check: false, why: 'not started' };
  let updater: Promise<DeskUpdater> | undefined;
  let downloaded: string | undefined;
  let notice: UpdateNotice = { state: 'none' };
  let checkTimer: ReturnType<typeof setInterval> | undefined;
  let installTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let current = options.settings.settings();

  function say(next: UpdateNotice): void {
    if (JSON.stringify(next) === JSON.stringify(notice)) return;
    notice = next;
    options.tell(next);
  }

  const onDownloaded = (info: { version: string }) => {
    log(`version ${info.version} downloaded`);
    // A download that finishes after updates were switched off is not kept for later.
    if (!plan.check) return;
    downloaded = info.version;
    planInstall();
  };
  const onError = (error: Error) => log(`failed: ${error.message}`);

  function loadUpdater(): Promise<DeskUpdater> {
    updater ??= options.loadUpdater().then(
      (loaded) => {
        loaded.logger = { info: (m) => log(String(m)), warn: (m) => log(String(m)), error: (m) => log(String(m)) };
        loaded.on('update-downloaded', onDownloaded);
        loaded.on('error', onError);
        return loaded;
      },
      (error: unknown) => {
        // Forgotten, so the next check tries again.
        updater = undefined;
        throw error;
      },
    );
    return updater;
  }

  function configure(target: DeskUpdater, active: Extract<UpdatePlan, { check: true }>): void {
    target.autoDownload = true;
    // Installing on quit would install whenever someone closes the desk, opening hours or not.
    target.autoInstallOnAppQuit = false;
    target.setFeedURL({ provider: 'generic', url: active.feedUrl, channel: active.channel });
    target.channel = active.channel;
    // Setting a channel turns downgrades on: a desk leaving beta would fall back to an older
    // stable version, whose store may not read what the newer one wrote. It waits for stable to pass it.
    target.allowDowngrade = false;
    target.allowPrerelease = active.allowPrerelease;
  }

  /** Never rejects: it runs from a timer, and an unhandled rejection would reach the desk as an error box. */
  async function check(): Promise<void> {
    let target: DeskUpdater;
    try {
      target = await loadUpdater();
    } catch (error) {
      log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (stopped || !plan.check) return;
    // Every time, from the plan in force: cheap, and right even if the first load failed.
    configure(target, plan);
    // A failed check was already told through 'error' (logged above); the next one comes in a few hours.
    await target.checkForUpdates().catch(() => undefined);
  }

  function planInstall(): void {
    clearTimeout(installTimer);
    installTimer = undefined;
    if (stopped || !plan.check || downloaded === undefined) return;
    const version = downloaded;
    const at = new Date(now().getTime());
    let installAt: Date | null;
    try {
      installAt = nextInstallMoment(current.values.openingHours, at, timeZone(), quietMinutes);
    } catch (error) {
      log(`cannot tell when the gym is closed (${error instanceof Error ? error.message : String(error)}); the update waits`);
      say({ state: 'ready', version, installAt: null });
      return;
    }
    say({ state: 'ready', version, installAt: installAt?.toISOString() ?? null });
    if (installAt === null) {
      log(`the opening hours leave no closed ${quietMinutes} minutes: version ${version} waits until they do`);
      return;
    }
    const wait = Math.max(0, Math.min(installAt.getTime() - at.getTime(), recheckEveryMs));
    installTimer = setTimeout(installIfClosed, wait);
  }

  function installIfClosed(): void {
    installTimer = undefined;
    if (stopped || !plan.check || downloaded === undefined || updater === undefined) return;
    let closed = false;
    try {
      closed = staysClosed(current.values.openingHours, now(), timeZone(), quietMinutes);
    } catch {
      // planInstall below says why and waits.
    }
    if (!closed) {
      planInstall();
      return;
    }
    const version = downloaded;
    void updater
      .then((target) => {
        if (stopped || !plan.check) return;
        log(`installing version ${version}: the gym is closed`);
        // Checks go on: should the installer not start, the next check downloads it again and retries.
        // Silent (no installer window at night), then start the desk again for the morning.
        target.quitAndInstall(true, true);
      })
      .catch((error: unknown) => log(`could not install: ${error instanceof Error ? error.message : String(error)}`));
  }

  function stopTimers(): void {
    clearInterval(checkTimer);
    clearTimeout(installTimer);
    checkTimer = undefined;
    installTimer = undefined;
  }

  function apply(settings: EffectiveSettings): void {
    if (stopped) return;
    current = settings;
    const next = planUpdates(settings.values, options.installation);
    const changed = !samePlan(plan, next);
    plan = next;
    if (!next.check) {
      if (changed) log(`off: ${next.why}`);
      stopTimers();
      // Forgotten, not installed: updates may have been switched off because of that very version.
      // Should they come back on, the next check finds what is then current.
      downloaded = undefined;
      say({ state: 'none' });
      return;
    }
    if (changed) {
      log(`looking at ${next.feedUrl} on the ${next.channel} channel`);
      void check();
      clearInterval(checkTimer);
      checkTimer = setInterval(() => void check(), options.checkEveryMs ?? checkEveryMs);
    }
    // New opening hours move the install moment; a plan that did not change keeps its download.
    planInstall();
  }

  apply(current);
  const unsubscribe = options.settings.onSettings(apply);

  return {
    notice: () => notice,
    stop() {
      stopped = true;
      stopTimers();
      unsubscribe();
      void updater
        ?.then((target) => {
          target.removeListener('update-downloaded', onDownloaded);
          target.removeListener('error', onError);
        })
        .catch(() => undefined); // never loaded: nothing to let go
    },
  };
}
