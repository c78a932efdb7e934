import { ProviderError, type ProviderErrorDetail } from '../../provider-error';
import { WireError } from './zenoti-wire';

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
const plainWords: Record<string, string> = {
  '1001': 'Zenoti does not know this class any more. Sync and try again.',
  '1009': 'This class is not open for bookings (it may be cancelled or over).',
  '1010': 'This member is already booked or on the waitlist for this class.',
  '1011': 'The class is full.',
  '1012': 'The class is full and has no waitlist.',
  '1019': 'The waitlist for this class has closed.',
  '1022': 'Booking for this class has closed.',
};

/** Zenoti answers most refusals of a registration with code 1004 and a sentence; these are the ones it documents. */
const registrationRefusals: [RegExp, string][] = [
  [/already signed in/i, 'This member is already checked in.'],
  [/not signed in|only undo/i, 'This member is not checked in.'],
  [/cancel+ed/i, 'This booking was cancelled.'],
  [/waitlist/i, 'This member is on the waitlist, not booked into the class.'],
  [/enrolled/i, 'This member is enrolled in the class but not booked into this session.'],
  [/closed/i, 'This booking is closed in Zenoti.'],
  [/not associated|invalid/i, 'Zenoti does not know this booking any more. Sync and try again.'],
  [/started|in progress|over/i, 'The class has already started, so this can no longer be changed.'],
];

/** The same failure, said the way a receptionist can act on it. Errors that are already plain pass through. */
export function explainZenotiError(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  const { providerCode, providerMessage } = error.detail;
  const message = explanationFor(error, providerCode, providerMessage);
  if (!message || message === error.message) return error;
  const rewritten = new ProviderError(message, error.retryable, error.code, error.detail);
  rewritten.stack = error.stack;
  return rewritten;
}

function explanationFor(error: ProviderError, code: string | undefined, message: string | undefined): string | undefined {
  if (error.code === 'unauthorized' || error.code === 'rate_limited' || error.retryable) return undefined;
  if (error.code === 'forbidden') return 'The Zenoti API key has no permission for this. Ask your Zenoti admin to allow it.';
  if (message && /center/i.test(message)) return 'Zenoti does not know the center id set in Connections. Check it.';
  if (code && plainWords[code]) return plainWords[code];
  if (message) {
    for (const [pattern, words] of registrationRefusals) if (pattern.test(message)) return words;
  }
  if (error.code === 'not_found') return 'Zenoti does not know this record any more. Sync and try again.';
  return message ? `Zenoti refused: ${message}` : undefined;
}

export function settingsError(message: string): ProviderError {
  return new ProviderError(message, false, 'invalid_settings');
}

export function unreadableAnswer(what: string, problem: string): ProviderError {
  return new ProviderError(`Zenoti sent ${what} Classdesk cannot read.`, true, 'invalid_response', { providerMessage: problem });
}
