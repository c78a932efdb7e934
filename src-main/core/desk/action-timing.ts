import { actionRules, misfitOf, type ClassActionKind } from '../../../src-shared/desk-action-rules';
import type { Capabilities } from '../../../src-shared/connections';
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
  if (!session) return;
  const misfit = misfitOf(kind, { session, nowMs: now.getTime(), capabilities });
  if (misfit === undefined || misfit === 'status' || misfit === 'capability') return;
  const { time } = actionRules[kind];
  if (misfit === 'class_cancelled') throw new DeskError('conflict', 'This class is cancelled.');
  if (time === 'check_in_window') {
    throw new DeskError('conflict', misfit === 'too_early' ? 'Check-in for this class is not open yet.' : 'Check-in for this class has closed.');
  }
  if (time === 'after_end') throw new DeskError('conflict', 'The class has not ended yet.');
  if (time === 'before_start') throw new DeskError('conflict', 'The class has already started.');
}
