import { ProviderError, type ProviderErrorDetail } from '../../provider-error';
import { WireError } from './zenoti-wire';
import type { DeskMessage } from '../../../../src-shared/desk-messages';

/**
 * Zenoti's error bodies and what they mean at the desk. Zenoti answers
 * `{"error":{"code","message"}}`; its codes are business codes (1004, 1010…),
 * not HTTP statuses. The desk shows plain words; Zenoti's own message and code
 * stay in the error's detail for the IT person.
 */

export function readZenotiError(
  _status: number,
  body: unknown,
  headers: Record<string, string | string[] | undefined>,
): ProviderErrorDetail {
  const parsed = WireError.safeParse(body);
  const error = parsed.success ? parsed.data : undefined;
  const code = error?.error?.code;
  const message = error?.error?.message ?? error?.Message ?? error?.message ?? undefined;
  const trace = headers['x-request-id'] ?? headers['x-correlation-id'];
  return {
    ...(code !== undefined && code !== null && String(code) !== '' ? { providerCode: String(code) } : {}),
    ...(message ? { providerMessage: message } : {}),
    ...(trace ? { traceId: Array.isArray(trace) ? trace.join(', ') : trace } : {}),
  };
}

/** Zenoti codes that have one meaning wherever they come. */
const meanings: Record<string, DeskMessage> = {
  '1001': { code: 'class_not_known', params: { provider: 'Zenoti' } },
  '1009': { code: 'class_not_bookable' },
  '1010': { code: 'already_booked' },
  '1011': { code: 'class_full' },
  '1012': { code: 'class_full_no_waitlist' },
  '1019': { code: 'waitlist_closed' },
  '1022': { code: 'booking_closed' },
};

/** Zenoti answers most refusals of a registration with code 1004 and a sentence; these are the ones it documents. */
const registrationRefusals: [RegExp, DeskMessage][] = [
  [/already signed in/i, { code: 'already_checked_in' }],
  [/not signed in|only undo/i, { code: 'not_checked_in' }],
  [/cancel+ed/i, { code: 'booking_cancelled' }],
  [/waitlist/i, { code: 'on_waitlist_not_booked' }],
  [/enrolled/i, { code: 'enrolled_not_booked' }],
  [/closed/i, { code: 'booking_closed_in_system', params: { provider: 'Zenoti' } }],
  [/not associated|invalid/i, { code: 'booking_not_known', params: { provider: 'Zenoti' } }],
  [/started|in progress|over/i, { code: 'class_started_no_change' }],
];

/** The same failure, as the code a receptionist can act on. Errors that already say it pass through. */
export function explainZenotiError(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  const { providerCode, providerMessage } = error.detail;
  const said = explanationFor(error, providerCode, providerMessage);
  if (!said || said.code === error.said.code) return error;
  const rewritten = new ProviderError(said, error.retryable, error.code, error.detail);
  rewritten.stack = error.stack;
  return rewritten;
}

function explanationFor(error: ProviderError, code: string | undefined, message: string | undefined): DeskMessage | undefined {
  if (error.code === 'unauthorized' || error.code === 'rate_limited' || error.retryable) return undefined;
  if (error.code === 'forbidden') return { code: 'provider_key_forbidden', params: { provider: 'Zenoti' } };
  if (message && /center/i.test(message)) return { code: 'settings_center_unknown' };
  if (code && meanings[code]) return meanings[code];
  if (message) {
    for (const [pattern, said] of registrationRefusals) if (pattern.test(message)) return said;
  }
  if (error.code === 'not_found') return { code: 'record_not_known', params: { provider: 'Zenoti' } };
  return message ? { code: 'provider_refused', params: { provider: 'Zenoti', detail: message } } : undefined;
}

export function settingsError(said: DeskMessage): ProviderError {
  return new ProviderError(said, false, 'invalid_settings');
}

export function unreadableAnswer(_what: string, problem: string): ProviderError {
  return new ProviderError({ code: 'provider_unreadable', params: { provider: 'Zenoti' } }, true, 'invalid_response', { providerMessage: problem });
}
