import { z } from 'zod';
import { Booking, BookingStatus, DeskActionKind, utcInstant } from '../../../../src-shared/domain';
import { readJsonFile, writeJsonFile } from '../../storage/json-file';

/**
 * What the desk has done to the demo studio. The rosters themselves are
 * generated; only the desk's changes are kept, as an overlay per booking, in
 * `<dataDir>/demo-studio.json`, so check-ins survive a restart.
 */

export const DEMO_STUDIO_FILE = 'demo-studio.json';

export const BookingChange = z.object({
  status: BookingStatus,
  checkedInAt: utcInstant.optional(),
  updatedAt: utcInstant,
});
export type BookingChange = z.infer<typeof BookingChange>;

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
});
export type DemoStudioFile = z.infer<typeof DemoStudioFile>;

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
    return Object.hasOwn(this.state.bookings, bookingId) ? this.state.bookings[bookingId] : undefined;
  }

  appliedAction(actionId: string): AppliedAction | undefined {
    return Object.hasOwn(this.state.actions, actionId) ? this.state.actions[actionId] : undefined;
  }

  /**
   * Saves first and only then takes the change in memory: if the disk write
   * fails, the studio still matches its file and the action can be retried.
   */
  async apply(actionId: string, action: AppliedAction, changes: ReadonlyMap<string, BookingChange>): Promise<void> {
    const next: DemoStudioFile = {
      version: 1,
      bookings: { ...this.state.bookings, ...Object.fromEntries(changes) },
      actions: { ...this.state.actions, [actionId]: action },
    };
    await writeJsonFile(this.path, next);
    this.state = next;
  }
}
