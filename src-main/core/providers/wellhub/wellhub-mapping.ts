import type { ClassType, Instructor, Location, Member } from '../../../../src-shared/domain';
import { Session } from '../../../../src-shared/domain';
import { addMinutes, wellhubInstant } from './wellhub-time';
import type { WebhookUser, WireClass, WireSlot } from './wellhub-wire';

/** Which connection and gym the records belong to, and the gym's clock. */
export interface WellhubScope {
  connectionId: string;
  /** The Wellhub gym id (settings.scopeId). */
  gymId: string;
  /** IANA zone of the gym (settings.timeZone): Wellhub sends no zone of its own. */
  gymZone: string;
  /** What the desk calls the gym (the connection's label). */
  gymName: string;
}

/** BCP 47 locale for the location: Wellhub tells us none, so the desk's default English is used. */
export const WELLHUB_LOCATION_LOCALE = 'en';

export const wellhubIds = {
  location: (scope: WellhubScope) => `${scope.connectionId}:location:${scope.gymId}`,
  classType: (scope: WellhubScope, classId: number) => `${scope.connectionId}:class-type:${classId}`,
  session: (scope: WellhubScope, slotId: number) => `${scope.connectionId}:session:${slotId}`,
  instructor: (scope: WellhubScope, name: string) => `${scope.connectionId}:instructor:${instructorKey(name)}`,
  member: (scope: WellhubScope, wellhubId: string) => `${scope.connectionId}:member:${wellhubId}`,
  booking: (scope: WellhubScope, bookingNumber: string) => `${scope.connectionId}:booking:${bookingNumber}`,
  /** A check-in is the member at one instant: a repeated webhook is the same visit. */
  visit: (scope: WellhubScope, wellhubId: string, checkedInAt: string) => `${scope.connectionId}:visit:${wellhubId}:${checkedInAt}`,
};

/** The Wellhub booking number and slot id inside the ids above (for requests read back from the store). */
export function bookingNumberOf(scope: Pick<WellhubScope, 'connectionId'>, bookingId: string): string | undefined {
  const prefix = `${scope.connectionId}:booking:`;
  return bookingId.startsWith(prefix) ? bookingId.slice(prefix.length) : undefined;
}

export function slotIdOf(scope: Pick<WellhubScope, 'connectionId'>, sessionId: string): number | undefined {
  const prefix = `${scope.connectionId}:session:`;
  const rest = sessionId.startsWith(prefix) ? sessionId.slice(prefix.length) : '';
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

/** Wellhub has no location resource: one gym id is one location. */
export function wellhubLocation(scope: WellhubScope): Location {
  return {
    id: wellhubIds.location(scope),
    connectionId: scope.connectionId,
    name: scope.gymName,
    timeZone: scope.gymZone,
    locale: WELLHUB_LOCATION_LOCALE,
  };
}

export function classTypeFrom(wire: WireClass, scope: WellhubScope): ClassType {
  const description = wire.description?.trim();
  return {
    id: wellhubIds.classType(scope, wire.id),
    connectionId: scope.connectionId,
    name: wire.name,
    ...(description ? { description } : {}),
  };
}

export type MappedSlot = { ok: true; session: Session; instructors: Instructor[] } | { ok: false; message: string };

/** A slot is one class at one time: a session. Wellhub sends no end, so it is start + length. */
export function sessionFrom(wire: WireSlot, wireClass: WireClass, scope: WellhubScope): MappedSlot {
  const startsAt = wellhubInstant(wire.occur_date, scope.gymZone);
  if (!startsAt) return { ok: false, message: `occur_date "${wire.occur_date}" is not a time Classdesk can read` };
  const optionalInstant = (field: string, value: string | null | undefined): string | undefined | Error => {
    if (value === null || value === undefined || value.trim() === '') return undefined;
    return wellhubInstant(value, scope.gymZone) ?? new Error(`${field} "${value}" is not a time Classdesk can read`);
  };
  const opens = optionalInstant('booking_window.opens_at', wire.booking_window?.opens_at);
  const closes = optionalInstant('booking_window.closes_at', wire.booking_window?.closes_at);
  const cancellable = optionalInstant('cancellable_until', wire.cancellable_until);
  for (const value of [opens, closes, cancellable]) if (value instanceof Error) return { ok: false, message: value.message };

  const instructors = (wire.instructors ?? []).map<Instructor>((instructor) => ({
    id: wellhubIds.instructor(scope, instructor.name),
    connectionId: scope.connectionId,
    name: instructor.name,
  }));
  // The lead is the first instructor who is not standing in; a lone substitute still leads.
  const leadIndex = (wire.instructors ?? []).findIndex((instructor) => !instructor.substitute);
  const lead = instructors[leadIndex >= 0 ? leadIndex : 0];
  const room = wire.room?.trim();
  const candidate = {
    id: wellhubIds.session(scope, wire.id),
    connectionId: scope.connectionId,
    locationId: wellhubIds.location(scope),
    classTypeId: wellhubIds.classType(scope, wireClass.id),
    ...(lead ? { instructorId: lead.id } : {}),
    title: wireClass.name,
    ...(room ? { room } : {}),
    startsAt,
    endsAt: addMinutes(startsAt, wire.length_in_minutes),
    capacity: wire.total_capacity,
    booked: wire.total_booked,
    // Wellhub keeps no waitlist.
    waitlisted: 0,
    // An inactive slot (status 0) is not offered to members any more.
    status: wire.status === 0 ? ('cancelled' as const) : ('scheduled' as const),
    ...(typeof opens === 'string' ? { bookingOpensAt: opens } : {}),
    ...(typeof closes === 'string' ? { bookingClosesAt: closes } : {}),
    ...(typeof cancellable === 'string' ? { cancellationDeadline: cancellable } : {}),
  };
  const checked = Session.safeParse(candidate);
  if (!checked.success) return { ok: false, message: checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  return { ok: true, session: checked.data, instructors: dedupeById(instructors) };
}

/**
 * A Wellhub member as the webhooks name them. Booking events carry one `name`,
 * check-ins `first_name` and `last_name`. The domain needs both parts; a single
 * word stays the first name and the last name becomes "–".
 */
export function memberFrom(user: WebhookUser, scope: WellhubScope): Member {
  let firstName = user.first_name?.trim() ?? '';
  let lastName = user.last_name?.trim() ?? '';
  if (!firstName && !lastName) {
    const words = (user.name ?? '').trim().split(/\s+/).filter(Boolean);
    firstName = words[0] ?? 'Wellhub';
    lastName = words.slice(1).join(' ') || (words.length > 0 ? '–' : 'member');
  }
  const email = user.email?.trim();
  return {
    id: wellhubIds.member(scope, user.unique_token),
    connectionId: scope.connectionId,
    firstName: firstName || '–',
    lastName: lastName || '–',
    // The Wellhub ID (Gympass ID) is the member's number at Wellhub and what the desk validates.
    memberNumber: user.unique_token,
    ...(email ? { email } : {}),
  };
}

function instructorKey(name: string): string {
  const key = name
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return key || encodeURIComponent(name.trim().toLowerCase());
}

function dedupeById<T extends { id: string }>(records: T[]): T[] {
  return [...new Map(records.map((record) => [record.id, record])).values()];
}
