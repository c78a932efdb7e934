import type { Session } from '../../../../src-shared/domain';

/**
 * Which class the desk opens by itself: on today, the one running now or the
 * next to start (a cancelled class only if nothing else is left); once the day
 * is over, the last one; on any other day, the first.
 */
export function sessionToOpen(sessions: readonly Session[], nowMs: number, isToday: boolean): Session | undefined {
  if (!isToday) return sessions[0];
  const notOver = sessions.filter((session) => Date.parse(session.endsAt) > nowMs);
  return notOver.find((session) => session.status !== 'cancelled') ?? notOver[0] ?? sessions.at(-1);
}
