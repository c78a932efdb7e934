import type { Member } from '../../../../src-shared/domain';
import { localDayOf } from '../../data/local-day';
import type { WaitingRequest, WaitingVisit, WellhubWaiting } from './use-wellhub-waiting';

/** When a request stops being answerable: Wellhub's deadline, else (a system that sets none) the class's start. */
export function requestDeadlineMs({ booking, session }: WaitingRequest): number {
  if (booking.decideBy) return Date.parse(booking.decideBy);
  return session ? Date.parse(session.startsAt) : Number.POSITIVE_INFINITY;
}

/**
 * Whether a request is still open at `nowMs`: before its deadline and its class's start. One without a
 * deadline (a system that states none, like the demo studio) counts for today's classes only, as a
 * request with Wellhub's 15 minutes is always today's.
 */
function isOpen(request: WaitingRequest, nowMs: number): boolean {
  const { booking, session, location } = request;
  if (requestDeadlineMs(request) <= nowMs) return false;
  if (!session) return booking.decideBy !== undefined;
  if (Date.parse(session.startsAt) <= nowMs) return false;
  if (booking.decideBy) return true;
  const zone = location?.timeZone ?? 'UTC';
  return localDayOf(Date.parse(session.startsAt), zone) === localDayOf(nowMs, zone);
}

/** Open requests at `nowMs`, the one that lapses first on top; lapsed ones and those whose class began are gone. */
export function openRequests(requests: readonly WaitingRequest[], nowMs: number): WaitingRequest[] {
  return requests
    .filter((request) => isOpen(request, nowMs))
    .sort((a, b) => requestDeadlineMs(a) - requestDeadlineMs(b));
}

/** Visits still to validate at `nowMs`, the one that runs out first on top; validated and run-out ones are gone. */
export function openVisits(visits: readonly WaitingVisit[], nowMs: number): WaitingVisit[] {
  return visits
    .filter(({ visit }) => visit.validatedAt === undefined && Date.parse(visit.validateBy) > nowMs)
    .sort((a, b) => Date.parse(a.visit.validateBy) - Date.parse(b.visit.validateBy));
}

/** How many things wait for the desk right now (the header's badge). */
export function waitingCount(waiting: WellhubWaiting | undefined, nowMs: number): number {
  if (!waiting) return 0;
  return openRequests(waiting.requests, nowMs).length + openVisits(waiting.visits, nowMs).length;
}

/** The next instant after `nowMs` at which something leaves the list, so the badge changes right then. */
export function nextWaitingChange(waiting: WellhubWaiting | undefined, nowMs: number): number | undefined {
  if (!waiting) return undefined;
  const edges = [
    ...openRequests(waiting.requests, nowMs).flatMap((request) => [requestDeadlineMs(request), request.session ? Date.parse(request.session.startsAt) : Number.NaN]),
    ...openVisits(waiting.visits, nowMs).map(({ visit }) => Date.parse(visit.validateBy)),
  ].filter((ms) => Number.isFinite(ms) && ms > nowMs);
  return edges.length > 0 ? Math.min(...edges) : undefined;
}

/** The Wellhub id a visit is validated with: Wellhub's members carry it as their member number. */
export function visitorIdOf(member: Pick<Member, 'memberNumber'> | undefined): string | undefined {
  const digits = member?.memberNumber.replace(/[\s-]/g, '');
  return digits && /^\d{13}$/.test(digits) ? digits : undefined;
}
