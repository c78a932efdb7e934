import type { DeskSettings, UpdateChannel } from '../../src-shared/settings';

/**
 * What the desk's settings say about updates, decided in plain Node so it is tested without
 * Electron: whether to look at all, where, and on which channel. When a downloaded update may be
 * installed is opening-hours.ts's part.
 */

/**
 * Where updates come from when no layer names an address (package.json's build.publish.url says the
 * same, for the app-update.yml electron-builder writes). A placeholder until the update server
 * exists: `.invalid` never resolves, so a desk built today finds nothing rather than a stranger's
 * server. Provisioning or policy sets `updateUrl` to the real one.
 */
export const builtInFeedUrl = 'https://updates.classdesk.invalid/desk';

/** electron-builder's names for the feed files: latest.yml (latest-mac.yml, …) and beta.yml. */
export const feedChannels: Record<UpdateChannel, 'latest' | 'beta'> = { stable: 'latest', beta: 'beta' };

export type UpdatePlan =
  | { check: false; why: string }
  | {
      check: true;
      feedUrl: string;
      channel: 'latest' | 'beta';
      /** Beta desks take prerelease versions (1.4.0-beta.2); stable ones never do. */
      allowPrerelease: boolean;
    };

/** Where and how this copy of the app was installed, as far as updating it matters. */
export interface Installation {
  /** Electron's app.isPackaged: a development run has no installer to update. */
  packaged: boolean;
  platform: NodeJS.Platform;
  /** Set by the AppImage runtime; a Linux desk without it was installed from a .deb. */
  appImage: string | undefined;
  /** Windows: installed for everyone on the PC (under Program Files), not just for this user. */
  forEveryone: boolean;
}

/** Reads the installation from the running process (index.ts passes Electron's and Node's values). */
export function describeInstallation(packaged: boolean, platform: NodeJS.Platform, execPath: string, env: NodeJS.ProcessEnv): Installation {
  const programFolders = [env['ProgramFiles'], env['ProgramFiles(x86)'], env['ProgramW6432']].filter((root): root is string => !!root);
  const lowerPath = execPath.toLowerCase();
  const forEveryone =
    platform === 'win32' && programFolders.some((root) => lowerPath.startsWith(`${root.toLowerCase().replace(/\\+$/, '')}\\`));
  return { packaged, platform, appImage: env['APPIMAGE'], forEveryone };
}

export type UpdateSettings = Pick<DeskSettings, 'updates' | 'updateChannel' | 'updateUrl'>;

export function planUpdates(settings: UpdateSettings, installation: Installation): UpdatePlan {
  if (!settings.updates) return { check: false, why: 'updates are switched off in the settings' };
  if (!installation.packaged) return { check: false, why: 'not an installed build (development run)' };
  if (installation.platform === 'linux' && !installation.appImage) {
    // electron-updater would install a .deb through pkexec, which asks for an administrator's
    // password: at night, with nobody at the desk, that leaves the desk closed in the morning.
    return { check: false, why: 'a .deb install is updated through the system’s package manager' };
  }
  if (installation.platform === 'win32' && installation.forEveryone) {
    // Updating Program Files needs an administrator: Windows would ask (UAC) at night, nobody
    // answers, and the desk stays closed. Where IT installs for everyone, IT rolls out versions.
    return { check: false, why: 'a per-machine install needs an administrator to update' };
  }
  return {
    check: true,
    feedUrl: settings.updateUrl ?? builtInFeedUrl,
    channel: feedChannels[settings.updateChannel],
    allowPrerelease: settings.updateChannel === 'beta',
  };
}

/** Whether two plans would configure the updater differently (a new check is then due). */
export function samePlan(a: UpdatePlan, b: UpdatePlan): boolean {
  if (!a.check || !b.check) return a.check === b.check;
  return a.feedUrl === b.feedUrl && a.channel === b.channel && a.allowPrerelease === b.allowPrerelease;
}
