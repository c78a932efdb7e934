import type { Member } from '../../../../src-shared/domain';
import { ProviderError } from '../../provider-error';
import type { DeskMemory } from './desk-memory';
import type { OpenApiClient } from './open-api-client';
import { parseSlotTime } from './slot-time';
import { problemOf, recordId, toMember } from './sport-alliance-mapping';
import { WireCheckin, WireCustomer } from './sport-alliance-wire';
import { deskMessage } from '../../../../src-shared/desk-messages';

/**
 * Finding members: by what the scanner read (`/v1/customers/by`), by name
 * (`/v1/customers/search`), and their studio visits (`…/activities/checkins`).
 * Every member found is remembered, so later syncs fetch their bookings.
 */

/** A visit to the studio, as the door or the counter recorded it; not a class check-in. */
export interface StudioVisit {
  id: string;
  memberId: string;
  checkedInAt: string;
  checkedOutAt?: string;
  studioName?: string;
}

/** A name search can match half the studio; only the first few are likely to be acted on. */
const REMEMBERED_SEARCH_RESULTS = 10;
const MAX_SEARCH_RESULTS = 50;
const VISIT_SLICE_SIZE = 50;

export class MemberLookup {
  constructor(
    private readonly client: OpenApiClient,
    private readonly connectionId: string,
    private readonly memory: DeskMemory,
  ) {}

  /**
   * The code is tried as a barcode, then as an RFID card number (digits only,
   * decimal format), then as a customer number: the desk's scanner may read any.
   */
  async byScannedCode(code: string): Promise<Member | undefined> {
    const value = code.trim();
    if (!value) return undefined;
    const attempts: Record<string, string>[] = [{ barcode: value }];
    if (/^\d+$/.test(value)) attempts.push({ cardNumber: value, cardNumberFormat: 'DECIMAL' });
    attempts.push({ customerNumber: value });
    for (const query of attempts) {
      let body: unknown;
      try {
        body = (await this.client.get('/customers/by', query)).body;
      } catch (error) {
        // 404: nobody has this code; 400: the code does not fit this kind of identifier.
        if (error instanceof ProviderError && (error.code === 'not_found' || error.detail.status === 400)) continue;
        throw error;
      }
      const parsed = WireCustomer.safeParse(body);
      if (!parsed.success) {
        throw new ProviderError(deskMessage('provider_unreadable', { provider: this.client.name }), false, 'invalid_response', {
          providerMessage: problemOf(parsed.error),
        });
      }
      return this.remember(parsed.data);
    }
    return undefined;
  }

  /** "Anna", "Müller", "Anna Müller", "Müller Anna" or an email address. */
  async byName(query: string): Promise<Member[]> {
    const text = query.trim();
    if (text.length < 2) return [];
    const words = text.split(/\s+/);
    const first = words[0] ?? text;
    const last = words.at(-1) ?? text;
    const searches = text.includes('@')
      ? [{ email: text }]
      : words.length === 1
        ? [{ firstName: text }, { lastName: text }]
        : [
            { firstName: first, lastName: last },
            { firstName: last, lastName: first },
          ];
    const answers = await Promise.all(searches.map((criteria) => this.client.post('/customers/search', criteria, true)));
    const found = new Map<number, WireCustomer>();
    for (const answer of answers) {
      if (!Array.isArray(answer.body)) throw this.client.unreadable('a member search answer that is not a list');
      for (const raw of answer.body) {
        // A record without a name cannot be shown in a result list; the others still can.
        const parsed = WireCustomer.safeParse(raw);
        if (parsed.success) found.set(parsed.data.id, parsed.data);
      }
    }
    const sorted = [...found.values()]
      .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.id - b.id)
      .slice(0, MAX_SEARCH_RESULTS);
    return sorted.map((customer, index) =>
      index < REMEMBERED_SEARCH_RESULTS ? this.remember(customer) : toMember(this.connectionId, customer),
    );
  }

  /** Studio visits of one member between two studio dates (yyyy-MM-dd), oldest first. */
  async visits(customerId: number, fromDate?: string, toDate?: string): Promise<StudioVisit[]> {
    const records = await this.client.allSlices(`/customers/${customerId}/activities/checkins`, { fromDate, toDate }, VISIT_SLICE_SIZE);
    const visits: StudioVisit[] = [];
    for (const raw of records) {
      const parsed = WireCheckin.safeParse(raw);
      const checkedIn = parsed.success && parsed.data.checkInDateTime ? parseSlotTime(parsed.data.checkInDateTime) : undefined;
      if (!parsed.success || !checkedIn) continue;
      const checkedOut = parsed.data.checkOutDateTime ? parseSlotTime(parsed.data.checkOutDateTime) : undefined;
      visits.push({
        id: recordId(this.connectionId, 'visit', parsed.data.checkinId),
        memberId: recordId(this.connectionId, 'member', customerId),
        checkedInAt: checkedIn.instant,
        ...(checkedOut ? { checkedOutAt: checkedOut.instant } : {}),
        ...(parsed.data.studioName ? { studioName: parsed.data.studioName } : {}),
      });
    }
    return visits.sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt));
  }

  private remember(customer: WireCustomer): Member {
    const member = toMember(this.connectionId, customer);
    this.memory.rememberMember(customer.id, member);
    return member;
  }
}
