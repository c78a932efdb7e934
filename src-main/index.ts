import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { systemClock } from './core/clock';
import { openDeskCore, type DeskCore } from './core/open-desk-core';
import { registerAppScheme, serveRendererFrom } from './shell/app-protocol';
import { createDeskWindow, reloadWhenRendererGone } from './shell/desk-window';
import { startDeskUpdates, type DeskUpdates } from './shell/desk-updates';
import { frontDeskAtStart, runFrontDesk } from './shell/front-desk';
import { bridgeCoreOverIpc } from './shell/ipc-bridge';
import { bridgePaperOverIpc } from './shell/paper-opener';
import { outageKitFolder } from './core/outage-kit/kit-folder';
import { safeStorageCipher } from './shell/safe-storage-cipher';
import { guardEveryWebContents } from './shell/security';
import { ShellNews } from './shell/shell-news';
import { appHost, appScheme } from './shell/trusted-url';
import { describeInstallation } from './updates/update-policy';

/**
 * The Electron shell, kept thin: a window, our protocol, the security guards and
 * the IPC transport. Everything the desk does lives in the core, which runs in
 * plain Node too (browser mode, tests).
 */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

app.enableSandbox();
registerAppScheme();

if (app.requestSingleInstanceLock()) {
  runDesk();
} else {
  // Another Classdesk already serves this desk, with this user-data folder and its store:
  // Electron tells it through 'second-instance' and it comes to the front. This one opens
  // nothing — no core, no window — and leaves.
  app.quit();
}

function runDesk(): void {
  let window: BrowserWindow | undefined;
  let opening: Promise<DeskCore> | undefined;
  let opened: DeskCore | undefined;
  let coreClosed = false;
  let quitting = false;
  let updates: DeskUpdates | undefined;
  // Into the desk's log file once the core is open (support reads that file), the console before.
  const log = (message: string) => (opened ? opened.log(message) : console.error(`Classdesk: ${message}`));
  const news = new ShellNews(log);

  app.on('second-instance', () => {
    if (window === undefined || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Electron ends the process as soon as will-quit's handlers return; the store must be
  // closed first (its write-ahead log checkpointed, timers stopped), so the exit waits for it.
  app.on('will-quit', (event) => {
    quitting = true;
    updates?.stop();
    if (opening === undefined || coreClosed) return;
    event.preventDefault();
    const core = opening;
    opening = undefined;
    // The log file closes with the core: from here the shell's lines go to the console.
    opened = undefined;
    void core
      .then((closing) => closing.close())
      .catch((error: unknown) => console.error('Classdesk: closing the desk service failed', error))
      .finally(() => {
        coreClosed = true;
        app.quit();
      });
  });

  async function start(): Promise<void> {
    await app.whenReady();
    guardEveryWebContents(devServerUrl);
    serveRendererFrom(join(import.meta.dirname, '../renderer'));
    // The store in Electron's user-data folder, the keys sealed by the OS keychain.
    opening = openDeskCore({ dataDir: app.getPath('userData'), clock: systemClock, cipher: safeStorageCipher(), credentialsFile: 'credentials.json' });
    const core = await opening;
    opened = core;
    // Quit while the core was opening: will-quit is closing it, and a window now would outlive it.
    if (quitting) return;
    // The settings in force (front-desk mode, the close PIN, updates) come from the core's layers:
    // defaults < IT's config.json < the desk's own < IT's policy.json, live as they change.
    const deskSettings = core;
    window = createDeskWindow(join(import.meta.dirname, '../preload/index.cjs'), { frontDesk: frontDeskAtStart(deskSettings) });
    reloadWhenRendererGone(window, { log });
    const unbridge = bridgeCoreOverIpc(core, window, devServerUrl, news);
    const unbridgePaper = bridgePaperOverIpc(core, window, outageKitFolder(app.getPath('userData')), devServerUrl);
    const frontDesk = runFrontDesk(window, { settings: deskSettings, devServerUrl });
    window.on('closed', () => {
      unbridge();
      unbridgePaper();
      frontDesk.stop();
    });
    await window.loadURL(devServerUrl ?? `${appScheme}://${appHost}/index.html`);
    if (quitting) return;
    // After the window: a desk first shows today's classes, then looks for updates.
    updates = startDeskUpdates({
      settings: deskSettings,
      installation: describeInstallation(app.isPackaged, process.platform, process.execPath, process.env),
      loadUpdater: async () => (await import('./shell/auto-updater')).loadAutoUpdater(),
      tell: (notice) => news.tell({ name: 'update', payload: notice }),
      log,
    });
  }

  start().catch((error: unknown) => {
    console.error('Classdesk could not start', error);
    // A desk PC has no terminal in sight: say it in a box before leaving.
    dialog.showErrorBox('Classdesk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
