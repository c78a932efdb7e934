import { ProviderError, type ProviderErrorDetail } from '../../provider-error';

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
      return new ProviderError('Whautomate did not accept the API key. Check it in Connections.', false, 'unauthorized', detail);
    case 'forbidden':
      // Whautomate answers a missing or wrong key with 403, the same as a key without the permission.
      return new ProviderError(
        'Whautomate did not accept the API key, or the key may not do this. Check the key in Connections.',
        false,
        'forbidden',
        detail,
      );
    case 'not_found':
      if (/location/i.test(said ?? '')) {
        return new ProviderError(
          'Whautomate does not know the location id set for this connection. Check it in Connections.',
          false,
          'not_found',
          detail,
        );
      }
      return new ProviderError(notFoundWords[errand], false, 'not_found', detail);
    default:
      if (detail.status !== undefined && detail.status >= 400 && detail.status < 500 && !error.retryable) {
        return new ProviderError(refusedWords(errand, said), false, error.code, detail);
      }
      return error;
  }
}

const notFoundWords: Record<Errand, string> = {
  sync: 'Whautomate no longer has this class.',
  book: 'Whautomate does not know this member or this class any more.',
  cancel: 'Whautomate no longer has this booking or its class.',
  search: 'Whautomate could not search its clients.',
};

function refusedWords(errand: Errand, said: string | undefined): string {
  const because = said ? `: ${said.replace(/\.$/, '')}.` : '.';
  switch (errand) {
    case 'book':
      return `Whautomate did not accept the booking${because}`;
    case 'cancel':
      return `Whautomate did not cancel the booking${because}`;
    case 'search':
      return `Whautomate did not accept the search${because}`;
    case 'sync':
      return `Whautomate refused to send the timetable${because}`;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return text(Array.isArray(value) ? value[0] : value);
}
