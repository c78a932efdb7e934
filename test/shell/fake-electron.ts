import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Emitter, FakeEvent, record } from './fake-events';

/**
 * A stand-in for the `electron` module (aliased in test/shell/vitest.config.ts):
 * just enough of the main-process and preload APIs the shell uses, each
 * recording what it was asked, so tests can assert what the real app would do
 * without Electron's binary. Tests get a fresh copy per `vi.resetModules()`.
 */

export { calls, Emitter, FakeEvent } from './fake-events';
export { Menu, nativeImage, Tray } from './fake-electron-tray';

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends Emitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly sent: [string, unknown][] = [];
  reloads = 0;
  destroyed = false;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  reload(): void {
    this.reloads += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Dev tools as the window has them: opening emits 'devtools-opened', as Electron does. */
  devToolsOpen = false;
  openDevTools(): void {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
  }
  closeDevTools(): void {
    record('webContents.closeDevTools');
    this.devToolsOpen = false;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpen;
  }
}

export class BrowserWindow extends Emitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  shown = false;
  focused = false;
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    record('new BrowserWindow', options);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  // Front-desk mode's window state: what the real window would look like now.
  kiosk = false;
  autoHideMenuBar = false;
  menuBarVisible = true;
  visible = false;
  setKiosk(flag: boolean): void {
    record('window.setKiosk', flag);
    this.kiosk = flag;
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setAutoHideMenuBar(hide: boolean): void {
    this.autoHideMenuBar = hide;
  }
  setMenuBarVisibility(visible: boolean): void {
    this.menuBarVisible = visible;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  /** Like the user pressing the close button or Alt+F4: true when the window really closes. */
  tryToClose(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    return !event.defaultPrevented;
  }
}

let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});

class FakeApp extends Emitter {
  isPackaged = true;
  singleInstanceLock = true;
  sandboxEnabled = false;
  readonly userData = '/nonexistent/classdesk-user-data';
  enableSandbox(): void {
    this.sandboxEnabled = true;
    record('app.enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    return ready;
  }
  /** The test's "Electron is ready now". */
  becomeReady(): void {
    record('app ready');
    markReady();
  }
  getPath(name: string): string {
    return name === 'userData' ? this.userData : `/nonexistent/${name}`;
  }
  quit(): void {
    record('app.quit');
  }
  /** The operating system's language, as Electron reports it. */
  locale = 'en-US';
  getLocale(): string {
    return this.locale;
  }
  /** The login item as Windows' Run key would hold it. */
  loginItem = { openAtLogin: false };
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { ...this.loginItem };
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    record('app.setLoginItemSettings', settings);
    this.loginItem = { openAtLogin: settings.openAtLogin ?? false };
  }
  exit(code = 0): void {
    record('app.exit', code);
  }
}
export const app = new FakeApp();

type ProtocolHandler = (request: Request) => Promise<Response> | Response;
export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record('protocol.registerSchemesAsPrivileged', schemes);
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  },
};

/** Electron's net.fetch, for file:// only: what the protocol handler reads the renderer with. */
export const net = {
  async fetch(url: string): Promise<Response> {
    record('net.fetch', url);
    try {
      return new Response(await readFile(fileURLToPath(url)), { headers: { 'Content-Type': 'text/html' } });
    } catch {
      // As Electron's does: a missing file is a network error, not a 404 response.
      throw new TypeError('net::ERR_FILE_NOT_FOUND');
    }
  },
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;
export const session = {
  defaultSession: {
    permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
    permissionCheckHandler: undefined as PermissionCheckHandler | undefined,
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      this.permissionCheckHandler = handler;
    },
    devicePermissionHandler: undefined as DevicePermissionHandler | undefined,
    setDevicePermissionHandler(handler: DevicePermissionHandler): void {
      this.devicePermissionHandler = handler;
    },
  },
};

/** Only its events: the system shutting down (macOS, Linux). */
export const powerMonitor = new Emitter();
/** Electron's own autoUpdater: the shell listens to it only for 'before-quit-for-update'. */
export const autoUpdater = new Emitter();

export const shell = {
  async openExternal(url: string): Promise<void> {
    record('shell.openExternal', url);
  },
  /** What openPath answers: '' (opened) unless a test sets the OS's error words. */
  openPathAnswer: '',
  async openPath(path: string): Promise<string> {
    record('shell.openPath', path);
    return this.openPathAnswer;
  },
};

/** A message box the shell opened; the test answers it with the index of a button. */
export interface OpenMessageBox {
  window: unknown;
  options: { message: string; detail?: string; buttons: string[]; defaultId?: number; cancelId?: number };
  answer(response: number): void;
}
export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content);
  },
  messageBoxes: [] as OpenMessageBox[],
  showMessageBox(window: unknown, options: OpenMessageBox['options']): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog.showMessageBox', options.message);
    return new Promise((resolve) => {
      this.messageBoxes.push({ window, options, answer: (response) => resolve({ response, checkboxChecked: false }) });
    });
  },
};

type InvokeHandler = (event: unknown, input: unknown) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

/** The preload side: invoke answers with whatever the test put in `answers`. */
class FakeIpcRenderer extends Emitter {
  readonly invoked: [string, unknown][] = [];
  answer: (channel: string, input: unknown) => unknown = () => ({ ok: true, value: null });
  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push([channel, input]);
    return this.answer(channel, input);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const safeStorage = {
  backend: 'gnome_libsecret',
  available: true,
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  encryptString(text: string): Buffer {
    return Buffer.from(`sealed:${text}`);
  },
  decryptString(sealed: Buffer): string {
    return sealed.toString().replace(/^sealed:/, '');
  },
};
