import { BrowserWindow, type WebPreferences } from 'electron';

/**
 * The desk's one window. Every preference that Electron's security checklist
 * names is spelled out, even where it is Electron's default, so a future
 * default change or a careless edit shows up in review and in test/shell.
 */
export function deskWebPreferences(preloadPath: string, devTools = true): WebPreferences {
  return {
    preload: preloadPath,
    // Fixed for the window's life (Electron reads it once): front-desk mode decides at creation.
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface DeskWindowOptions {
  /**
   * Front-desk mode when the window is made: kiosk from the first frame (no flash of a normal
   * window), no menu bar, and no dev tools at all, since webPreferences.devTools cannot change
   * later. Turning the mode on afterwards is front-desk.ts's job (it closes dev tools when opened).
   */
  frontDesk: boolean;
}

export function createDeskWindow(preloadPath: string, { frontDesk }: DeskWindowOptions = { frontDesk: false }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Classdesk',
    show: false,
    kiosk: frontDesk,
    autoHideMenuBar: frontDesk,
    webPreferences: deskWebPreferences(preloadPath, !frontDesk),
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Waits before each reload after a crash: at once, then longer while the page keeps crashing. */
const reloadDelaysMs = [0, 1_000, 5_000, 30_000];
const crashMemoryMs = 10 * 60_000;

export interface RecoveryOptions {
  log: (message: string) => void;
  now?: () => number;
  schedule?: (run: () => void, delayMs: number) => void;
}

/**
 * A reception desk has nobody to click "reload" when the page's process dies
 * (out of memory, a GPU driver, a killed process): the window would stay blank
 * for the rest of the day. Reload it, backing off when it keeps dying so a
 * page that crashes at once does not spin the CPU. The core and its data are
 * untouched; the page catches up from IndexedDB and the change feed.
 */
export function reloadWhenRendererGone(window: BrowserWindow, options: RecoveryOptions): void {
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? ((run, delayMs) => void setTimeout(run, delayMs));
  let crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    // A clean exit is the window closing, not a crash.
    if (details.reason === 'clean-exit') return;
    const at = now();
    crashes = [...crashes.filter((time) => at - time < crashMemoryMs), at];
    const delayMs = reloadDelaysMs[Math.min(crashes.length, reloadDelaysMs.length) - 1] ?? 0;
    options.log(`The desk's page stopped (${details.reason}, exit code ${details.exitCode}); reloading it in ${delayMs / 1000} s.`);
    schedule(() => {
      if (!window.isDestroyed()) window.webContents.reload();
    }, delayMs);
  });
}
