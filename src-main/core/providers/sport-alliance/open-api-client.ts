import type { ConnectionSettings } from '../../../../src-shared/connections';
import { ProviderHttp, type HttpAnswer, type RequestOptions } from '../../http/provider-http';
import type { ProviderContext } from '../provider';
import { ProviderError, type ProviderErrorDetail } from '../../provider-error';
import { WireError, WireSlice } from './sport-alliance-wire';
import { deskMessage } from '../../../../src-shared/desk-messages';

/**
 * The Sport Alliance Open API over HTTP: one client for Magicline and
 * PerfectGym Next, which differ only in host and name. Auth is the `X-API-KEY`
 * header; the limit is 1000 requests a minute for EACH endpoint.
 */

export type SportAlliancePreset = 'magicline' | 'perfectgym';

export const presetNames: Record<SportAlliancePreset, string> = { magicline: 'Magicline', perfectgym: 'PerfectGym' };
const presetHosts: Record<SportAlliancePreset, string> = {
  magicline: 'open-api.magicline.com',
  perfectgym: 'open-api.perfectgym.com',
};
/** A tenant is the first label of the host name. */
const tenantPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** Far beyond any studio's two weeks of classes; stops a provider that keeps saying "there is more". */
const MAX_SLICES = 200;

/**
 * The API root, ending in `/v1`. A given baseUrl wins (with or without `/v1`);
 * else `https://<tenant>.open-api.magicline.com/v1` or `…perfectgym.com/v1`.
 */
export function sportAllianceBaseUrl(settings: ConnectionSettings): string {
  if (settings.provider !== 'magicline' && settings.provider !== 'perfectgym') {
    throw new ProviderError(deskMessage('settings_wrong_adapter', { provider: 'Magicline / PerfectGym' }), false, 'invalid_settings');
  }
  if (settings.baseUrl) {
    const root = settings.baseUrl.replace(/\/+$/, '');
    return root.endsWith('/v1') ? root : `${root}/v1`;
  }
  const tenant = settings.tenant?.trim();
  const name = presetNames[settings.provider];
  if (!tenant) throw new ProviderError(deskMessage('settings_tenant_missing', { provider: name }), false, 'invalid_settings');
  if (!tenantPattern.test(tenant)) {
    throw new ProviderError(deskMessage('settings_tenant_invalid', { provider: name, tenant: tenant.slice(0, 200) }), false, 'invalid_settings');
  }
  return `https://${tenant.toLowerCase()}.${presetHosts[settings.provider]}/v1`;
}

/** Templated paths the adapter calls; literal ones first so `/classes/booking/book` is not read as a booking id. */
const endpointTemplates = [
  '/classes',
  '/classes/slots',
  '/classes/booking',
  '/classes/booking/validate',
  '/classes/booking/book',
  '/classes/booking/{bookingId}',
  '/classes/{classId}',
  '/classes/{classId}/slots',
  '/classes/{classId}/slots/{classSlotId}',
  '/customers/by',
  '/customers/search',
  '/customers/{customerId}',
  '/customers/{customerId}/activities/checkins',
  '/studios/information',
].map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** Groups concrete paths by the spec's endpoint, e.g. /classes/booking/42 → /v1/classes/booking/{bookingId}. */
export function endpointOf(path: string): string {
  const clean = `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  const found = endpointTemplates.find(({ pattern }) => pattern.test(clean));
  return `/v1${found?.template ?? clean}`;
}

export function readSportAllianceError(_status: number, body: unknown): ProviderErrorDetail {
  const parsed = WireError.safeParse(body);
  if (!parsed.success) return {};
  const { errorMessage, errorCode, traceId } = parsed.data;
  return { providerMessage: errorMessage, providerCode: errorCode, traceId };
}

export class OpenApiClient {
  readonly name: string;
  private readonly http: ProviderHttp;

  constructor(context: ProviderContext, preset: SportAlliancePreset) {
    this.name = presetNames[preset];
    this.http = new ProviderHttp({
      provider: this.name,
      baseUrl: sportAllianceBaseUrl(context.settings),
      headers: { 'X-API-KEY': context.apiKey },
      rateLimit: { perMinute: 1000, per: 'endpoint' },
      timeoutMs: context.http?.timeoutMs,
      retry: context.http?.retry,
      readError: readSportAllianceError,
      endpointOf,
    });
  }

  get(path: string, query?: RequestOptions['query']): Promise<HttpAnswer> {
    return this.http.request('GET', path, { query });
  }

  head(path: string): Promise<HttpAnswer> {
    return this.http.request('HEAD', path);
  }

  /** `idempotent`: true for POSTs that only read (validate, search), false for a booking. */
  post(path: string, body: unknown, idempotent: boolean): Promise<HttpAnswer> {
    return this.http.request('POST', path, { body, idempotent });
  }

  delete(path: string): Promise<HttpAnswer> {
    return this.http.request('DELETE', path);
  }

  /** Follows `offset` until `hasNext` is false and returns every record, each still to be validated. */
  async allSlices(path: string, query: RequestOptions['query'], sliceSize: number): Promise<unknown[]> {
    const records: unknown[] = [];
    let offset: string | undefined;
    for (let slice = 0; slice < MAX_SLICES; slice += 1) {
      const answer = await this.get(path, { ...query, offset, sliceSize });
      const parsed = WireSlice.safeParse(answer.body);
      if (!parsed.success) throw this.unreadable(`a list from ${path} that is not a slice`);
      records.push(...parsed.data.result);
      if (!parsed.data.hasNext) return records;
      const next = parsed.data.offset == null ? undefined : String(parsed.data.offset);
      if (next === undefined || next === offset) throw this.unreadable(`a slice of ${path} that does not say where the next one starts`);
      offset = next;
    }
    throw this.unreadable(`more than ${MAX_SLICES} slices from ${path}`);
  }

  /** The answer's envelope is broken: nothing of it can be trusted, but a later try may work. */
  unreadable(what: string): ProviderError {
    return new ProviderError(deskMessage('provider_unreadable', { provider: this.name }), true, 'invalid_response', {
      providerMessage: `Classdesk got ${what}.`,
    });
  }
}
