import type { SyncWindow } from './provider';
import { ProviderError } from '../provider-error';
import { deskMessage, type DeskMessageCode } from '../../../src-shared/desk-messages';

/**
 * The one check every adapter makes on the window a sync asks for, before it
 * spends any of the provider's rate budget on it. A bad window is the core's
 * mistake, not the provider's, so asking again cannot help: not retryable.
 */

/** The sync asks for yesterday to two weeks ahead; anything near two months is a mistake, and costs Zenoti an hour of calls. */
export const MAX_SYNC_WINDOW_DAYS = 62;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CheckedSyncWindow {
  fromMs: number;
  toMs: number;
  /** The same instants as `YYYY-MM-DDTHH:mm:ss.sssZ`, so adapters may compare them with session times as text. */
  from: string;
  to: string;
}

export function checkSyncWindow(window: SyncWindow): CheckedSyncWindow {
  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    throw invalidWindow('sync_window_not_instants', window);
  }
  if (toMs < fromMs) {
    throw invalidWindow('sync_window_backwards', window);
  }
  if (toMs - fromMs > MAX_SYNC_WINDOW_DAYS * DAY_MS) {
    throw invalidWindow('sync_window_too_long', window, MAX_SYNC_WINDOW_DAYS);
  }
  return { fromMs, toMs, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
}

/** The core's own mistake, told with the window it asked for (and the most days it may ask, when that was the fault). */
function invalidWindow(code: DeskMessageCode, window: SyncWindow, maxDays?: number): ProviderError {
  return new ProviderError(deskMessage(code, { from: window.from.slice(0, 100), to: window.to.slice(0, 100), maxDays }), false, 'invalid_input');
}
