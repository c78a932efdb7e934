import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { closePinAskedChannel, closeWithPinChannel } from '../../src-shared/front-desk';
import { frontDeskStand, pin2468Sha256, type FrontDeskStand } from './front-desk-stand';

/** Closing the desk in front-desk mode: held, then a confirmation, or the PIN from policy. */
let stand: FrontDeskStand;
afterEach(() => stand?.stop());

const quits = (s: FrontDeskStand) => s.electron.calls.filter((call) => call[0] === 'app.quit').length;
const pinAsks = (s: FrontDeskStand) => s.window.webContents.sent.filter(([channel]) => channel === closePinAskedChannel).length;
const fromDesk = (s: FrontDeskStand) => ({ sender: s.window.webContents, senderFrame: { url: 'classdesk://desk/index.html' } });
const sendPin = (s: FrontDeskStand, input: unknown, from: unknown = fromDesk(s)) => s.electron.ipcMain.handlers.get(closeWithPinChannel)!(from, input);

it('the PIN in these tests is 2468, as IT would hash it', () => {
  expect(createHash('sha256').update('2468').digest('hex')).toBe(pin2468Sha256);
});

describe('without a PIN', () => {
  it('closing the window is held and a confirmation is asked, with the desk in front', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.window.minimized = true;
    expect(stand.window.tryToClose()).toBe(false);
    const [box] = stand.electron.dialog.messageBoxes;
    expect(box!.window).toBe(stand.window);
    expect(box!.options).toMatchObject({
      message: 'Close Classdesk?',
      detail: 'Check-in stops at this desk until it is opened again.',
      buttons: ['Keep Classdesk open', 'Close Classdesk'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(stand.window).toMatchObject({ minimized: false, shown: true, focused: true });
    expect(quits(stand)).toBe(0);
  });

  it('“Keep Classdesk open” keeps it open; “Close Classdesk” quits, and the close then goes through', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.window.tryToClose();
    stand.electron.dialog.messageBoxes[0]!.answer(0);
    await Promise.resolve();
    expect(quits(stand)).toBe(0);
    expect(stand.window.tryToClose()).toBe(false);
    stand.electron.dialog.messageBoxes[1]!.answer(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(quits(stand)).toBe(1);
    // app.quit closes the window and emits before-quit: neither is held any more.
    expect(stand.window.tryToClose()).toBe(true);
    const beforeQuit = new stand.electron.FakeEvent();
    stand.electron.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.defaultPrevented).toBe(false);
  });

  it('a second close while the box is open does not open another box', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.window.tryToClose();
    stand.window.tryToClose();
    expect(stand.electron.dialog.messageBoxes).toHaveLength(1);
  });

  it('quitting (the tray’s Quit…, macOS’s dock) asks the same question', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.electron.Tray.created[0]!.contextMenu!.item('Quit Classdesk…').click!();
    expect(stand.electron.dialog.messageBoxes).toHaveLength(1);
    stand.electron.dialog.messageBoxes[0]!.answer(0);
    await Promise.resolve();
    const beforeQuit = new stand.electron.FakeEvent();
    stand.electron.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.defaultPrevented).toBe(true);
    expect(stand.electron.dialog.messageBoxes).toHaveLength(2);
  });

  it('Windows logging off or shutting down is never held', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.window.emit('session-end', new stand.electron.FakeEvent());
    expect(stand.window.tryToClose()).toBe(true);
    expect(stand.electron.dialog.messageBoxes).toHaveLength(0);
  });

  it('a macOS or Linux shutdown is never held either', async () => {
    stand = await frontDeskStand({ frontDeskMode: true }, { platform: 'darwin' });
    stand.electron.powerMonitor.emit('shutdown');
    const beforeQuit = new stand.electron.FakeEvent();
    stand.electron.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.defaultPrevented).toBe(false);
    expect(stand.window.tryToClose()).toBe(true);
  });

  it('the night’s update quits and installs without asking, as electron-updater’s quitAndInstall does', async () => {
    stand = await frontDeskStand({ frontDeskMode: true, closePinSha256: pin2468Sha256 });
    stand.electron.autoUpdater.emit('before-quit-for-update');
    const beforeQuit = new stand.electron.FakeEvent();
    stand.electron.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.defaultPrevented).toBe(false);
    expect(stand.window.tryToClose()).toBe(true);
    expect(stand.electron.dialog.messageBoxes).toHaveLength(0);
  });

  it('outside front-desk mode the window just closes', async () => {
    stand = await frontDeskStand({ frontDeskMode: false });
    expect(stand.window.tryToClose()).toBe(true);
    const beforeQuit = new stand.electron.FakeEvent();
    stand.electron.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.defaultPrevented).toBe(false);
    expect(stand.electron.dialog.messageBoxes).toHaveLength(0);
  });
});

describe('with a PIN from policy', () => {
  const withPin = () => frontDeskStand({ frontDeskMode: true, closePinSha256: pin2468Sha256 });

  it('closing is held and the page is asked for the PIN (no box: Electron’s boxes take no text)', async () => {
    stand = await withPin();
    expect(stand.window.tryToClose()).toBe(false);
    expect(pinAsks(stand)).toBe(1);
    expect(stand.electron.dialog.messageBoxes).toHaveLength(0);
    expect(quits(stand)).toBe(0);
  });

  it('the right PIN from the desk’s page closes Classdesk', async () => {
    stand = await withPin();
    stand.window.tryToClose();
    expect(sendPin(stand, { pin: '2468' })).toEqual({ outcome: 'accepted' });
    expect(quits(stand)).toBe(1);
    expect(stand.window.tryToClose()).toBe(true);
  });

  it('a wrong PIN is refused and says how many tries are left; the desk stays', async () => {
    stand = await withPin();
    stand.window.tryToClose();
    expect(sendPin(stand, { pin: '1234' })).toEqual({ outcome: 'wrong', triesLeft: 4 });
    expect(sendPin(stand, { pin: '8642' })).toEqual({ outcome: 'wrong', triesLeft: 3 });
    expect(quits(stand)).toBe(0);
    expect(stand.window.tryToClose()).toBe(false);
  });

  it('five wrong PINs pause the checking, even of the right one; pauses grow; the right PIN starts over', async () => {
    stand = await withPin();
    stand.window.tryToClose();
    for (let tries = 0; tries < 4; tries += 1) sendPin(stand, { pin: '0000' });
    expect(sendPin(stand, { pin: '0000' })).toEqual({ outcome: 'paused', retryAfterSeconds: 30 });
    stand.clock.now += 10_000;
    expect(sendPin(stand, { pin: '2468' })).toEqual({ outcome: 'paused', retryAfterSeconds: 20 });
    expect(quits(stand)).toBe(0);
    stand.clock.now += 20_000;
    for (let tries = 0; tries < 4; tries += 1) sendPin(stand, { pin: '0000' });
    expect(sendPin(stand, { pin: '0000' })).toEqual({ outcome: 'paused', retryAfterSeconds: 60 });
    stand.clock.now += 60_000;
    expect(sendPin(stand, { pin: '2468' })).toEqual({ outcome: 'accepted' });
    expect(quits(stand)).toBe(1);
  });

  it('a PIN from any other web contents or frame is refused unchecked', async () => {
    stand = await withPin();
    stand.window.tryToClose();
    const stranger = { sender: new stand.electron.FakeWebContents(), senderFrame: { url: 'classdesk://desk/index.html' } };
    expect(sendPin(stand, { pin: '2468' }, stranger)).toEqual({ outcome: 'refused' });
    const foreignFrame = { sender: stand.window.webContents, senderFrame: { url: 'https://evil.example/' } };
    expect(sendPin(stand, { pin: '2468' }, foreignFrame)).toEqual({ outcome: 'refused' });
    expect(quits(stand)).toBe(0);
  });

  it('anything but { pin: 4 to 12 digits } is refused, and does not count as a try', async () => {
    stand = await withPin();
    stand.window.tryToClose();
    for (const input of [undefined, '2468', { pin: 2468 }, { pin: '24' }, { pin: '2468abc' }, { pin: '1'.repeat(13) }, { pin: '2468', more: 1 }]) {
      expect(sendPin(stand, input)).toEqual({ outcome: 'refused' });
    }
    expect(sendPin(stand, { pin: '2468' })).toEqual({ outcome: 'accepted' });
  });

  it('a PIN nobody asked for closes nothing', async () => {
    stand = await withPin();
    expect(sendPin(stand, { pin: '2468' })).toEqual({ outcome: 'not-asked' });
    expect(quits(stand)).toBe(0);
  });

  it('the tray’s Quit… asks for the PIN too', async () => {
    stand = await withPin();
    stand.electron.Tray.created[0]!.contextMenu!.item('Quit Classdesk…').click!();
    expect(pinAsks(stand)).toBe(1);
    expect(quits(stand)).toBe(0);
  });

  it('a PIN set in policy while the desk runs applies at the next close', async () => {
    stand = await frontDeskStand({ frontDeskMode: true });
    stand.settings.change({ closePinSha256: pin2468Sha256 });
    stand.window.tryToClose();
    expect(pinAsks(stand)).toBe(1);
    expect(stand.electron.dialog.messageBoxes).toHaveLength(0);
  });

  it('front-desk mode turned off while the prompt waits: the window closes freely, the PIN has nothing to close', async () => {
    stand = await withPin();
    stand.window.tryToClose();
    stand.settings.change({ frontDeskMode: false });
    expect(sendPin(stand, { pin: '2468' })).toEqual({ outcome: 'not-asked' });
    expect(stand.window.tryToClose()).toBe(true);
  });

  it('the PIN channel and the listeners go away with the window', async () => {
    stand = await withPin();
    stand.stop();
    expect(stand.electron.ipcMain.handlers.has(closeWithPinChannel)).toBe(false);
    expect(stand.electron.app.listenerCount('before-quit')).toBe(0);
    expect(stand.electron.powerMonitor.listenerCount('shutdown')).toBe(0);
    expect(stand.electron.autoUpdater.listenerCount('before-quit-for-update')).toBe(0);
  });
});
