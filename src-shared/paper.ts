import type { DeskMessage } from './desk-messages';
/**
 * "Print today's rosters" in the Electron desk: the page asks, main writes the outage kit and
 * opens the location's PDF with the PC's own viewer (which prints it). Without zod, so the
 * sandboxed preload stays tiny; main validates the payload (src-main/shell/paper-opener.ts).
 */

/** The page asks main to open its location's paper of today: `{ locationId }`. */
export const openTodaysRostersChannel = 'renderer:open-todays-rosters';

export type PaperOpenAnswer =
  /** The PDF is open in the PC's viewer. */
  | { outcome: 'opened'; file: string }
  /** The core wrote no paper for this location (the renderer words it in the desk's language). */
  | { outcome: 'none' }
  /**
   * The kit could not be written, or the PC has no program for PDFs: why, in the OS's words, or
   * what the core said (`said`, a code the desk words; `reason` then holds it for the log).
   */
  | { outcome: 'failed'; reason: string; said?: DeskMessage }
  /** Not the desk's window, not a location id, or a file outside the kit's pattern. */
  | { outcome: 'refused' };

/** What the preload gives the page next to `window.classdesk`; absent in browser mode. */
export interface DeskPaperApi {
  openTodaysRosters(locationId: string): Promise<PaperOpenAnswer>;
}
