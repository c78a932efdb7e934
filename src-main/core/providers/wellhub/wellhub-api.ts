import type { Method } from 'got';
import type { ConnectionSettings } from '../../../../src-shared/connections';
import { ProviderHttp, type HttpAnswer, type RequestOptions } from '../../http/provider-http';
import type { RateLimit } from '../../http/rate-limit';
import type { ProviderContext } from '../provider';
import { ProviderError, type ProviderErrorDetail } from '../../provider-error';
import { WireErrorBody } from './wellhub-wire';
import { deskMessage } from '../../../../src-shared/desk-messages';

/** Production host of both the Booking API (/booking/v1, /booking/v2) and the Access Control API (/access/v1). */
export const WELLHUB_PRODUCTION_URL = 'https://api.partners.gympass.com';

export function wellhubBaseUrl(settings: Pick<ConnectionSettings, 'baseUrl'>): string {
  return (settings.baseUrl ?? WELLHUB_PRODUCTION_URL).replace(/\/+$/, '');
}

/**
 * Wellhub's FAQ names only a platform-wide ceiling (10,000 requests a second,
 * bursts of 5,000); there is no per-partner budget in the documents. A desk is
 * one small partner, so Classdesk keeps itself to 600 requests a minute for the
 * whole API (one token), far below anything Wellhub could object to.
 */
export const WELLHUB_RATE_LIMIT: RateLimit = { perMinute: 600, per: 'api' };

/** Wellhub's error body `{metadata, errors: [{message, key}]}` into the provider's own words and code. */
export function readWellhubError(_status: number, body: unknown, headers: HttpAnswer['headers']): ProviderErrorDetail {
  const parsed = WireErrorBody.safeParse(body);
  const trace = headers['x-request-id'] ?? headers['x-amzn-requestid'] ?? headers['x-amzn-trace-id'];
  const traceId = Array.isArray(trace) ? trace[0] : trace;
  if (!parsed.success) return traceId ? { traceId } : {};
  const messages = parsed.data.errors.map((error) => error.message?.trim()).filter((message): message is string => Boolean(message));
  const key = parsed.data.errors.find((error) => error.key)?.key ?? undefined;
  return {
    ...(messages.length > 0 ? { providerMessage: messages.join('; ') } : {}),
    ...(key ? { providerCode: key } : {}),
    ...(traceId ? { traceId } : {}),
  };
}

/**
 * The one way this adapter talks to Wellhub: ProviderHttp with the Bearer token,
 * the gym id header the Access Control API wants (harmless on the Booking API),
 * Wellhub's error body, and a gym-specific word for 403.
 */
export class WellhubApi {
  private readonly http: ProviderHttp;

  constructor(
    context: ProviderContext,
    private readonly gymId: string,
  ) {
    this.http = new ProviderHttp({
      provider: 'Wellhub',
      baseUrl: wellhubBaseUrl(context.settings),
      headers: { authorization: `Bearer ${context.apiKey}`, 'x-gym-id': gymId },
      rateLimit: WELLHUB_RATE_LIMIT,
      ...(context.http?.timeoutMs === undefined ? {} : { timeoutMs: context.http.timeoutMs }),
      ...(context.http?.retry ? { retry: context.http.retry } : {}),
      readError: readWellhubError,
    });
  }

  async get(path: string, query?: RequestOptions['query']): Promise<unknown> {
    return (await this.call('GET', path, { query })).body;
  }

  async call(method: Method, path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
    try {
      return await this.http.request(method, path, options);
    } catch (error) {
      throw this.reword(error);
    }
  }

  private reword(error: unknown): unknown {
    if (!(error instanceof ProviderError) || error.code !== 'forbidden') return error;
    return new ProviderError(
      deskMessage('wellhub_gym_refused', { gymId: this.gymId }),
      false,
      'forbidden',
      error.detail,
    );
  }
}

/** The envelope was not what Wellhub documents: retryable, since it is usually a proxy or an outage page. */
export function invalidWellhubAnswer(what: string, detail?: string): ProviderError {
  return new ProviderError(deskMessage('provider_unreadable', { provider: 'Wellhub' }), true, 'invalid_response', { providerMessage: detail ? `${what}: ${detail}` : what });
}
