import type { Member } from '../../../../src-shared/domain';
import type { ProviderHttp } from '../../http/provider-http';
import { unreadableAnswer } from './zenoti-errors';
import { isProblem, mapGuest, type CenterContext } from './zenoti-mapping';
import { WireGuestSearch, WireSearchGuest, whatIsWrong } from './zenoti-wire';

/**
 * Finding guests at the desk through GET /v1/guests/search. Zenoti searches by
 * field (first_name, last_name, email, phone, user_code), not by free text, so
 * the desk's one search box is read as the field it most likely means. The guest
 * code (`user_code`) is what Zenoti prints on guest cards, so a scanned card is
 * looked up by it.
 */

export const GUEST_SEARCH_PATH = '/v1/guests/search';
/** The desk shows the first matches; a longer list needs a narrower search. */
const SEARCH_SIZE = 20;

type SearchFields = Record<string, string>;

export class GuestDirectory {
  /** Guests seen through a search or a scan, so a booking made for one can carry the member along. */
  private readonly seen = new Map<string, Member>();

  constructor(
    private readonly http: ProviderHttp,
    private readonly center: CenterContext,
  ) {}

  async search(query: string): Promise<Member[]> {
    const searches = searchesFor(query.trim());
    const found = new Map<string, Member>();
    for (const fields of searches) for (const member of await this.find(fields, SEARCH_SIZE)) found.set(member.id, member);
    return [...found.values()].sort(
      (a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName),
    );
  }

  /** The guest whose code is exactly this one; Zenoti's search may also return codes that only start with it. */
  async byCode(code: string): Promise<Member | undefined> {
    const wanted = code.trim().toLowerCase();
    if (!wanted) return undefined;
    const candidates = await this.find({ user_code: code.trim() }, 10);
    return candidates.find((member) => member.barcode?.toLowerCase() === wanted);
  }

  remembered(memberId: string): Member | undefined {
    return this.seen.get(memberId);
  }

  private async find(fields: SearchFields, size: number): Promise<Member[]> {
    const answer = await this.http.get(GUEST_SEARCH_PATH, { center_id: this.center.centerId, ...fields, page: 1, size });
    const parsed = WireGuestSearch.safeParse(answer.body);
    if (!parsed.success) throw unreadableAnswer('a guest list', whatIsWrong(parsed.error));
    const members: Member[] = [];
    for (const record of parsed.data.guests) {
      // A guest record that does not fit is left out of the results; the rest still show.
      const guest = WireSearchGuest.safeParse(record);
      if (!guest.success) continue;
      const member = mapGuest(this.center.ids, { id: guest.data.id, code: guest.data.code, ...guest.data.personal_info });
      if (isProblem(member)) continue;
      this.seen.set(member.id, member);
      members.push(member);
    }
    return members;
  }
}

/** What to ask Zenoti for a search box entry; one word is asked as a last name and as a first name. */
export function searchesFor(query: string): SearchFields[] {
  if (query.length < 2) return [];
  if (query.includes('@')) return [{ email: query }];
  if (/^\+?[\d\s()./-]{6,}$/.test(query)) return [{ phone: query.replace(/\D/g, '') }];
  const words = query.split(/\s+/);
  const [first, ...rest] = words;
  if (!first) return [];
  if (rest.length > 0) return [{ first_name: first, last_name: rest.join(' ') }];
  if (/\d/.test(first)) return [{ user_code: first }];
  return [{ last_name: first }, { first_name: first }];
}
