import type { ClassType, Instructor, Location, Session } from '../../../../src-shared/domain';
import type { RecordIssue, SyncWindow } from '../provider';
import { ProviderError } from '../../provider-error';
import type { OpenApiClient } from './open-api-client';
import { isZone } from './slot-time';
import { problemOf, sourceIdOf, toClassType, toLocation, toSession } from './sport-alliance-mapping';
import { WireClass, WireSlot, WireStudio } from './sport-alliance-wire';

/**
 * The studio's timetable for a sync window: the studio itself, its classes and
 * the class slots, from `/v1/studios/information`, `/v1/classes` and
 * `/v1/classes/slots`. Each record is checked on its own; a bad one becomes an
 * issue and the rest of the timetable still arrives.
 */

export interface Timetable {
  location: Location;
  classTypes: ClassType[];
  instructors: Instructor[];
  sessions: Session[];
  issues: RecordIssue[];
  /** The zone the slot times named (`…[Europe/Berlin]`), if any: the fallback for the next sync. */
  namedZone?: string;
}

export interface TimetableRequest {
  connectionId: string;
  /** Names the studio when the key may not read the studio's information. */
  label: string;
  /** Tried in order when the slots name no zone. */
  fallbackZones: (string | undefined)[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Slice size: the spec allows 10–100; 50 is its default. */
const SLICE_SIZE = 50;
/**
 * `/v1/classes/slots` covers slotWindowStartDate to slotWindowStartDate + daysAhead
 * (at most 6). Whether that last day is included is not documented, so windows
 * start every 6 days: each date is covered either way, some twice (deduplicated by id).
 */
const DAYS_AHEAD = 6;

export async function fetchTimetable(client: OpenApiClient, window: SyncWindow, request: TimetableRequest): Promise<Timetable> {
  const { connectionId } = request;
  const [studio, rawClasses, rawSlots] = await Promise.all([
    studioInformation(client),
    client.allSlices('/classes', {}, SLICE_SIZE),
    slotsFor(client, window),
  ]);
  const issues: RecordIssue[] = [];
  const classes = new Map<number, WireClass>();
  for (const raw of rawClasses) {
    const parsed = WireClass.safeParse(raw);
    if (parsed.success) classes.set(parsed.data.id, parsed.data);
    else issues.push({ table: 'classTypes', sourceId: sourceIdOf(raw, 'id'), message: `${client.name} sent a class Classdesk cannot read: ${problemOf(parsed.error)}` });
  }
  const namedZone = mostCommonZone(rawSlots);
  const zone = namedZone ?? request.fallbackZones.find((candidate) => candidate) ?? 'UTC';
  const location = toLocation(connectionId, studio, zone, request.label);
  const context = { connectionId, locationId: location.id, classes, fallbackZone: zone };
  const sessions = new Map<string, Session>();
  const instructors = new Map<string, Instructor>();
  const classTypes = new Map<string, ClassType>();
  for (const wire of classes.values()) {
    const classType = toClassType(connectionId, wire);
    classTypes.set(classType.id, classType);
  }
  for (const raw of rawSlots) {
    const parsed = WireSlot.safeParse(raw);
    const mapped = parsed.success ? toSession(parsed.data, context) : { problem: problemOf(parsed.error) };
    if ('problem' in mapped) {
      issues.push({ table: 'sessions', sourceId: sourceIdOf(raw, 'id'), message: `${client.name} sent a class slot Classdesk cannot read: ${mapped.problem}` });
      continue;
    }
    const { session } = mapped;
    if (session.startsAt < window.from || session.startsAt >= window.to) continue;
    sessions.set(session.id, session);
    for (const instructor of mapped.instructors) instructors.set(instructor.id, instructor);
    if (!classTypes.has(session.classTypeId)) {
      classTypes.set(session.classTypeId, { id: session.classTypeId, connectionId, name: session.title });
    }
  }
  return {
    location,
    classTypes: [...classTypes.values()],
    instructors: [...instructors.values()],
    sessions: [...sessions.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    issues,
    ...(namedZone ? { namedZone } : {}),
  };
}

/** The studio this key belongs to; undefined when the key may not read it (no STUDIO_READ scope). */
async function studioInformation(client: OpenApiClient): Promise<WireStudio | undefined> {
  try {
    const answer = await client.get('/studios/information');
    const parsed = WireStudio.safeParse(answer.body);
    return parsed.success ? parsed.data : undefined;
  } catch (error) {
    if (error instanceof ProviderError && (error.code === 'forbidden' || error.code === 'not_found')) return undefined;
    throw error;
  }
}

/** Every slot whose studio date can fall inside the window, whatever the studio's offset (−12 h … +14 h). */
async function slotsFor(client: OpenApiClient, window: SyncWindow): Promise<unknown[]> {
  const firstMs = Date.parse(window.from) - 12 * 60 * 60 * 1000;
  const lastMs = Date.parse(window.to) + 14 * 60 * 60 * 1000;
  const starts: string[] = [];
  for (let dayMs = utcDayStart(firstMs); dayMs <= lastMs; dayMs += DAYS_AHEAD * DAY_MS) {
    starts.push(new Date(dayMs).toISOString().slice(0, 10));
  }
  const slices = await Promise.all(
    starts.map((slotWindowStartDate) => client.allSlices('/classes/slots', { slotWindowStartDate, daysAhead: DAYS_AHEAD }, SLICE_SIZE)),
  );
  // Windows overlap by a day: each slot once (records without an id are all kept, to be reported).
  const byId = new Map<string, unknown>();
  slices.flat().forEach((raw, index) => {
    const id = sourceIdOf(raw, 'id') ?? `#${index}`;
    if (!byId.has(id)) byId.set(id, raw);
  });
  return [...byId.values()];
}

const utcDayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** The zone named in most slot times (`…[Europe/Berlin]`): the studio's own clock. */
function mostCommonZone(rawSlots: unknown[]): string | undefined {
  const counts = new Map<string, number>();
  for (const raw of rawSlots) {
    const start = (raw as { startDateTime?: unknown } | null)?.startDateTime;
    const zone = typeof start === 'string' ? /\[([^\]]+)\]$/.exec(start)?.[1] : undefined;
    if (zone && isZone(zone)) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
