import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { openCore, type Core } from './core/core';
import { SealedFileCredentialStore } from './core/credentials/credential-store';
import { openDemoStudio } from './core/providers/demo/demo-studio';
import { registerAppScheme, serveRendererFrom } from './shell/app-protocol';
import { safeStorageCipher } from './shell/safe-storage-cipher';
import { bridgeCoreOverIpc } from './shell/ipc-bridge';
import { guardEveryWebContents } from './shell/security';
import { appHost, appScheme } from './shell/trusted-url';

/**
 * The Electron shell, kept thin: a window, our protocol, the security guards and
 * the IPC transport. Everything the desk does lives in the core, which runs in
 * plain Node too (browser mode, tests).
 */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Classdesk',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  guardEveryWebContents(devServerUrl);
  serveRendererFrom(join(import.meta.dirname, '../renderer'));
  const dataDir = app.getPath('userData');
  const clock = () => new Date();
  const credentials = new SealedFileCredentialStore(join(dataDir, 'credentials.json'), safeStorageCipher());
  core = await openCore({ dataDir, clock, credentials, fallbackProviders: [await openDemoStudio({ dataDir, clock })] });
  const window = createWindow();
  const unbridge = bridgeCoreOverIpc(core, window, devServerUrl);
  window.on('closed', unbridge);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  await window.loadURL(devServerUrl ?? `${appScheme}://${appHost}/index.html`);
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void core?.close());

start().catch((error: unknown) => {
  console.error('Classdesk could not start', error);
  app.exit(1);
});
