import type { SyncWindow } from './provider';
import { ProviderError } from '../provider-error';

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
    throw invalidWindow(`The sync asked for a time window that is not made of real instants (${window.from} to ${window.to}).`);
  }
  if (toMs < fromMs) {
    throw invalidWindow(`The sync asked for a time window that ends before it begins (${window.from} to ${window.to}).`);
  }
  if (toMs - fromMs > MAX_SYNC_WINDOW_DAYS * DAY_MS) {
    throw invalidWindow(`The sync asked for more than ${MAX_SYNC_WINDOW_DAYS} days at once (${window.from} to ${window.to}).`);
  }
  return { fromMs, toMs, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
}

function invalidWindow(message: string): ProviderError {
  return new ProviderError(message, false, 'invalid_input');
}
