import { actionRules, actionSpan, misfitOf, type ClassActionKind } from '../../../src-shared/desk-action-rules';
import type { Capabilities } from '../../../src-shared/connections';
import { deskMessage, type DeskMessage } from '../../../src-shared/desk-messages';
import type { Session } from '../../../src-shared/domain';
import { DeskError } from '../command-dispatch';

/**
 * The core's side of the desk-action rules: an action asked for outside its
 * time around the class (a check-in after the class, a no-show before its end)
 * is refused before it is journaled, as the desk would never have offered it.
 * The booking's state is left to the provider, whose word on it is fresher
 * than the cache's.
 */
export function requireActionTime(kind: ClassActionKind, session: Session | undefined, now: Date, capabilities: Capabilities): void {
  const refusal = session && actionTimeRefusal(kind, session, now, capabilities);
  if (refusal) throw new DeskError('conflict', refusal);
}

/** Why `kind` does not fit this class's time at `now` (with the instant that decides it), or undefined when it does. */
export function actionTimeRefusal(kind: ClassActionKind, session: Session, now: Date, capabilities: Capabilities): DeskMessage | undefined {
  const misfit = misfitOf(kind, { session, nowMs: now.getTime(), capabilities });
  if (misfit === undefined || misfit === 'status' || misfit === 'capability') return undefined;
  const { time } = actionRules[kind];
  const { from, until } = actionSpan(time, session, capabilities);
  const at = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : undefined);
  const about = { session: session.title };
  if (misfit === 'class_cancelled') return deskMessage('class_cancelled', about);
  if (time === 'check_in_window') {
    return misfit === 'too_early'
      ? deskMessage('checkin_not_open_yet', { ...about, opensAt: at(from) })
      : deskMessage('checkin_closed', { ...about, closedAt: at(until) });
  }
  if (time === 'after_end') return deskMessage('class_not_ended', { ...about, endsAt: session.endsAt });
  if (misfit === 'too_early') return deskMessage('booking_not_open_yet', { ...about, opensAt: session.bookingOpensAt });
  if (kind === 'book' && session.bookingClosesAt && now.getTime() >= Date.parse(session.bookingClosesAt) && session.bookingClosesAt < session.startsAt) {
    return deskMessage('booking_closed', { ...about, closedAt: session.bookingClosesAt });
  }
  return deskMessage('class_started', { ...about, startedAt: session.startsAt });
}
