import type { ClassType, Instructor, Session } from '../../../../src-shared/domain';
import type { ProviderHttp } from '../../http/provider-http';
import type { RecordIssue, SyncWindow } from '../provider';
import { centerDateRanges, type CenterDateRange } from './zenoti-center-time';
import { unreadableAnswer } from './zenoti-errors';
import type { SessionKey } from './zenoti-ids';
import { classTypeFromSession, isProblem, mapClassType, mapInstructor, mapSession, type CenterContext } from './zenoti-mapping';
import { PAGE_SIZE, readAllPages } from './zenoti-paging';
import { sourceIdOf, whatIsWrong, WireClass, WireNamed, WireSession, WireSessionsPage } from './zenoti-wire';

/**
 * The center's timetable for a window: GET /v1/classes/sessions, range by range
 * (center-local dates), page by page, with the classes, instructors and rooms
 * Zenoti sends beside the sessions.
 */

export const SESSIONS_PATH = '/v1/classes/sessions';

export interface ScheduledSession {
  session: Session;
  key: SessionKey;
}

export interface Schedule {
  centerName?: string;
  sessions: ScheduledSession[];
  classTypes: ClassType[];
  instructors: Instructor[];
  issues: RecordIssue[];
  /** Zenoti's UTC times disagree with its local times read in the configured zone. */
  zoneMismatch: boolean;
}

interface RawSchedule {
  sessions: unknown[];
  classes: unknown[];
  instructors: unknown[];
  rooms: unknown[];
}

export async function readSchedule(http: ProviderHttp, center: CenterContext, window: SyncWindow): Promise<Schedule> {
  const raw: RawSchedule = { sessions: [], classes: [], instructors: [], rooms: [] };
  for (const range of centerDateRanges(window, center.zone)) {
    await readAllPages(async (page) => {
      const answer = await readSessionsPage(http, center.centerId, range, page, PAGE_SIZE);
      raw.sessions.push(...answer.sessions);
      raw.classes.push(...answer.classes);
      raw.instructors.push(...answer.instructors);
      raw.rooms.push(...answer.rooms);
      return { items: answer.sessions, details: answer.page_details };
    });
  }
  return assemble(raw, center, window);
}

/** One page of sessions; also the cheapest authenticated call, used to test a connection. */
export async function readSessionsPage(
  http: ProviderHttp,
  centerId: string,
  range: CenterDateRange,
  page: number,
  size: number,
): Promise<WireSessionsPage> {
  const answer = await http.get(SESSIONS_PATH, {
    center_id: centerId,
    start_date: range.startDate,
    end_date: range.endDate,
    page,
    size,
  });
  const parsed = WireSessionsPage.safeParse(answer.body);
  if (!parsed.success) throw unreadableAnswer('a class schedule', whatIsWrong(parsed.error));
  return parsed.data;
}

function assemble(raw: RawSchedule, center: CenterContext, window: SyncWindow): Schedule {
  const { ids } = center;
  const issues: RecordIssue[] = [];
  const classes = new Map<string, WireClass>();
  const classTypes = new Map<string, ClassType>();
  for (const record of raw.classes) {
    const parsed = WireClass.safeParse(record);
    if (!parsed.success) {
      issues.push({ table: 'classTypes', sourceId: sourceIdOf(record), message: whatIsWrong(parsed.error) });
      continue;
    }
    const mapped = mapClassType(ids, parsed.data);
    if (isProblem(mapped)) {
      issues.push({ table: 'classTypes', sourceId: parsed.data.id, message: mapped.problem });
      continue;
    }
    classes.set(parsed.data.id, parsed.data);
    classTypes.set(mapped.id, mapped);
  }
  const instructors = new Map<string, Instructor>();
  for (const record of raw.instructors) {
    const parsed = WireNamed.safeParse(record);
    if (parsed.success) instructors.set(parsed.data.id, mapInstructor(ids, parsed.data));
    else issues.push({ table: 'instructors', sourceId: sourceIdOf(record), message: whatIsWrong(parsed.error) });
  }
  // A room only adds a name to a session; one Zenoti describes badly is simply left off.
  const rooms = new Map<string, string>();
  for (const record of raw.rooms) {
    const parsed = WireNamed.safeParse(record);
    if (parsed.success) rooms.set(parsed.data.id, parsed.data.name);
  }

  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);
  const sessions = new Map<string, ScheduledSession>();
  let centerName: string | undefined;
  let zoneMismatch = false;
  for (const record of raw.sessions) {
    const parsed = WireSession.safeParse(record);
    if (!parsed.success) {
      issues.push({ table: 'sessions', sourceId: sourceIdOf(record), message: whatIsWrong(parsed.error) });
      continue;
    }
    const wire = parsed.data;
    // Asked for one center; a session of another center is not this desk's.
    if (wire.center_id && wire.center_id.toLowerCase() !== center.centerId.toLowerCase()) continue;
    const mapped = mapSession(wire, center, classes, rooms);
    if (isProblem(mapped)) {
      issues.push({ table: 'sessions', sourceId: wire.id, message: mapped.problem });
      continue;
    }
    zoneMismatch ||= mapped.zoneMismatch;
    centerName ??= wire.center_name?.trim() || undefined;
    const startMs = Date.parse(mapped.session.startsAt);
    if (startMs < fromMs || startMs >= toMs) continue;
    if (!classTypes.has(mapped.session.classTypeId)) {
      classTypes.set(mapped.session.classTypeId, classTypeFromSession(ids, wire.class_id, mapped.session.title));
    }
    sessions.set(mapped.session.id, { session: mapped.session, key: { classId: wire.class_id, sessionId: wire.id } });
  }
  const ordered = [...sessions.values()].sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  return {
    ...(centerName ? { centerName } : {}),
    sessions: ordered,
    classTypes: [...classTypes.values()],
    instructors: [...instructors.values()],
    issues,
    zoneMismatch,
  };
}
