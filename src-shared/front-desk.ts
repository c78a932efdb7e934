/**
 * Closing the desk in front-desk mode with the PIN IT set in policy: the channels and the
 * answers, without zod, so the sandboxed preload stays tiny. Main validates every payload
 * (src-main/shell/close-guard.ts); the renderer only shows the prompt and passes the PIN on.
 */

/** Main asks the page to show the PIN prompt (no payload). */
export const closePinAskedChannel = 'main:close-pin-asked';
/** The page hands main the PIN typed into the prompt. */
export const closeWithPinChannel = 'renderer:close-with-pin';

/** What a PIN is: 4 to 12 digits, as on a door keypad; anything else never reaches the check. */
export const closePinPattern = /^\d{4,12}$/;

export type ClosePinAnswer =
  /** Right PIN: Classdesk is closing. */
  | { outcome: 'accepted' }
  | { outcome: 'wrong'; triesLeft: number }
  /** Too many wrong PINs in a row: no PIN is checked until the pause is over. */
  | { outcome: 'paused'; retryAfterSeconds: number }
  /** No close is waiting for a PIN (front-desk mode is off, or the PIN was taken out of policy). */
  | { outcome: 'not-asked' }
  /** Not the desk's window, or not a PIN at all. */
  | { outcome: 'refused' };

/** What the preload gives the page for closing, next to `window.classdesk`; absent in browser mode. */
export interface DeskCloseApi {
  /** Called whenever main wants the PIN; returns the way to stop listening. */
  onPinAsked(listener: () => void): () => void;
  submitPin(pin: string): Promise<ClosePinAnswer>;
}
