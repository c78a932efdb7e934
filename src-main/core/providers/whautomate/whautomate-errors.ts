import { ProviderError, type ProviderErrorDetail } from '../../provider-error';
import { deskMessage, type DeskMessageCode } from '../../../../src-shared/desk-messages';

/**
 * Whautomate's error answers, per its "REST API Error Messages" page:
 *   400 {"message": "Invalid request body"} or {"error": "Invalid parameters"}
 *   403 {"message": "Forbidden"}          missing or wrong x-api-key, or no permission
 *   404 {"error": "Invalid locationId"}   or another unknown record identifier
 *   429 too many requests (60 a minute on trial accounts, 300 subscribed)
 *   500 internal server error
 * The body carries no code and no trace id. The 403 body is exactly the one an
 * AWS API Gateway sends, so its request id header is kept as the trace id when present.
 */
export function readWhautomateError(
  _status: number,
  body: unknown,
  headers: Record<string, string | string[] | undefined>,
): ProviderErrorDetail {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const nested = fields.error !== null && typeof fields.error === 'object' ? (fields.error as Record<string, unknown>) : {};
  const providerMessage = text(fields.message) ?? text(fields.error) ?? text(nested.message);
  const providerCode = text(fields.code) ?? text(nested.code);
  const traceId = header(headers, 'x-amzn-requestid') ?? header(headers, 'x-request-id') ?? header(headers, 'apigw-requestid');
  return {
    ...(providerMessage ? { providerMessage } : {}),
    ...(providerCode ? { providerCode } : {}),
    ...(traceId ? { traceId } : {}),
  };
}

/** What the desk was doing when Whautomate said no; it picks the words. */
export type Errand = 'sync' | 'book' | 'cancel' | 'search';

/**
 * Puts a Whautomate refusal in words a receptionist can act on, keeping the
 * provider's own message, status and trace id in `detail`. Errors that are not
 * Whautomate's refusals pass through unchanged.
 */
export function inPlainWords(error: unknown, errand: Errand): unknown {
  if (!(error instanceof ProviderError)) return error;
  const { detail } = error;
  const said = detail.providerMessage;
  switch (error.code) {
    case 'unauthorized':
      return new ProviderError(whautomate('provider_key_refused'), false, 'unauthorized', detail);
    case 'forbidden':
      // Whautomate answers a missing or wrong key with 403, the same as a key without the permission.
      return new ProviderError(whautomate('provider_key_refused'), false, 'forbidden', detail);
    case 'not_found':
      if (/location/i.test(said ?? '')) return new ProviderError(whautomate('provider_location_unknown'), false, 'not_found', detail);
      return new ProviderError(whautomate(notFoundCodes[errand]), false, 'not_found', detail);
    default:
      if (detail.status !== undefined && detail.status >= 400 && detail.status < 500 && !error.retryable) {
        return new ProviderError(whautomate(refusedCodes[errand], said), false, error.code, detail);
      }
      return error;
  }
}

const whautomate = (code: DeskMessageCode, detail?: string) => deskMessage(code, { provider: 'Whautomate', detail });

const notFoundCodes: Record<Errand, DeskMessageCode> = {
  sync: 'class_not_known',
  book: 'record_not_known',
  cancel: 'booking_not_known',
  search: 'search_refused',
};

const refusedCodes: Record<Errand, DeskMessageCode> = {
  book: 'book_refused',
  cancel: 'cancel_refused',
  search: 'search_refused',
  sync: 'timetable_refused',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return text(Array.isArray(value) ? value[0] : value);
}
