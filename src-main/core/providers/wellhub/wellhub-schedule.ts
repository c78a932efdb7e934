import type { ClassType, Instructor, Session } from '../../../../src-shared/domain';
import type { RecordIssue, SyncWindow } from '../provider';
import { invalidWellhubAnswer, type WellhubApi } from './wellhub-api';
import { classTypeFrom, sessionFrom, type WellhubScope } from './wellhub-mapping';
import { gymLocalTime } from './wellhub-time';
import { ClassesEnvelope, SlotPage, WireClass, WireSlot } from './wellhub-wire';

/**
 * Reads the gym's timetable at Wellhub: its classes, then each class's slots in
 * the window. Wellhub has no "all slots of the gym" call, so it is one list per
 * class (paged by `metadata`).
 */

export interface WellhubTimetable {
  classTypes: ClassType[];
  instructors: Instructor[];
  sessions: Session[];
  issues: RecordIssue[];
}

/** Classes read at once; the rate limiter still paces them. */
const PARALLEL_CLASSES = 4;
/** Stops a provider that keeps saying "there is more" from paging forever. */
const MAX_PAGES = 200;

export class WellhubSchedule {
  constructor(
    private readonly api: WellhubApi,
    private readonly scope: WellhubScope,
  ) {}

  private get gymPath(): string {
    return `/booking/v1/gyms/${encodeURIComponent(this.scope.gymId)}`;
  }

  async classes(): Promise<{ classes: WireClass[]; issues: RecordIssue[] }> {
    const envelope = ClassesEnvelope.safeParse(await this.api.get(`${this.gymPath}/classes`));
    if (!envelope.success) throw invalidWellhubAnswer('a class list', envelope.error.message);
    const classes: WireClass[] = [];
    const issues: RecordIssue[] = [];
    for (const raw of envelope.data.classes) {
      const parsed = WireClass.safeParse(raw);
      if (parsed.success) classes.push(parsed.data);
      else issues.push({ table: 'classTypes', ...sourceIdOf(raw), message: `Wellhub class skipped: ${describe(parsed.error)}` });
    }
    return { classes, issues };
  }

  async timetable(window: SyncWindow): Promise<WellhubTimetable> {
    const { classes, issues } = await this.classes();
    const sessions: Session[] = [];
    const instructors = new Map<string, Instructor>();
    const queue = [...classes];
    const worker = async (): Promise<void> => {
      for (let wireClass = queue.shift(); wireClass; wireClass = queue.shift()) {
        for (const raw of await this.slotsOf(wireClass, window)) {
          const parsed = WireSlot.safeParse(raw);
          if (!parsed.success) {
            issues.push({ table: 'sessions', ...sourceIdOf(raw), message: `Wellhub slot of "${wireClass.name}" skipped: ${describe(parsed.error)}` });
            continue;
          }
          const mapped = sessionFrom(parsed.data, wireClass, this.scope);
          if (!mapped.ok) {
            issues.push({ table: 'sessions', sourceId: String(parsed.data.id), message: `Wellhub slot skipped: ${mapped.message}` });
            continue;
          }
          if (mapped.session.startsAt < window.from || mapped.session.startsAt >= window.to) continue;
          sessions.push(mapped.session);
          for (const instructor of mapped.instructors) instructors.set(instructor.id, instructor);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CLASSES, classes.length) }, worker));
    sessions.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
    return {
      classTypes: classes.map((wireClass) => classTypeFrom(wireClass, this.scope)),
      instructors: [...instructors.values()],
      sessions,
      issues,
    };
  }

  /**
   * All slots of one class in the window, page after page. `from`/`to` are
   * written in the gym's local time with its offset, as the documents ask.
   * The page parameter is not documented; `page` (from 1) matches the
   * `metadata.page` Wellhub sends back.
   */
  private async slotsOf(wireClass: WireClass, window: SyncWindow): Promise<unknown[]> {
    const path = `${this.gymPath}/classes/${wireClass.id}/slots`;
    const from = gymLocalTime(window.from, this.scope.gymZone);
    // Wellhub's times are whole seconds: a window ending inside a second (the core re-reads one class after a
    // desk action with a 1 ms window) asks up to the next one, or it would ask for nothing and lose the class.
    const to = gymLocalTime(new Date(Math.ceil(Date.parse(window.to) / 1000) * 1000).toISOString(), this.scope.gymZone);
    const slots: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const answer = SlotPage.safeParse(await this.api.get(path, { from, to, ...(page > 1 ? { page } : {}) }));
      if (!answer.success) throw invalidWellhubAnswer(`a slot list for "${wireClass.name}"`, answer.error.message);
      slots.push(...answer.data.results);
      const total = answer.data.metadata?.total_elements;
      if (answer.data.results.length === 0 || typeof total !== 'number' || slots.length >= total) break;
    }
    return slots;
  }
}

function sourceIdOf(raw: unknown): { sourceId?: string } {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' || typeof id === 'string' ? { sourceId: String(id) } : {};
}

function describe(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'record'}: ${issue.message}`)
    .join('; ');
}
