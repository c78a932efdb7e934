import { app, autoUpdater, dialog, ipcMain, powerMonitor, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { closePinAskedChannel, closePinPattern, closeWithPinChannel, type ClosePinAnswer } from '../../src-shared/front-desk';
import { ClosePinCheck } from './close-pin';
import type { FrontDeskWords } from './front-desk-words';
import { isTrustedPageUrl } from './trusted-url';

/** The only payload the PIN channel takes. */
const ClosePinInput = z.object({ pin: z.string().regex(closePinPattern) }).strict();

export interface CloseGuardOptions {
  /** Read at every attempt, so turning the mode on or off applies at once. */
  frontDeskMode(): boolean;
  /** The SHA-256 (hex) of the PIN from policy, read at every attempt; null: a confirmation is enough. */
  closePinSha256(): string | null;
  devServerUrl: string | undefined;
  now?: () => number;
  /** The question's words in the desk's language, read at every attempt (the setting may change). */
  words(): FrontDeskWords;
}

export interface CloseGuard {
  /** What closing the window, quitting, or the tray's Quit… do in front-desk mode: ask first. */
  askToClose(): void;
  stop(): void;
}

/** Brings the desk back in front of whatever covered it (the tray's Show desk, before any question). */
export function bringToFront(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * In front-desk mode nobody closes the desk by accident: the window's close (its button, Alt+F4)
 * and any quit (the tray's Quit…, macOS's dock) are held, and Classdesk asks first. Without a PIN
 * in policy a confirmation box is enough; with one, the page shows a PIN prompt (Electron's boxes
 * take no text), the PIN comes back over IPC from the desk's own page, and only the right one
 * closes. The close button stays enabled (no setClosable(false)): a close that asks is better than
 * a button that silently does nothing. Windows logging off or shutting down is never held, nor is
 * the night's update (desk-updates.ts installs only when the gym is closed).
 */
export function guardClosing(window: BrowserWindow, options: CloseGuardOptions): CloseGuard {
  const pinCheck = new ClosePinCheck(options.now);
  /** Set once closing was agreed to (or the session ends): from then on nothing is held. */
  let released = false;
  let confirming = false;
  /** A close is waiting for the PIN: only then can a PIN close anything. */
  let pinAsked = false;

  const holding = (): boolean => !released && options.frontDeskMode();

  const holdAndAsk = (event: { preventDefault(): void }): void => {
    if (!holding()) return;
    event.preventDefault();
    askToClose();
  };
  // The system ends the session whether we agree or not; holding on would only show "Classdesk is
  // preventing shutdown" to whoever shuts the desk PC down at night (or cancel a macOS log-out).
  const release = (): void => {
    released = true;
  };

  window.on('close', holdAndAsk);
  // Windows: the session ends (log-off, shutdown). macOS and Linux: powerMonitor's 'shutdown'.
  window.on('session-end', release);
  powerMonitor.on('shutdown', release);
  // electron-updater's quitAndInstall emits this on Electron's autoUpdater on every platform just
  // before it quits (BaseUpdater for NSIS and AppImage, Squirrel.Mac natively): a held quit would
  // leave the desk on the old version, and nobody is at the counter to type a PIN at night.
  autoUpdater.on('before-quit-for-update', release);
  app.on('before-quit', holdAndAsk);
  ipcMain.handle(closeWithPinChannel, (event: IpcMainInvokeEvent, input: unknown): ClosePinAnswer => answerPin(event, input));

  function closeNow(): void {
    release();
    app.quit();
  }

  function askToClose(): void {
    if (!holding()) {
      closeNow();
      return;
    }
    bringToFront(window);
    if (options.closePinSha256() !== null) {
      pinAsked = true;
      window.webContents.send(closePinAskedChannel);
      return;
    }
    if (confirming) return;
    confirming = true;
    const words = options.words();
    void dialog
      .showMessageBox(window, {
        type: 'question',
        title: words.closeTitle,
        message: words.closeQuestion,
        detail: words.closeDetail,
        buttons: [words.keepOpen, words.close],
        // Enter and Escape both keep the desk open: closing takes a deliberate click.
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .then(({ response }) => {
        confirming = false;
        if (response !== 1) return;
        // Policy may have set a PIN while the box was open: then the PIN decides.
        if (options.closePinSha256() !== null) askToClose();
        else closeNow();
      })
      .catch((error: unknown) => {
        confirming = false;
        console.error('Classdesk: the close confirmation could not be shown', error);
      });
  }

  function answerPin(event: IpcMainInvokeEvent, input: unknown): ClosePinAnswer {
    const frameUrl = event.senderFrame?.url ?? '';
    if (event.sender !== window.webContents || !isTrustedPageUrl(frameUrl, options.devServerUrl)) return { outcome: 'refused' };
    const parsed = ClosePinInput.safeParse(input);
    if (!parsed.success) return { outcome: 'refused' };
    const expected = options.closePinSha256();
    if (!pinAsked || !holding() || expected === null) return { outcome: 'not-asked' };
    const answer = pinCheck.check(parsed.data.pin, expected);
    if (answer.outcome === 'accepted') {
      pinAsked = false;
      closeNow();
    }
    return answer;
  }

  return {
    askToClose,
    stop() {
      app.removeListener('before-quit', holdAndAsk);
      powerMonitor.removeListener('shutdown', release);
      autoUpdater.removeListener('before-quit-for-update', release);
      ipcMain.removeHandler(closeWithPinChannel);
    },
  };
}
