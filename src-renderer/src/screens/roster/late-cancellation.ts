import type { Session } from '../../../../src-shared/domain';

/** Without a deadline from the system, a cancellation this close to the start counts as late. */
export const lateWithoutDeadlineMs = 2 * 60 * 60 * 1000;

export type Lateness = { late: false } | { late: true; deadline: string | undefined };

/**
 * Whether cancelling now may cost the member a fee: after the system's
 * cancellation deadline, or, when it names none, within two hours of the start.
 */
export function cancellationLateness(session: Pick<Session, 'startsAt' | 'cancellationDeadline'>, nowMs: number): Lateness {
  if (session.cancellationDeadline !== undefined) {
    return nowMs > Date.parse(session.cancellationDeadline)
      ? { late: true, deadline: session.cancellationDeadline }
      : { late: false };
  }
  return nowMs >= Date.parse(session.startsAt) - lateWithoutDeadlineMs ? { late: true, deadline: undefined } : { late: false };
}
