import { ProviderError } from '../provider-error';

/**
 * Whether a failed read of one class's roster concerns that class alone. The
 * provider answered that one call with an error (404, a 5xx that outlasted the
 * retries, an answer Classdesk cannot read): the rest of the sync goes on and
 * the class is reported in `ProviderFetch.unreadRosters`, so the store keeps
 * the bookings it knew instead of taking the class for empty.
 *
 * A key that stopped working, a provider out of reach or a rate limit that
 * outlasted the retries would fail every next read the same way: the pass
 * fails as a whole and the sync engine backs off.
 */
const WHOLE_PASS_FAILURES: ReadonlySet<string> = new Set(['unauthorized', 'forbidden', 'rate_limited', 'network', 'timeout']);

export function isRosterOnlyFailure(error: unknown): error is ProviderError {
  return error instanceof ProviderError && !WHOLE_PASS_FAILURES.has(error.code ?? '');
}
