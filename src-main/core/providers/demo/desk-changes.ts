import { z } from 'zod';
import { Booking, BookingStatus, DeskActionKind, utcInstant } from '../../../../src-shared/domain';
import { readJsonFile, writeJsonFile } from '../../storage/json-file';

/**
 * What the desk has done to the demo studio. The rosters themselves are
 * generated; only the desk's doings are kept in `<dataDir>/demo-studio.json`,
 * so they survive a restart: changes to bookings (generated or added), the
 * bookings the desk added, and the Wellhub visits it validated.
 *
 * The schema only ever grows by optional parts, so a file written by an older
 * Classdesk (just `bookings` and `actions`) still loads.
 */

export const DEMO_STUDIO_FILE = 'demo-studio.json';

export const BookingChange = z.object({
  status: BookingStatus,
  checkedInAt: utcInstant.optional(),
  updatedAt: utcInstant,
  /** Place in line when the change put the booking on the waitlist: higher is later. */
  waitlistOrder: z.number().int().positive().optional(),
});
export type BookingChange = z.infer<typeof BookingChange>;

/** A booking the desk made. Its id is `<session id>:desk-<n>`, so the session can be read off the id. */
export const AddedBooking = z.object({
  id: z.string().min(1),
  memberId: z.string().min(1),
  /** What it was when made: booked while there was room, else waitlisted. Later changes go to `bookings`. */
  status: z.enum(['booked', 'waitlisted']),
  madeAt: utcInstant,
  waitlistOrder: z.number().int().positive().optional(),
});
export type AddedBooking = z.infer<typeof AddedBooking>;

/** One applied desk action and the booking it returned, so a retry gets the very same answer. */
export const AppliedAction = z.object({
  kind: DeskActionKind,
  bookingId: z.string().min(1),
  booking: Booking,
});
export type AppliedAction = z.infer<typeof AppliedAction>;

export const DemoStudioFile = z.object({
  version: z.literal(1),
  bookings: z.record(z.string(), BookingChange),
  actions: z.record(z.string(), AppliedAction),
  /** Session id → the bookings the desk added to it, oldest first. Absent in files before booking existed. */
  added: z.record(z.string(), z.array(AddedBooking)).optional(),
  /** Wellhub id → the local date ("YYYY-MM-DD") its visit was last validated. */
  visits: z.record(z.string(), z.string()).optional(),
});
export type DemoStudioFile = z.infer<typeof DemoStudioFile>;

/** What one desk action does to the overlay. */
export interface OverlayEdit {
  changes?: ReadonlyMap<string, BookingChange>;
  added?: { sessionId: string; booking: AddedBooking };
}

const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

export class DeskChanges {
  private constructor(
    private readonly path: string,
    private state: DemoStudioFile,
  ) {}

  static async load(path: string): Promise<DeskChanges> {
    const stored = await readJsonFile(path, DemoStudioFile);
    return new DeskChanges(path, stored ?? { version: 1, bookings: {}, actions: {} });
  }

  changeFor(bookingId: string): BookingChange | undefined {
    return own(this.state.bookings, bookingId);
  }

  addedTo(sessionId: string): readonly AddedBooking[] {
    return own(this.state.added, sessionId) ?? [];
  }

  appliedAction(actionId: string): AppliedAction | undefined {
    return own(this.state.actions, actionId);
  }

  visitValidatedOn(wellhubId: string): string | undefined {
    return own(this.state.visits, wellhubId);
  }

  /**
   * Saves first and only then takes the change in memory: if the disk write
   * fails, the studio still matches its file and the action can be retried.
   */
  async apply(actionId: string, action: AppliedAction, { changes, added }: OverlayEdit): Promise<void> {
    const next: DemoStudioFile = {
      ...this.state,
      bookings: { ...this.state.bookings, ...(changes ? Object.fromEntries(changes) : {}) },
      actions: { ...this.state.actions, [actionId]: action },
    };
    if (added) {
      next.added = { ...this.state.added, [added.sessionId]: [...this.addedTo(added.sessionId), added.booking] };
    }
    await this.save(next);
  }

  async recordVisit(wellhubId: string, localDate: string): Promise<void> {
    await this.save({ ...this.state, visits: { ...this.state.visits, [wellhubId]: localDate } });
  }

  private async save(next: DemoStudioFile): Promise<void> {
    await writeJsonFile(this.path, next);
    this.state = next;
  }
}
