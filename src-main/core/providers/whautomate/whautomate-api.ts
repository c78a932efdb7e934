import type { ConnectionSettings } from '../../../../src-shared/connections';
import { ProviderHttp, type RetryPolicy } from '../../http/provider-http';
import { readWhautomateError } from './whautomate-errors';
import { listItems } from './whautomate-wire';

/**
 * The Whautomate REST calls the desk makes, through the one provider HTTP
 * client. Answers come back as raw JSON; the adapter validates each record.
 */

/** The global host; accounts in other regions (e.g. https://api.in.whautomate.com) set theirs as settings.baseUrl. */
export const WHAUTOMATE_HOST = 'https://api.whautomate.com';

export function whautomateBaseUrl(settings: Pick<ConnectionSettings, 'baseUrl'>): string {
  return (settings.baseUrl ?? WHAUTOMATE_HOST).replace(/\/+$/, '');
}

/**
 * Whautomate's error page gives 60 requests a minute for trial accounts and
 * 300 for subscribed ones, per account. The desk takes 120: well inside a
 * subscribed account's budget, leaving the rest to the gym's other
 * integrations on the same account. On a trial account the desk meets 429s
 * now and then; the HTTP client waits them out.
 */
export const WHAUTOMATE_REQUESTS_PER_MINUTE = 120;

/**
 * The classes list is read in pages of this size. The classes document shows
 * no paging; `page` (from 1) and `limit` are what Whautomate's other list
 * endpoints (e.g. GET /v1/clientTags) document, so they are assumed here.
 */
export const CLASS_PAGE_SIZE = 50;
/** Stops a provider that keeps sending pages from keeping the desk busy forever. */
const MAX_PAGES = 100;
const CLIENT_SEARCH_LIMIT = 25;

export interface WhautomateApiOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  requestsPerMinute?: number;
  pageSize?: number;
}

export interface ClassQuery {
  locationId?: string;
  /** Local calendar dates, YYYY-MM-DD, both included (assumed filter names; see docs/providers/whautomate.md). */
  fromDate: string;
  toDate: string;
}

export class WhautomateApi {
  private readonly http: ProviderHttp;
  private readonly pageSize: number;

  constructor(options: WhautomateApiOptions) {
    this.pageSize = options.pageSize ?? CLASS_PAGE_SIZE;
    this.http = new ProviderHttp({
      provider: 'Whautomate',
      baseUrl: options.baseUrl,
      headers: { 'x-api-key': options.apiKey },
      rateLimit: { perMinute: options.requestsPerMinute ?? WHAUTOMATE_REQUESTS_PER_MINUTE, per: 'api' },
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      readError: readWhautomateError,
    });
  }

  /** The cheapest proof that the key (and the location id, when set) works: one class. */
  async probe(locationId?: string): Promise<void> {
    const { body } = await this.http.get('/v1/classes', { page: 1, limit: 1, locationId });
    listItems(body, 'its timetable');
  }

  /**
   * Every class the query finds, page after page, as raw records. A page
   * shorter than asked for is the last; so is a page of classes already seen
   * (a server that ignores `page` sends the first page again) and a page
   * longer than asked for (a server that ignores `limit` sends everything).
   */
  async classes(query: ClassQuery): Promise<unknown[]> {
    const seen = new Set<string>();
    const found: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const { body } = await this.http.get('/v1/classes', { ...query, page, limit: this.pageSize });
      const items = listItems(body, 'its timetable');
      const fresh = items.filter((item) => {
        const id = rawId(item);
        if (id === undefined) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      found.push(...fresh);
      if (fresh.length === 0 || items.length !== this.pageSize) break;
    }
    return found;
  }

  async participants(classId: string): Promise<unknown[]> {
    const { body } = await this.http.get(`/v1/classes/${encodeURIComponent(classId)}/participants`);
    return listItems(body, 'the participants of a class');
  }

  async clientBookings(clientId: string): Promise<unknown[]> {
    const { body } = await this.http.get(`/v1/classes/clients/${encodeURIComponent(clientId)}/bookings`);
    return listItems(body, "a client's class bookings");
  }

  /** Books a client into a class. Not idempotent: the adapter checks the client's bookings before it asks. */
  async addParticipant(classId: string, clientId: string): Promise<unknown> {
    const { body } = await this.http.request('POST', `/v1/classes/${encodeURIComponent(classId)}/participants/add`, {
      body: { client: { id: clientId }, status: 'BOOKED' },
      idempotent: false,
    });
    return body;
  }

  async cancelParticipant(classId: string, participantId: string, cancellationReason: string): Promise<unknown> {
    const { body } = await this.http.request('POST', `/v1/classes/${encodeURIComponent(classId)}/participants/cancel`, {
      body: { participantId, cancellationReason },
      idempotent: false,
    });
    return body;
  }

  /** Clients whose name or phone matches; `searchText` as Whautomate's list endpoints document it. */
  async searchClients(searchText: string): Promise<unknown[]> {
    const { body } = await this.http.get('/v1/clients', { searchText, page: 1, limit: CLIENT_SEARCH_LIMIT });
    return listItems(body, 'its clients');
  }
}

/** The id of a raw record, for spotting repeats before it is validated. */
export function rawId(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
