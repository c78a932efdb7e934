import { app, Menu, nativeImage, Tray, type BrowserWindow, type Input } from 'electron';
import { bringToFront, guardClosing } from './close-guard';
import type { DeskSettingsSource } from './desk-settings-source';
import { frontDeskWords } from './front-desk-words';
import { trayIconDataUrl } from './tray-icon';

export interface FrontDeskOptions {
  settings: DeskSettingsSource;
  devServerUrl: string | undefined;
  /** Electron's login items and menus differ by platform; tests pick one. */
  platform?: NodeJS.Platform;
  now?: () => number;
}

export interface FrontDesk {
  stop(): void;
}

/**
 * Front-desk mode (the policy file's `frontDeskMode`): the desk fills the screen with no menu and
 * no dev tools, closing asks first (or takes the PIN from policy, see close-guard.ts), Classdesk
 * starts at login and keeps an icon in the tray. Settings apply live: turning the mode off gives
 * back a normal window, menu and close. What an app cannot lock on its own (Ctrl+Alt+Del, Task
 * Manager, an administrator) is Windows' job: README.md, "Front-desk mode".
 */
export function runFrontDesk(window: BrowserWindow, options: FrontDeskOptions): FrontDesk {
  const platform = options.platform ?? process.platform;
  let on = false;
  let tray: Tray | undefined;
  const words = () => frontDeskWords(options.settings.settings().values.language, app.getLocale());
  const guard = guardClosing(window, {
    frontDeskMode: () => on,
    closePinSha256: () => options.settings.settings().values.closePinSha256,
    devServerUrl: options.devServerUrl,
    now: options.now,
    words,
  });

  // A window made outside front-desk mode has dev tools (webPreferences.devTools is fixed when the
  // window is made): if the mode comes on later, they are shut as soon as anything opens them, and
  // their shortcuts never reach Chromium.
  window.webContents.on('devtools-opened', () => {
    if (on) window.webContents.closeDevTools();
  });
  window.webContents.on('before-input-event', (event, input) => {
    if (on && opensDevTools(input)) event.preventDefault();
  });

  const apply = (frontDeskMode: boolean): void => {
    if (frontDeskMode === on) return;
    on = frontDeskMode;
    keepLoginItem(on);
    if (on) enter();
    else leave();
  };

  function enter(): void {
    Menu.setApplicationMenu(frontDeskMenu(platform));
    window.setAutoHideMenuBar(true);
    window.setMenuBarVisibility(false);
    // Kiosk is full screen that the window's own controls and F11 do not leave.
    window.setKiosk(true);
    if (window.webContents.isDevToolsOpened()) window.webContents.closeDevTools();
    tray ??= deskTray();
  }

  function leave(): void {
    tray?.destroy();
    tray = undefined;
    window.setKiosk(false);
    window.setAutoHideMenuBar(false);
    window.setMenuBarVisibility(true);
    Menu.setApplicationMenu(normalMenu(platform));
  }

  function deskTray(): Tray {
    const icon = new Tray(nativeImage.createFromDataURL(trayIconDataUrl));
    speakTo(icon);
    // Windows' convention: a left click on the icon brings the app back.
    icon.on('click', () => bringToFront(window));
    return icon;
  }

  /** The tray's tooltip and menu in the desk's language; again whenever the setting changes. */
  function speakTo(icon: Tray): void {
    const said = words();
    icon.setToolTip(said.trayTooltip);
    icon.setContextMenu(
      Menu.buildFromTemplate([
        { label: said.showDesk, click: () => bringToFront(window) },
        { type: 'separator' },
        // The same question as closing the window: the tray is no way around the PIN.
        { label: said.quit, click: () => guard.askToClose() },
      ]),
    );
  }

  /**
   * Only a packaged app on Windows or macOS: those are the platforms Electron has login items for,
   * and in development the executable is the bare Electron binary, which would open Electron's
   * own welcome app at login. Read first, so a normal desk's start writes nothing.
   */
  function keepLoginItem(openAtLogin: boolean): void {
    if (!app.isPackaged || (platform !== 'win32' && platform !== 'darwin')) return;
    if (app.getLoginItemSettings().openAtLogin === openAtLogin) return;
    app.setLoginItemSettings({ openAtLogin });
  }

  apply(options.settings.settings().values.frontDeskMode);
  // Outside front-desk mode at start: a login item a previous front-desk session left goes.
  if (!on) keepLoginItem(false);
  let language = options.settings.settings().values.language;
  const unsubscribe = options.settings.onSettings((settings) => {
    apply(settings.values.frontDeskMode);
    if (settings.values.language === language) return;
    language = settings.values.language;
    if (tray) speakTo(tray);
  });

  return {
    stop() {
      unsubscribe();
      guard.stop();
      tray?.destroy();
      tray = undefined;
    },
  };
}

/** F12, Ctrl+Shift+I/J/C (Cmd+Alt+I/J/C on macOS): Chromium's ways into dev tools. */
function opensDevTools(input: Input): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.code === 'F12') return true;
  const inspectKey = ['KeyI', 'KeyJ', 'KeyC'].includes(input.code);
  return inspectKey && ((input.control && input.shift) || (input.meta && input.alt));
}

/**
 * On Windows and Linux `null` takes the menu bar away altogether (and with it every accelerator,
 * Toggle Developer Tools' too). macOS always shows an app menu: a minimal one, whose Quit goes
 * through the close guard (before-quit).
 */
function frontDeskMenu(platform: NodeJS.Platform): Menu | null {
  return platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null;
}

/** Electron's default menu, rebuilt from its roles, for a window leaving front-desk mode. */
function normalMenu(platform: NodeJS.Platform): Menu {
  return Menu.buildFromTemplate([
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]);
}

/** Whether a window about to be made is in front-desk mode: kiosk and dev tools are set at creation. */
export function frontDeskAtStart(settings: DeskSettingsSource): boolean {
  return settings.settings().values.frontDeskMode;
}
