import type { Capabilities, ConnectionSettings } from '../../../../src-shared/connections';
import type { Booking, Member } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import { ProviderHttp } from '../../http/provider-http';
import type { BookingActionRequest, BookRequest, Provider, ProviderContext, ProviderFetch, RecordIssue, SyncWindow } from '../provider';
import { checkSyncWindow } from '../sync-window-check';
import { centerDate, isKnownZone } from './zenoti-center-time';
import { ZenotiDesk } from './zenoti-desk';
import { explainZenotiError, readZenotiError, settingsError } from './zenoti-errors';
import { GuestDirectory } from './zenoti-guests';
import { ZenotiIds } from './zenoti-ids';
import { mapLocation, type CenterContext } from './zenoti-mapping';
import { defaultRosterPolicy, Rosters } from './zenoti-rosters';
import { readSchedule, readSessionsPage } from './zenoti-schedule';
import { deskMessage, type DeskMessage } from '../../../../src-shared/desk-messages';

/**
 * Zenoti (https://api.zenoti.com, header `Authorization: apikey <key>`), one
 * center per connection: settings.scopeId is the center id, settings.timeZone
 * the center's IANA zone, which Zenoti's API does not give in a usable form.
 */

export const ZENOTI_API_ROOT = 'https://api.zenoti.com';
/** Zenoti's documented budget: 60 calls a minute for the whole API key. */
export const ZENOTI_RATE_LIMIT = { perMinute: 60, per: 'api' } as const;
/** Zenoti sends no locale for a center; settings have none either. */
const CENTER_LOCALE = 'en-US';

export function zenotiBaseUrl(settings: ConnectionSettings): string {
  return settings.baseUrl ?? ZENOTI_API_ROOT;
}

/** Knobs for tests and tuning; production uses the defaults. */
export interface ZenotiTuning {
  /** Class lists re-read per sync pass at most (default 8): each one is a call of the 60 a minute. */
  rosterFetchesPerSync?: number;
}

export function createZenotiProvider(context: ProviderContext, tuning: ZenotiTuning = {}): Provider {
  return new ZenotiProvider(context, tuning);
}

interface ZenotiParts {
  center: CenterContext;
  rosters: Rosters;
  guests: GuestDirectory;
  desk: ZenotiDesk;
}

class ZenotiProvider implements Provider {
  readonly source = 'zenoti' as const;
  readonly capabilities: Capabilities = {
    listSessions: true,
    roster: true,
    memberByBarcode: true,
    memberSearch: true,
    checkIn: true,
    undoCheckIn: true,
    // Zenoti has no "may this guest book?" call; its refusal of a registration says why.
    validateBooking: false,
    book: true,
    cancelBooking: true,
    waitlist: true,
    promoteFromWaitlist: false,
    confirmBookingRequests: false,
    validateVisit: false,
    // Status 2 (no-show) is read from registrations; the documents name sign_in and undo_sign_in only.
    markNoShow: false,
  };
  readonly connectionId: string;
  private readonly http: ProviderHttp;
  private readonly clock: Clock;
  private readonly settings: ConnectionSettings;
  /** Undefined when the settings lack the center id or a usable time zone; every call then says so. */
  private readonly parts: ZenotiParts | undefined;
  readonly settingsProblem: DeskMessage | undefined;
  private centerName: string | undefined;

  constructor(context: ProviderContext, tuning: ZenotiTuning) {
    this.settings = context.settings;
    this.connectionId = context.settings.id;
    this.clock = context.clock;
    this.http = new ProviderHttp({
      provider: 'Zenoti',
      baseUrl: zenotiBaseUrl(context.settings),
      headers: { authorization: `apikey ${context.apiKey}` },
      rateLimit: ZENOTI_RATE_LIMIT,
      timeoutMs: context.http?.timeoutMs,
      retry: context.http?.retry,
      readError: readZenotiError,
    });
    const centerId = context.settings.scopeId?.trim();
    const zone = context.settings.timeZone?.trim();
    if (!centerId) this.settingsProblem = { code: 'settings_center_missing' };
    else if (!zone) this.settingsProblem = deskMessage('settings_time_zone_missing', { provider: 'Zenoti' });
    else if (!isKnownZone(zone)) this.settingsProblem = deskMessage('settings_time_zone_unknown', { zone });
    if (this.settingsProblem || !centerId || !zone) return;
    const center: CenterContext = { ids: new ZenotiIds(this.connectionId), centerId, zone };
    const rosters = new Rosters(this.http, center, {
      fetchesPerSync: Math.max(0, tuning.rosterFetchesPerSync ?? defaultRosterPolicy.fetchesPerSync),
    });
    const guests = new GuestDirectory(this.http, center);
    this.parts = { center, rosters, guests, desk: new ZenotiDesk(this.http, center, rosters, guests, this.clock) };
  }

  /** One session of today, at most: the cheapest call that proves the key and the center id. */
  async testConnection(): Promise<void> {
    const { center } = this.require();
    const today = centerDate(this.clock().getTime(), center.zone);
    await explained(readSessionsPage(this.http, center.centerId, { startDate: today, endDate: today }, 1, 1));
  }

  async fetchWindow(window: SyncWindow): Promise<ProviderFetch> {
    const { center, rosters } = this.require();
    const { from, to } = checkSyncWindow(window);
    const schedule = await explained(readSchedule(this.http, center, { from, to }));
    const roster = await explained(rosters.refresh(schedule.sessions, this.clock().getTime()));
    this.centerName = schedule.centerName ?? this.centerName;
    const issues: RecordIssue[] = [...schedule.issues, ...roster.issues];
    if (schedule.zoneMismatch) {
      issues.push({
        table: 'locations',
        sourceId: center.centerId,
        message: `Zenoti's class times do not match the time zone set in Connections (${center.zone}); Classdesk uses Zenoti's UTC times. Check the time zone.`,
      });
    }
    return {
      records: {
        locations: [mapLocation(center, this.centerName ?? this.settings.label, CENTER_LOCALE)],
        instructors: schedule.instructors,
        classTypes: schedule.classTypes,
        sessions: schedule.sessions.map(({ session }) => session),
        members: roster.members,
        bookings: roster.bookings,
      },
      issues: distinct(issues),
      incomplete: roster.incomplete,
      ...(roster.unreadRosters.length > 0 ? { unreadRosters: roster.unreadRosters } : {}),
      ...(roster.rostersNotRead.length > 0 ? { rostersNotRead: roster.rostersNotRead } : {}),
    };
  }

  async findMemberByBarcode(barcode: string): Promise<Member | undefined> {
    return explained(this.require().guests.byCode(barcode));
  }

  async searchMembers(query: string): Promise<Member[]> {
    return explained(this.require().guests.search(query));
  }

  async checkIn(request: BookingActionRequest): Promise<Booking> {
    return this.require().desk.checkIn(request);
  }

  async undoCheckIn(request: BookingActionRequest): Promise<Booking> {
    return this.require().desk.undoCheckIn(request);
  }

  async cancelBooking(request: BookingActionRequest): Promise<Booking> {
    return this.require().desk.cancelBooking(request);
  }

  async findBooking(request: Omit<BookRequest, 'actionId'>): Promise<Booking | undefined> {
    return this.require().desk.findBooking(request);
  }

  async book(request: BookRequest): Promise<Booking> {
    return this.require().desk.book(request);
  }

  private require(): ZenotiParts {
    if (!this.parts) throw settingsError(this.settingsProblem ?? { code: 'connection_not_set_up' });
    return this.parts;
  }
}

async function explained<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw explainZenotiError(error);
  }
}

/** A malformed class sent on several pages is one problem, not several. */
function distinct(issues: RecordIssue[]): RecordIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.table}|${issue.sourceId ?? ''}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
