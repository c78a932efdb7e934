import { readFileSync } from 'node:fs';
import { desktopContentSecurityPolicy } from '../../src-main/content-security';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { fakeCore, rendererFolder, startedShell, type FakeElectron } from './load-shell';

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * one test per rule that applies, against src-main/index.ts as it runs. Rules
 * about the packaged binary (fuses) are in builder-config.test.ts; the preload's
 * surface in preload.test.ts.
 */
const stand = vi.hoisted(() => ({ openCore: (_options: unknown): Promise<Core> => Promise.reject(new Error('no core set')) }));
vi.mock('../../src-main/core/core', () => ({ openCore: (options: unknown) => stand.openCore(options) }));
vi.mock('../../src-main/core/providers/demo/demo-studio', () => ({ openDemoStudio: async () => ({ name: 'demo' }) }));
// The user-data folder is made up here: nothing may be written to it, the log file neither.
vi.mock('../../src-main/core/logs/log-file', () => ({
  openLogFile: () => ({ log: (message: string) => console.error(message), recentLines: () => [], close: async () => {} }),
}));

let electron: FakeElectron;
let webPreferences: Record<string, unknown>;
beforeEach(async () => {
  stand.openCore = async () => fakeCore();
  electron = await startedShell();
  webPreferences = electron.BrowserWindow.created[0]!.options['webPreferences'] as Record<string, unknown>;
});

/** A web contents as Electron creates it, passed through the shell's guard. */
function guardedContents() {
  const contents = new electron.FakeWebContents();
  electron.app.emit('web-contents-created', new electron.FakeEvent(), contents);
  return contents;
}

function navigate(contents: InstanceType<FakeElectron['FakeWebContents']>, event: string, url: string, mainFrame = true): boolean {
  const happening = Object.assign(new electron.FakeEvent(), { url, isMainFrame: mainFrame });
  if (event === 'will-frame-navigate') contents.emit(event, happening);
  else contents.emit(event, happening, url);
  return happening.defaultPrevented;
}

describe("Electron's security checklist", () => {
  it('1. only secure content: the page comes from our own classdesk:// scheme, registered as secure and standard', () => {
    expect(electron.BrowserWindow.created[0]!.loaded).toEqual(['classdesk://desk/index.html']);
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'classdesk', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('2. no Node.js integration for the page, its workers or its frames', () => {
    expect(webPreferences).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });

  it('3. context isolation on', () => {
    expect(webPreferences['contextIsolation']).toBe(true);
  });

  it('4. process sandboxing: for this window and, through app.enableSandbox, every renderer', () => {
    expect(webPreferences['sandbox']).toBe(true);
    expect(electron.app.sandboxEnabled).toBe(true);
  });

  it('5. permission requests and checks from the page are all denied, device access too', () => {
    const { permissionRequestHandler, permissionCheckHandler, devicePermissionHandler } = electron.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      const answers: boolean[] = [];
      permissionRequestHandler!({}, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
      expect(permissionCheckHandler!({}, permission)).toBe(false);
    }
    expect(devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });

  it('6. webSecurity stays on', () => {
    expect(webPreferences['webSecurity']).toBe(true);
  });

  it('7. a Content-Security-Policy: every page the protocol serves carries it as a header', async () => {
    const { serveRendererFrom } = await import('../../src-main/shell/app-protocol');
    serveRendererFrom(rendererFolder({ 'index.html': '<!doctype html><title>Classdesk</title>' }));
    const response = await electron.protocol.handlers.get('classdesk')!(new Request('classdesk://desk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(desktopContentSecurityPolicy);
  });

  it('8. no insecure content mixed in', () => {
    expect(webPreferences['allowRunningInsecureContent']).toBe(false);
  });

  it('9. no experimental features', () => {
    expect(webPreferences['experimentalFeatures']).toBe(false);
  });

  it('10. no Blink features switched on', () => {
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('11 and 12. no webviews: the tag is off and any attempt to attach one is refused', () => {
    expect(webPreferences['webviewTag']).toBe(false);
    const contents = guardedContents();
    const attach = new electron.FakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('13. navigation stays on our page: other origins are refused in every frame and on redirects', () => {
    const contents = guardedContents();
    expect(navigate(contents, 'will-navigate', 'classdesk://desk/index.html')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'classdesk://desk.evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    // Files dropped on the window do not navigate it either.
    expect(webPreferences['navigateOnDragDrop']).toBe(false);
  });

  it('14. no new windows: every window.open and target=_blank is denied', () => {
    const contents = guardedContents();
    for (const url of ['classdesk://desk/index.html', 'https://evil.example/', 'https://docs.zenoti.com/']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('15. shell.openExternal only for the providers’ help pages, over https', () => {
    const contents = guardedContents();
    const tried = [
      'https://docs.zenoti.com/reference',
      'https://evil.example/',
      'http://docs.zenoti.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://fileserver/share',
      'https://docs.zenoti.com.evil.example/',
      'https://user:pass@docs.zenoti.com/',
    ];
    for (const url of tried) contents.windowOpenHandler!({ url });
    // A link followed in the page itself is refused as navigation and opened the same way.
    navigate(contents, 'will-navigate', 'https://developers.gympass.com/product/booking-api/1.0/getting-started');
    navigate(contents, 'will-navigate', 'ms-settings:privacy');
    expect(electron.calls.filter((call) => call[0] === 'shell.openExternal')).toEqual([
      ['shell.openExternal', 'https://docs.zenoti.com/reference'],
      ['shell.openExternal', 'https://developers.gympass.com/product/booking-api/1.0/getting-started'],
    ]);
  });

  it('16. a current Electron: 45 or newer, pinned exactly', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    const version = manifest.devDependencies['electron']!;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('17. the sender of every IPC call is checked (details in ipc-bridge.test.ts)', async () => {
    const handler = electron.ipcMain.handlers.get('renderer:hello')!;
    const stranger = { sender: new electron.FakeWebContents(), senderFrame: { url: 'classdesk://desk/index.html' } };
    await expect(handler(stranger, {})).resolves.toMatchObject({ ok: false });
  });

  it('18. no file:// page: nothing is loaded from file:, and the protocol serves only the renderer folder', async () => {
    const loaded = electron.BrowserWindow.created.flatMap((window) => window.loaded);
    expect(loaded.every((url) => !url.startsWith('file:'))).toBe(true);
    const handler = electron.protocol.handlers.get('classdesk')!;
    const escape = await handler(new Request('classdesk://desk/..%2F..%2F..%2Fetc%2Fpasswd'));
    expect(escape.status).toBe(403);
  });

  it('20. the page gets no Electron API: the preload lives in a sandboxed, isolated world (see preload.test.ts)', () => {
    expect(String(webPreferences['preload'])).toMatch(/preload[\\/]index\.cjs$/);
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true });
  });
});
