import { afterEach, describe, expect, it } from 'vitest';
import { frontDeskStand, type FrontDeskStand } from './front-desk-stand';

/** Front-desk mode: what it does to the window, the menu, the login item, the tray and dev tools. */
let stand: FrontDeskStand;
afterEach(() => stand?.stop());

const webPreferences = (s: FrontDeskStand) => s.window.options['webPreferences'] as Record<string, unknown>;
const callsNamed = (s: FrontDeskStand, name: string) => s.electron.calls.filter((call) => call[0] === name);
const key = (code: string, modifiers: Partial<Record<'control' | 'shift' | 'alt' | 'meta', boolean>> = {}) => ({
  type: 'keyDown',
  key: code,
  code,
  control: false,
  shift: false,
  alt: false,
  meta: false,
  ...modifiers,
});
const pressed = (s: FrontDeskStand, input: ReturnType<typeof key>): boolean => {
  const event = new s.electron.FakeEvent();
  s.window.webContents.emit('before-input-event', event, input);
  return event.defaultPrevented;
};

describe('front-desk mode on', () => {
  it('the window is made in kiosk mode, without menu bar or dev tools', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    expect(stand.window.options).toMatchObject({ kiosk: true, autoHideMenuBar: true });
    expect(webPreferences(stand)['devTools']).toBe(false);
    expect(stand.window.kiosk).toBe(true);
    expect(stand.window.menuBarVisible).toBe(false);
    expect(stand.electron.Menu.application).toBeNull();
  });

  it('starts at login (a packaged app on Windows)', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    expect(callsNamed(stand, 'app.setLoginItemSettings')).toEqual([['app.setLoginItemSettings', { openAtLogin: true }]]);
    expect(stand.electron.app.loginItem.openAtLogin).toBe(true);
  });

  it('leaves login items alone in development and on Linux, where Electron has none', async () => {
    stand = await frontDeskStand({ frontDeskMode: true }, { packaged: false });
    expect(callsNamed(stand, 'app.setLoginItemSettings')).toEqual([]);
    stand.stop();
    stand = await frontDeskStand({ frontDeskMode: true }, { platform: 'linux' });
    expect(callsNamed(stand, 'app.setLoginItemSettings')).toEqual([]);
  });

  it('keeps an icon in the tray with Show desk and Quit…', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    expect(stand.electron.Tray.created).toHaveLength(1);
    const tray = stand.electron.Tray.created[0]!;
    expect(tray.tooltip).toBe('Classdesk');
    expect(tray.contextMenu!.items.map((item) => item.label ?? item.type)).toEqual(['Show desk', 'separator', 'Quit Classdesk…']);
    stand.window.minimized = true;
    tray.contextMenu!.item('Show desk').click!();
    expect(stand.window).toMatchObject({ minimized: false, shown: true, focused: true });
  });

  it('dev tools are closed whenever something opens them', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.window.webContents.openDevTools();
    expect(stand.window.webContents.isDevToolsOpened()).toBe(false);
    expect(callsNamed(stand, 'webContents.closeDevTools')).toHaveLength(1);
  });

  it('the dev tools shortcuts never reach Chromium; other keys do', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    expect(pressed(stand, key('F12'))).toBe(true);
    expect(pressed(stand, key('KeyI', { control: true, shift: true }))).toBe(true);
    expect(pressed(stand, key('KeyJ', { control: true, shift: true }))).toBe(true);
    expect(pressed(stand, key('KeyI', { meta: true, alt: true }))).toBe(true);
    expect(pressed(stand, key('KeyI'))).toBe(false);
    expect(pressed(stand, key('F1'))).toBe(false);
    expect(pressed(stand, key('Digit4'))).toBe(false);
  });

  it('macOS keeps a minimal app menu (it always shows one), without View and its dev tools', async () => {
    stand = await frontDeskStand({ frontDeskMode: true }, { platform: 'darwin' });
    expect(stand.electron.Menu.application!.items.map((item) => item.role)).toEqual(['appMenu', 'editMenu']);
  });
});

describe('front-desk mode off', () => {
  it('a normal window: no kiosk, dev tools available, Electron’s own menu, no tray', async () => {
    stand = await frontDeskStand({ frontDeskMode: false });
    expect(stand.window.options).toMatchObject({ kiosk: false, autoHideMenuBar: false });
    expect(webPreferences(stand)['devTools']).toBe(true);
    expect(stand.window.kiosk).toBe(false);
    expect(callsNamed(stand, 'Menu.setApplicationMenu')).toEqual([]);
    expect(stand.electron.Tray.created).toHaveLength(0);
    stand.window.webContents.openDevTools();
    expect(stand.window.webContents.isDevToolsOpened()).toBe(true);
    expect(pressed(stand, key('F12'))).toBe(false);
  });

  it('takes away a login item a front-desk session left, and writes nothing when there is none', async () => {
    stand = await frontDeskStand({ frontDeskMode: false });
    expect(callsNamed(stand, 'app.setLoginItemSettings')).toEqual([]);
    stand.stop();
    stand = await frontDeskStand({ frontDeskMode: false }, { loginItemLeftOn: true });
    expect(callsNamed(stand, 'app.setLoginItemSettings')).toEqual([['app.setLoginItemSettings', { openAtLogin: false }]]);
    expect(stand.electron.app.loginItem.openAtLogin).toBe(false);
  });
});

describe('switched live', () => {
  it('turning it on: kiosk, no menu, tray, login item, open dev tools closed', async () => {
    stand = await frontDeskStand({ frontDeskMode: false });
    stand.window.webContents.openDevTools();
    stand.settings.change({ frontDeskMode: true });
    expect(stand.window.kiosk).toBe(true);
    expect(stand.window.menuBarVisible).toBe(false);
    expect(stand.electron.Menu.application).toBeNull();
    expect(stand.electron.Tray.created).toHaveLength(1);
    expect(stand.electron.app.loginItem.openAtLogin).toBe(true);
    expect(stand.window.webContents.isDevToolsOpened()).toBe(false);
  });

  it('turning it off: a normal window again, the menu back, the tray gone, no login item', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.settings.change({ frontDeskMode: false });
    expect(stand.window.kiosk).toBe(false);
    expect(stand.window).toMatchObject({ autoHideMenuBar: false, menuBarVisible: true });
    expect(stand.electron.Menu.application!.items.map((item) => item.role)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu']);
    expect(stand.electron.Tray.created[0]!.destroyed).toBe(true);
    expect(stand.electron.app.loginItem.openAtLogin).toBe(false);
    expect(callsNamed(stand, 'app.setLoginItemSettings').at(-1)).toEqual(['app.setLoginItemSettings', { openAtLogin: false }]);
    // The window keeps devTools: false (fixed at creation), but nothing closes them any more.
    expect(pressed(stand, key('F12'))).toBe(false);
    expect(stand.window.tryToClose()).toBe(true);
  });

  it('a settings change that leaves the mode as it was changes nothing', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    const before = stand.electron.calls.length;
    stand.settings.change({ sounds: false });
    expect(stand.electron.calls.length).toBe(before);
    expect(stand.electron.Tray.created).toHaveLength(1);
  });

  it('stopping (the window closed) stops listening and takes the tray away', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.stop();
    expect(stand.settings.listeners()).toBe(0);
    expect(stand.electron.Tray.created[0]!.destroyed).toBe(true);
    expect(stand.electron.app.listenerCount('before-quit')).toBe(0);
  });
});
