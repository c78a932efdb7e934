import type { Capabilities } from '../../../src-shared/connections';
import type { DeskApi } from '../../../src-shared/contract';
import { actionRules, misfitOf, type ActionRule, type ClassActionKind, type Misfit } from '../../../src-shared/desk-action-rules';
import type { BookingStatus, DeskAction, Session } from '../../../src-shared/domain';

/**
 * The desk's actions, each once: what it is called (roster.action.<kind> in
 * en.ts), its key, when it fits (the shared rules: booking state, time around
 * the class, the system's ability), whether it asks first, and what it sends.
 * Row buttons, keyboard shortcuts, the shortcut help and the command palette
 * are all printed from this table, so none can offer what another would refuse.
 */

/** The desk actions that act on a booking the desk already has. */
export type BookingActionKind = Exclude<ClassActionKind, 'book'>;

export interface BookingActionInput {
  actionId: string;
  bookingId: string;
  reason?: string;
}

export interface DeskActionEntry {
  kind: BookingActionKind;
  /** The single letter that runs it on the focused roster row. */
  key: string;
  rule: ActionRule;
  testId: string;
  /** Shown as the row's main button. */
  primary: boolean;
  /** Opens a dialog first: a reason, and for a cancellation a word about late fees. */
  asks: boolean;
  send(desk: DeskApi, input: BookingActionInput): Promise<DeskAction>;
}

const plain = ({ actionId, bookingId }: BookingActionInput) => ({ actionId, bookingId });
/** A reason travels only where one was given: the contract refuses an empty one. */
const withReason = (input: BookingActionInput) => (input.reason ? { ...plain(input), reason: input.reason } : plain(input));

function entry(kind: BookingActionKind, key: string, testId: string, look: { primary: boolean; asks: boolean }, send: DeskActionEntry['send']): DeskActionEntry {
  return { kind, key, rule: actionRules[kind], testId, ...look, send };
}

/** Every action a roster row can offer, in the order its buttons appear. Letters: C U X P Y R N, none shadowing another. */
export const bookingActions: readonly DeskActionEntry[] = [
  entry('check_in', 'c', 'action-check-in', { primary: true, asks: false }, (desk, input) => desk.checkIn(plain(input))),
  entry('undo_check_in', 'u', 'action-undo', { primary: false, asks: false }, (desk, input) => desk.undoCheckIn(plain(input))),
  entry('promote_from_waitlist', 'p', 'action-promote', { primary: true, asks: false }, (desk, input) =>
    desk.promoteFromWaitlist(plain(input)),
  ),
  entry('confirm_booking_request', 'y', 'action-confirm', { primary: true, asks: false }, (desk, input) =>
    desk.confirmBookingRequest(plain(input)),
  ),
  entry('reject_booking_request', 'r', 'action-reject', { primary: false, asks: true }, (desk, input) =>
    desk.rejectBookingRequest(withReason(input)),
  ),
  entry('cancel_booking', 'x', 'action-cancel', { primary: false, asks: true }, (desk, input) => desk.cancelBooking(withReason(input))),
  entry('mark_no_show', 'n', 'action-no-show', { primary: false, asks: false }, (desk, input) => desk.markNoShow(plain(input))),
];

/** The one class action: add a member (opens the walk-in dialog, which asks the system and then books). */
export const addMemberAction = { kind: 'book', key: 'a', rule: actionRules.book, asks: true } as const;

export function bookingActionOf(kind: BookingActionKind): DeskActionEntry {
  const found = bookingActions.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(`No desk action ${kind}`);
  return found;
}

/** What the desk knows when it decides: the class, the desk's clock, the system's abilities (undefined until known). */
export interface ActionScene {
  session: Pick<Session, 'startsAt' | 'endsAt' | 'status'> & Partial<Pick<Session, 'bookingOpensAt' | 'bookingClosesAt'>>;
  nowMs: number;
  capabilities: Capabilities | undefined;
}

/**
 * Why this action would fail for a booking in `status` right now, or undefined when it fits.
 * `decideBy`: a booking request's deadline (Wellhub declines it by itself then), where known.
 */
export function whyNot(kind: BookingActionKind, status: BookingStatus, scene: ActionScene, decideBy?: string): Misfit | undefined {
  return misfitOf(kind, { status, decideBy, ...scene });
}

/** The actions a booking in this state offers on this class right now, in button order. */
export function actionsFor(status: BookingStatus, scene: ActionScene, decideBy?: string): DeskActionEntry[] {
  return bookingActions.filter((action) => whyNot(action.kind, status, scene, decideBy) === undefined);
}

/** Whether a member can be added to the class right now. */
export function canAddMemberTo(scene: ActionScene): boolean {
  return misfitOf('book', scene) === undefined;
}
