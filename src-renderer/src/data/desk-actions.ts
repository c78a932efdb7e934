import type { DeskAction } from '../../../src-shared/domain';
import type { DeskDatabase } from './db';

/**
 * Mirrors an action the core just accepted, so the roster shows it pending at
 * once; the core's next change set or snapshot overwrites it with the truth.
 */
export async function rememberDeskAction(db: DeskDatabase, action: DeskAction): Promise<void> {
  await db.transaction('rw', db.deskActions, async () => {
    const known = await db.deskActions.get(action.id);
    // A change set may already have brought a later state of the same action.
    if (known && Date.parse(known.updatedAt) > Date.parse(action.updatedAt)) return;
    await db.deskActions.put(action);
  });
}

/** The newest action per booking: that one decides what the row shows. */
export function latestActionByBooking(actions: readonly DeskAction[]): Map<string, DeskAction> {
  const latest = new Map<string, DeskAction>();
  for (const action of actions) {
    // A booking made at the desk has no booking id until the provider confirms it.
    if (action.bookingId === undefined) continue;
    latest.set(action.bookingId, newerAction(latest.get(action.bookingId), action));
  }
  return latest;
}

/** Of two actions on one booking, the one the row shows: the later taken, and of one action its later state. */
export function newerAction(a: DeskAction | undefined, b: DeskAction): DeskAction;
export function newerAction(a: DeskAction | undefined, b: DeskAction | undefined): DeskAction | undefined;
export function newerAction(a: DeskAction | undefined, b: DeskAction | undefined): DeskAction | undefined {
  if (!a || !b) return a ?? b;
  const created = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (created !== 0) return created > 0 ? b : a;
  return Date.parse(b.updatedAt) >= Date.parse(a.updatedAt) ? b : a;
}

