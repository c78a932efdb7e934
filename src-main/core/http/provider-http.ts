import { createHash } from 'node:crypto';
import got, { CancelError, HTTPError, RequestError, type Got, type Method, type Progress, type RetryObject } from 'got';
import { ProviderError, type ProviderErrorDetail } from '../provider-error';
import { defaultAnswerLimits, longestList, shortenedDetail, tooLargeError, tooManyRecordsError, type AnswerLimits } from './answer-limits';
import { RateLimiter, type RateLimit } from './rate-limit';
import { deskMessage, type DeskMessageCode } from '../../../src-shared/desk-messages';

export interface RetryPolicy {
  /** Further attempts after the first. */
  limit: number;
  /** First backoff step; each retry doubles it, and a random share of it is used (full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails as retryable instead. */
  maxRetryAfterMs: number;
}

export interface ProviderHttpOptions {
  /** The provider's name as the desk shows it, e.g. "Zenoti". */
  provider: string;
  baseUrl: string;
  /** Authentication and fixed headers; never logged, never put into an error. */
  headers: Record<string, string>;
  rateLimit: RateLimit;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Reads the provider's error body into its own message, code and trace id. */
  readError?: (status: number, body: unknown, headers: Record<string, string | string[] | undefined>) => ProviderErrorDetail;
  /** Groups paths for per-endpoint limits, e.g. /v1/classes/42/slots → /v1/classes/{id}/slots. */
  endpointOf?: (path: string) => string;
  /** Caps on one answer's size and list length; the defaults suit every adapter (see answer-limits). */
  limits?: Partial<AnswerLimits>;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /**
   * Whether sending the request twice is harmless. GET, HEAD, PUT and DELETE are;
   * a POST only when the provider deduplicates it (an idempotency key). A request
   * that is not idempotent is retried only when it surely never arrived (connection
   * refused) or the provider said it did not handle it (429).
   */
  idempotent?: boolean;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

const defaultRetry: RetryPolicy = { limit: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 65_000 };
const idempotentMethods = new Set<Method>(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Network failures where the request may or may not have reached the provider. */
const networkErrors = ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN'];

/**
 * The one HTTP client under every provider adapter: timeouts, retries with
 * jittered exponential backoff on network errors, 429 and 503 (Retry-After
 * honoured), a token bucket at the provider's documented limit, and every
 * failure turned into a ProviderError that says whether trying again can help.
 */
export class ProviderHttp {
  private readonly client: Got;
  private readonly limiter: RateLimiter;
  private readonly retry: RetryPolicy;
  private readonly limits: AnswerLimits;

  constructor(private readonly options: ProviderHttpOptions) {
    this.limiter = RateLimiter.shared(budgetOf(options), options.rateLimit);
    this.retry = { ...defaultRetry, ...options.retry };
    this.limits = { ...defaultAnswerLimits, ...options.limits };
    this.client = got.extend({
      prefixUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: { accept: 'application/json', 'user-agent': 'Classdesk/0.1', ...options.headers },
      timeout: { request: options.timeoutMs ?? 15_000 },
      throwHttpErrors: false,
      responseType: 'text',
      // got's own redirect following could carry our API key to another host.
      followRedirect: false,
    });
  }

  async request(method: Method, path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
    const idempotent = options.idempotent ?? idempotentMethods.has(method);
    const endpoint = (this.options.endpointOf ?? ((p: string) => p))(path);
    const searchParams = Object.fromEntries(
      Object.entries(options.query ?? {}).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined),
    );
    let response;
    // Bytes seen when the body went over the cap: the request is cancelled while it streams, never buffered whole.
    let stoppedAt: number | undefined;
    try {
      const pending = this.client(path.replace(/^\/+/, ''), {
        method,
        searchParams,
        ...(options.body === undefined ? {} : { json: options.body }),
        retry: {
          limit: this.retry.limit,
          methods: [method],
          statusCodes: [429, 503],
          errorCodes: networkErrors,
          maxRetryAfter: this.retry.maxRetryAfterMs,
          // got first applies the rules above (limit, status, error code); delayFor decides the rest.
          enforceRetryRules: true,
          calculateDelay: (retry) => this.delayFor(retry, idempotent),
        },
        hooks: {
          // Runs before the first try and every retry, so retries spend budget too.
          beforeRequest: [() => this.limiter.take(endpoint)],
        },
      });
      // got counts decompressed bytes here; `total` is the announced length, so an honest huge answer stops at once.
      pending.on('downloadProgress', ({ transferred, total }: Progress) => {
        if (stoppedAt !== undefined) return;
        if (transferred > this.limits.maxBodyBytes || (total ?? 0) > this.limits.maxBodyBytes) {
          stoppedAt = Math.max(transferred, total ?? 0);
          pending.cancel();
        }
      });
      response = await pending;
    } catch (error) {
      if (stoppedAt !== undefined && error instanceof CancelError) throw tooLargeError(this.options.provider, this.limits, stoppedAt);
      throw this.networkFailure(error);
    }
    const body = parseBody(response.body);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (body === invalidJson) {
        throw new ProviderError(deskMessage('provider_unreadable', { provider: this.options.provider }), true, 'invalid_response', {
          status: response.statusCode,
        });
      }
      const records = longestList(body);
      if (records > this.limits.maxRecords) throw tooManyRecordsError(this.options.provider, this.limits, records);
      return { status: response.statusCode, body, headers: response.headers };
    }
    throw this.httpFailure(response.statusCode, body === invalidJson ? undefined : body, response.headers);
  }

  get(path: string, query?: RequestOptions['query']): Promise<HttpAnswer> {
    return this.request('GET', path, { query });
  }

  private delayFor({ attemptCount, error, retryAfter }: RetryObject, idempotent: boolean): number {
    const status = error instanceof HTTPError ? error.response.statusCode : undefined;
    const neverArrived = error.code === 'ECONNREFUSED';
    if (!idempotent && status !== 429 && !neverArrived) return 0;
    // got has already refused a Retry-After beyond maxRetryAfter; 0 would mean "stop", so wait at least 1 ms.
    if (retryAfter !== undefined) return Math.max(1, retryAfter);
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attemptCount - 1));
    return Math.max(1, Math.round(Math.random() * ceiling));
  }

  private networkFailure(error: unknown): ProviderError {
    const code = error instanceof RequestError ? error.code : undefined;
    const timedOut = code === 'ETIMEDOUT';
    const said = deskMessage(timedOut ? 'provider_timeout' : 'provider_unreachable', { provider: this.options.provider });
    return new ProviderError(said, true, timedOut ? 'timeout' : 'network', {
      providerMessage: error instanceof Error ? error.message : String(error),
    });
  }

  private httpFailure(status: number, body: unknown, headers: HttpAnswer['headers']): ProviderError {
    const detail: ProviderErrorDetail = shortenedDetail({ status, ...this.options.readError?.(status, body, headers) });
    const name = this.options.provider;
    const said = (code: DeskMessageCode, extra: Record<string, string | number | undefined> = {}) => deskMessage(code, { provider: name, ...extra });
    if (status === 401) return new ProviderError(said('provider_key_refused'), false, 'unauthorized', detail);
    if (status === 403) return new ProviderError(said('provider_key_forbidden'), false, 'forbidden', detail);
    if (status === 404) return new ProviderError(said('record_not_known', { detail: detail.providerMessage }), false, 'not_found', detail);
    if (status === 429) return new ProviderError(said('provider_rate_limited'), true, 'rate_limited', detail);
    if (status >= 500) return new ProviderError(said('provider_unavailable', { status }), true, 'unavailable', detail);
    return new ProviderError(said('provider_refused', { status, detail: detail.providerMessage }), false, detail.providerCode ?? 'refused', detail);
  }
}

/** Host and credentials (hashed: the key must not sit in memory as a readable map key) name a budget. */
function budgetOf({ provider, baseUrl, headers }: ProviderHttpOptions): string {
  const origin = new URL(baseUrl).origin;
  const credentials = JSON.stringify(Object.entries(headers).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(`${provider}|${origin}|${credentials}`).digest('hex');
}

const invalidJson = Symbol('invalid JSON');

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalidJson;
  }
}
