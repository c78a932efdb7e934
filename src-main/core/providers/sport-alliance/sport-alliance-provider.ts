import type { Capabilities } from '../../../../src-shared/connections';
import type { Booking, Member } from '../../../../src-shared/domain';
import type {
  BookRequest,
  BookingActionRequest,
  BookingValidation,
  Provider,
  ProviderContext,
  ProviderFetch,
  SyncWindow,
} from '../provider';
import { ProviderError } from '../../provider-error';
import { checkSyncWindow } from '../sync-window-check';
import { ClassBookings } from './class-bookings';
import { DeskMemory } from './desk-memory';
import { MemberLookup, type StudioVisit } from './member-lookup';
import { OpenApiClient, presetNames, type SportAlliancePreset } from './open-api-client';
import { providerIdOf } from './sport-alliance-mapping';
import { fetchTimetable } from './timetable';
import { deskMessage } from '../../../../src-shared/desk-messages';

export { sportAllianceBaseUrl, type SportAlliancePreset } from './open-api-client';
export type { StudioVisit } from './member-lookup';

/**
 * Magicline and PerfectGym Next: the same Sport Alliance Open API on two hosts.
 * One API key belongs to one studio, so a connection is one location.
 *
 * The Open API lists class slots with counts, but not who is in them, and it
 * cannot check a member into a class: the desk shows counts, the bookings it
 * made and the bookings of members it looked up (see docs/providers/sport-alliance.md).
 */
export function createSportAllianceProvider(context: ProviderContext, preset: SportAlliancePreset): Provider {
  return new SportAllianceProvider(context, preset);
}

export class SportAllianceProvider implements Provider {
  readonly connectionId: string;
  readonly source: SportAlliancePreset;
  readonly capabilities: Capabilities = {
    listSessions: true,
    // No endpoint lists a slot's participants.
    roster: false,
    memberByBarcode: true,
    memberSearch: true,
    // The Open API only reads studio visits; class attendance is marked inside Magicline / PerfectGym.
    checkIn: false,
    undoCheckIn: false,
    validateBooking: true,
    book: true,
    cancelBooking: true,
    // A full class puts new bookings on its waiting list; slots report waiting-list counts.
    waitlist: true,
    promoteFromWaitlist: false,
    confirmBookingRequests: false,
    validateVisit: false,
    // Attendance (participantStatus) is read, but no documented endpoint sets it.
    markNoShow: false,
  };

  private readonly client: OpenApiClient;
  private readonly memory = new DeskMemory();
  private readonly lookup: MemberLookup;
  private readonly bookings: ClassBookings;
  private readonly label: string;
  private readonly settingsZone: string | undefined;
  /** The zone the last slots named, for a sync whose slots name none (an empty week, say). */
  private lastZone: string | undefined;

  constructor(context: ProviderContext, preset: SportAlliancePreset) {
    const { settings } = context;
    if (settings.provider !== preset) {
      throw new ProviderError(deskMessage('settings_wrong_adapter', { provider: presetNames[preset] }), false, 'invalid_settings');
    }
    this.connectionId = settings.id;
    this.source = preset;
    this.label = settings.label;
    this.settingsZone = settings.timeZone;
    this.client = new OpenApiClient(context, preset);
    this.lookup = new MemberLookup(this.client, this.connectionId, this.memory);
    this.bookings = new ClassBookings(this.client, this.connectionId, preset, this.memory, context.clock);
  }

  /** A HEAD on the class list: the cheapest call that proves the key (and its CLASSES_READ scope). */
  async testConnection(): Promise<void> {
    await this.client.head('/classes');
  }

  async fetchWindow(window: SyncWindow): Promise<ProviderFetch> {
    const { from, to } = checkSyncWindow(window);
    const timetable = await fetchTimetable(this.client, { from, to }, {
      connectionId: this.connectionId,
      label: this.label,
      fallbackZones: [this.lastZone, this.settingsZone],
    });
    this.lastZone = timetable.namedZone ?? this.lastZone;
    const known = await this.bookings.ofKnownMembers(new Set(timetable.sessions.map((session) => session.id)));
    const sessions = timetable.sessions.map((session) =>
      known.cancelledSessionIds.has(session.id) ? { ...session, status: 'cancelled' as const } : session,
    );
    return {
      records: {
        locations: [timetable.location],
        instructors: timetable.instructors,
        classTypes: timetable.classTypes,
        sessions,
        members: this.memory.knownMembers().map(({ member }) => member),
        bookings: known.bookings,
      },
      issues: [...timetable.issues, ...known.issues],
    };
  }

  findMemberByBarcode(barcode: string): Promise<Member | undefined> {
    return this.lookup.byScannedCode(barcode);
  }

  searchMembers(query: string): Promise<Member[]> {
    return this.lookup.byName(query);
  }

  validateBooking(request: Omit<BookRequest, 'actionId'>): Promise<BookingValidation> {
    return this.bookings.validate(request);
  }

  findBooking(request: Omit<BookRequest, 'actionId'>): Promise<Booking | undefined> {
    return this.bookings.find(request);
  }

  book(request: BookRequest): Promise<Booking> {
    return this.bookings.book(request);
  }

  cancelBooking(request: BookingActionRequest): Promise<Booking> {
    return this.bookings.cancel(request);
  }

  /**
   * A member's visits to the studio (door or counter check-ins), between two
   * studio dates (yyyy-MM-dd; the API's default is the last month). Not part of
   * the Provider interface yet: the desk has no screen for it.
   */
  async studioVisits(memberId: string, fromDate?: string, toDate?: string): Promise<StudioVisit[]> {
    const customerId = providerIdOf(this.connectionId, 'member', memberId);
    if (customerId === undefined) throw new ProviderError({ code: 'member_not_known' }, false, 'invalid_input');
    return this.lookup.visits(customerId, fromDate, toDate);
  }
}
