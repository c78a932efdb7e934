import type { z } from 'zod';
import type { RecordTable } from '../../../src-shared/contract';
import { Booking, ClassType, Instructor, Location, Member, PendingVisit, Session, textLimits, utcInstant } from '../../../src-shared/domain';
import type { Provider, ProviderFetch, ProviderRecords, RecordIssue } from '../providers/provider';

type ProviderTable = keyof Required<ProviderRecords>;
type Fetched<K extends ProviderTable> = Required<ProviderRecords>[K][number];

/** The domain's schemas as a fetch carries them: a fetched booking may leave its time to the store. */
const schemas: { [K in ProviderTable]: z.ZodType } = {
  locations: Location,
  instructors: Instructor,
  classTypes: ClassType,
  sessions: Session,
  members: Member,
  bookings: Booking.extend({ updatedAt: utcInstant.optional() }),
  visits: PendingVisit,
};

const recordNames: Record<ProviderTable, string> = {
  locations: 'a location',
  instructors: 'an instructor',
  classTypes: 'a class type',
  sessions: 'a class',
  members: 'a member',
  bookings: 'a booking',
  visits: 'a Wellhub visit',
};

/**
 * Every adapter reads its provider's wire format with its own schemas; this is
 * the last check before the store, against the domain's (string caps and all),
 * whatever the adapter let through. A record that does not fit is skipped and
 * reported by itself (the connection's health counts it), and so are the
 * classes of a location that did not fit; a class that did not fit takes its
 * bookings with it, as the store could show them under no class.
 */
export function checkFetch(fetched: ProviderFetch, label: string): ProviderFetch {
  const issues: RecordIssue[] = [...fetched.issues];
  const keep = <K extends ProviderTable>(table: K, also: (record: Fetched<K>) => string | undefined = () => undefined) => {
    const kept: Fetched<K>[] = [];
    const dropped = new Set<string>();
    for (const record of (fetched.records[table] ?? []) as Fetched<K>[]) {
      const parsed = schemas[table].safeParse(record);
      const problem = parsed.success ? also(record) : problemOf(parsed.error);
      if (problem === undefined) {
        kept.push(record);
        continue;
      }
      dropped.add(record.id);
      issues.push({ table: table as RecordTable, sourceId: shortId(record.id), message: `${label} sent ${recordNames[table]} Classdesk cannot keep: ${problem}` });
    }
    return { kept, dropped };
  };
  const locations = keep('locations');
  const sessions = keep('sessions', (session) =>
    locations.dropped.has(session.locationId) ? 'its location could not be read' : undefined,
  );
  const bookings = keep('bookings');
  const records: ProviderRecords = {
    locations: locations.kept,
    instructors: keep('instructors').kept,
    classTypes: keep('classTypes').kept,
    sessions: sessions.kept,
    members: keep('members').kept,
    bookings: bookings.kept.filter((booking) => !sessions.dropped.has(booking.sessionId)),
    ...(fetched.records.visits ? { visits: keep('visits').kept } : {}),
  };
  if (issues.length === fetched.issues.length) return fetched;
  const withoutDropped = (ids: string[] | undefined) => ids?.filter((id) => !sessions.dropped.has(id));
  return {
    ...fetched,
    records,
    issues,
    ...(fetched.unreadRosters ? { unreadRosters: withoutDropped(fetched.unreadRosters) } : {}),
    ...(fetched.rostersNotRead ? { rostersNotRead: withoutDropped(fetched.rostersNotRead) } : {}),
  };
}

/**
 * The provider as the core uses it, with every fetch and member lookup checked.
 * A Proxy rather than a copy, so an adapter's own methods and state stay as they are.
 */
export function guardRecords(provider: Provider, label: string): Provider {
  const fits = (member: unknown) => Member.safeParse(member).success;
  const search = provider.searchMembers?.bind(provider);
  const byBarcode = provider.findMemberByBarcode?.bind(provider);
  const checked: Partial<Provider> = {
    fetchWindow: async (window) => checkFetch(await provider.fetchWindow(window), label),
    ...(search ? { searchMembers: async (query: string) => (await search(query)).filter(fits) } : {}),
    ...(byBarcode
      ? {
          findMemberByBarcode: async (barcode: string) => {
            const member = await byBarcode(barcode);
            return member && fits(member) ? member : undefined;
          },
        }
      : {}),
  };
  return new Proxy(provider, {
    get(target, property) {
      if (Object.hasOwn(checked, property)) return checked[property as keyof Provider];
      const value: unknown = Reflect.get(target, property, target);
      // Bound to the adapter itself, so its methods see their own fields whatever calls them.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Which fields did not fit, in words an IT person can match to the provider's record. */
function problemOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.join('.') || 'the record';
      if (issue.code === 'too_big' && issue.origin === 'string') return `${field} is longer than ${String(issue.maximum)} characters`;
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** An id over the cap would make the report as long as the record; its start is enough to find it. */
function shortId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  return id.length > textLimits.id ? `${id.slice(0, 60)}…` : id;
}
