import type { BookingStatus, ClassType, Instructor, Location, Member, Session } from '../../../../src-shared/domain';
import type { FetchedBooking } from '../provider';
import { instantFromCenterTime, instantFromUtcTime } from './zenoti-center-time';
import type { SessionKey, ZenotiIds } from './zenoti-ids';
import { SESSION_CANCELLED, type WireClass, type WireGuest, type WireNamed, type WirePhone, type WireRegistration, type WireSession } from './zenoti-wire';

/** Turns Zenoti's records, already checked against the wire schemas, into the desk's records. */

export interface CenterContext {
  ids: ZenotiIds;
  centerId: string;
  /** IANA zone of the center: Zenoti's offset-less times are read in it, never in the PC's zone. */
  zone: string;
}

/** Something about a record that makes it unusable, in words for the connection's health. */
export interface Problem {
  problem: string;
}

/**
 * Zenoti's registration statuses in the desk's words.
 * 5 Substituted: the place went to another guest, so this guest holds none → cancelled.
 * 7 Closed: Zenoti closes registrations that ended without attendance (typically a
 *   waitlist entry still open when the class began); no place, no visit → cancelled.
 * 8 Enrolled: enrolled into the class, holding a place → booked.
 */
export function bookingStatusOf(status: number): BookingStatus {
  switch (status) {
    case 0:
    case 8:
      return 'booked';
    case 2:
      return 'no_show';
    case 3:
      return 'checked_in';
    case 4:
      return 'waitlisted';
    case 9:
      return 'rejected';
    default:
      // 1 cancelled, 5 substituted, 6 class cancelled, 7 closed
      return 'cancelled';
  }
}

export function mapLocation({ ids, centerId, zone }: CenterContext, name: string, locale: string): Location {
  return { id: ids.location(centerId), connectionId: ids.connectionId, name, timeZone: zone, locale };
}

export function mapInstructor(ids: ZenotiIds, wire: WireNamed): Instructor {
  return { id: ids.instructor(wire.id), connectionId: ids.connectionId, name: wire.name };
}

export function mapClassType(ids: ZenotiIds, wire: WireClass): ClassType | Problem {
  const name = clean(wire.display_name) ?? clean(wire.name);
  if (!name) return { problem: 'The class has no name' };
  const description = clean(wire.description);
  return { id: ids.classType(wire.id), connectionId: ids.connectionId, name, ...(description ? { description } : {}) };
}

/** A class Zenoti referred to without describing it: named after its session, so the session still shows. */
export function classTypeFromSession(ids: ZenotiIds, classId: string, name: string): ClassType {
  return { id: ids.classType(classId), connectionId: ids.connectionId, name };
}

export interface MappedSession {
  session: Session;
  /** Zenoti's UTC time and its center-local time read in the configured zone disagree: the zone setting is wrong. */
  zoneMismatch: boolean;
}

export function mapSession(
  wire: WireSession,
  center: CenterContext,
  classes: ReadonlyMap<string, WireClass>,
  rooms: ReadonlyMap<string, string>,
): MappedSession | Problem {
  const { ids, zone } = center;
  const localStart = instantFromCenterTime(wire.start_time, zone);
  const localEnd = instantFromCenterTime(wire.end_time, zone);
  const utcStartText = wire.strat_time_utc ?? wire.start_time_utc;
  const utcStart = utcStartText ? instantFromUtcTime(utcStartText) : undefined;
  const utcEnd = wire.end_time_utc ? instantFromUtcTime(wire.end_time_utc) : undefined;
  // Zenoti's own UTC fields are the surer word when present; the local times are the fallback.
  const startsAt = utcStart ?? localStart;
  const endsAt = utcEnd ?? localEnd;
  if (!startsAt || !endsAt) return { problem: 'The session has a start or end time that is not a real time' };
  if (endsAt < startsAt) return { problem: 'The session ends before it starts' };
  const classRecord = classes.get(wire.class_id);
  const title = clean(wire.name) ?? clean(classRecord?.display_name) ?? clean(classRecord?.name);
  if (!title) return { problem: 'The session has no name' };
  const lockHours = classRecord?.registration_lock_window;
  const roomName = wire.room_id ? rooms.get(wire.room_id) : undefined;
  const session: Session = {
    id: ids.session({ classId: wire.class_id, sessionId: wire.id }),
    connectionId: ids.connectionId,
    locationId: ids.location(center.centerId),
    classTypeId: ids.classType(wire.class_id),
    ...(wire.instructor_id ? { instructorId: ids.instructor(wire.instructor_id) } : {}),
    title,
    ...(roomName ? { room: roomName } : {}),
    startsAt,
    endsAt,
    capacity: wire.capacity,
    booked: wire.occupancy,
    waitlisted: wire.wait_listed_count ?? 0,
    status: wire.status === SESSION_CANCELLED ? 'cancelled' : 'scheduled',
    ...(lockHours !== undefined && lockHours !== null
      ? { bookingClosesAt: new Date(Date.parse(startsAt) - lockHours * 3_600_000).toISOString() }
      : {}),
  };
  const zoneMismatch = (utcStart !== undefined && localStart !== undefined && utcStart !== localStart) ||
    (utcEnd !== undefined && localEnd !== undefined && utcEnd !== localEnd);
  return { session, zoneMismatch };
}

export function mapGuest(ids: ZenotiIds, guest: WireGuest): Member | Problem {
  const first = clean(guest.first_name);
  const last = clean(guest.last_name);
  if (!first && !last) return { problem: 'The guest has no name' };
  const code = clean(guest.code);
  const email = clean(guest.email);
  const phone = phoneText(guest.mobile_phone);
  return {
    id: ids.member(guest.id),
    connectionId: ids.connectionId,
    // Zenoti allows a guest with one name only; the desk needs both, so the missing one shows as a dash.
    firstName: first ?? '–',
    lastName: last ?? '–',
    // The guest code is what Zenoti shows as the guest's number and prints on cards.
    memberNumber: code ?? guest.id,
    ...(code ? { barcode: code } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
}

/** One registration as a booking. Zenoti says nothing of when it changed, so it has no `updatedAt`: the store stamps it. */
export function mapRegistration(ids: ZenotiIds, zone: string, key: SessionKey, wire: WireRegistration): FetchedBooking {
  const status = bookingStatusOf(wire.status);
  const checkedInAt = status === 'checked_in' && wire.signed_in_time ? instantFromCenterTime(wire.signed_in_time, zone) : undefined;
  const position = status === 'waitlisted' ? wire.current_waitlist_position : undefined;
  return {
    id: ids.booking({ ...key, registrationId: wire.id }),
    connectionId: ids.connectionId,
    sessionId: ids.session(key),
    memberId: ids.member(wire.guest.id),
    status,
    source: 'zenoti',
    ...(position ? { waitlistPosition: position } : {}),
    ...(checkedInAt ? { checkedInAt } : {}),
  };
}

export function isProblem<T extends object>(value: T | Problem): value is Problem {
  return 'problem' in value;
}

function phoneText(phone: WirePhone | null | undefined): string | undefined {
  if (!phone) return undefined;
  if (typeof phone === 'string') return clean(phone);
  return clean(phone.display_number) ?? clean(phone.number);
}

function clean(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
