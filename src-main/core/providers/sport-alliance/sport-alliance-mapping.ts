import type { BookingStatus, ClassType, Instructor, Location, Member, Session, SourceSystem } from '../../../../src-shared/domain';
import type { FetchedBooking } from '../provider';
import { parseSlotTime, termBefore } from './slot-time';
import type { WireBooking, WireClass, WireCustomer, WireInstructor, WireSlot, WireStudio } from './sport-alliance-wire';

/** From Sport Alliance wire records to the desk's records, ids namespaced by connection. */

type RecordKind = 'session' | 'member' | 'booking' | 'location' | 'class-type' | 'instructor' | 'visit';

export const recordId = (connectionId: string, kind: RecordKind, providerId: number | string): string =>
  `${connectionId}:${kind}:${providerId}`;

/** The provider's numeric id inside one of our record ids, or undefined when it is not one of ours. */
export function providerIdOf(connectionId: string, kind: RecordKind, id: string): number | undefined {
  const prefix = `${connectionId}:${kind}:`;
  if (!id.startsWith(prefix)) return undefined;
  const rest = id.slice(prefix.length);
  return /^\d{1,18}$/.test(rest) ? Number(rest) : undefined;
}

export function toClassType(connectionId: string, wire: WireClass): ClassType {
  const description = wire.description?.trim();
  return {
    id: recordId(connectionId, 'class-type', wire.id),
    connectionId,
    name: wire.title?.trim() || `Class ${wire.id}`,
    ...(description ? { description } : {}),
  };
}

export function toInstructor(connectionId: string, wire: WireInstructor): Instructor {
  // The desk knows its trainers by their real names; the public name is for members' apps.
  const fullName = `${wire.firstName ?? ''} ${wire.lastName ?? ''}`.trim();
  return { id: recordId(connectionId, 'instructor', wire.id), connectionId, name: fullName || wire.publicName?.trim() || `Trainer ${wire.id}` };
}

export interface SlotContext {
  connectionId: string;
  locationId: string;
  classes: Map<number, WireClass>;
  /** The studio's zone when a time carries no zone of its own. */
  fallbackZone: string;
}

export type MappedSlot = { session: Session; instructors: Instructor[]; zone?: string } | { problem: string };

export function toSession(wire: WireSlot, context: SlotContext): MappedSlot {
  const { connectionId } = context;
  const start = parseSlotTime(wire.startDateTime, context.fallbackZone);
  if (!start) return { problem: `start time "${wire.startDateTime}" cannot be read` };
  const zone = start.zone ?? context.fallbackZone;
  const known = context.classes.get(wire.classInformation.id);
  const endsAt = endOf(wire, start.instant, known, zone);
  if (!endsAt) return { problem: 'the class has no readable end time and no duration' };
  if (endsAt < start.instant) return { problem: 'the class ends before it starts' };
  const term = known?.cancelCondition?.latestCancelTerm;
  const deadline = term ? termBefore(start.instant, term, zone) : undefined;
  const opens = wire.earliestBookingDateTime ? parseSlotTime(wire.earliestBookingDateTime, zone) : undefined;
  const closes = wire.latestBookingDateTime ? parseSlotTime(wire.latestBookingDateTime, zone) : undefined;
  // Operators can add people beyond the online bookings; they take places too.
  const booked = (wire.bookedParticipants ?? 0) + (wire.additionalParticipants ?? 0);
  const instructors = (wire.instructors ?? []).map((instructor) => toInstructor(connectionId, instructor));
  const room = wire.location?.name?.trim();
  const session: Session = {
    id: recordId(connectionId, 'session', wire.id),
    connectionId,
    locationId: context.locationId,
    classTypeId: recordId(connectionId, 'class-type', wire.classInformation.id),
    ...(instructors[0] ? { instructorId: instructors[0].id } : {}),
    title: wire.classInformation.title?.trim() || known?.title?.trim() || `Class ${wire.classInformation.id}`,
    ...(room ? { room } : {}),
    startsAt: start.instant,
    endsAt,
    // Without a maximum the class has no fixed limit; the desk then shows it as exactly full, never over.
    capacity: wire.maxParticipants ?? booked,
    booked,
    waitlisted: wire.waitingListParticipants ?? 0,
    status: 'scheduled',
    ...(opens ? { bookingOpensAt: opens.instant } : {}),
    ...(closes ? { bookingClosesAt: closes.instant } : {}),
    ...(deadline ? { cancellationDeadline: deadline } : {}),
  };
  return start.zone ? { session, instructors, zone: start.zone } : { session, instructors };
}

function endOf(wire: WireSlot, startsAt: string, known: WireClass | undefined, zone: string): string | undefined {
  if (wire.endDateTime) return parseSlotTime(wire.endDateTime, zone)?.instant;
  if (known?.duration) return new Date(Date.parse(startsAt) + known.duration * 60_000).toISOString();
  return undefined;
}

export function toMember(connectionId: string, wire: WireCustomer): Member {
  const email = wire.email?.trim();
  const phone = [wire.phonePrivateMobile, wire.phonePrivate, wire.phoneBusinessMobile, wire.phoneBusiness]
    .map((candidate) => candidate?.trim())
    .find(Boolean);
  const barcode = scannableCode(wire);
  return {
    id: recordId(connectionId, 'member', wire.id),
    connectionId,
    firstName: wire.firstName.trim(),
    lastName: wire.lastName.trim(),
    memberNumber: wire.customerNumber?.trim() || String(wire.id),
    ...(barcode ? { barcode } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
}

/** What the desk scanner most likely reads: the barcode access medium, else the card number. */
function scannableCode(wire: WireCustomer): string | undefined {
  const media = wire.accessMediums ?? [];
  const byType = (type: string) => media.find((medium) => medium.type === type && medium.value?.trim())?.value?.trim();
  return byType('BARCODE') ?? byType('CARD_NUMBER') ?? wire.cardNumbers?.find((card) => card.trim())?.trim();
}

/**
 * The Open API never says when a booking changed, so a booking read from it carries no `updatedAt`:
 * the store stamps it the first time it sees it in that state.
 */
export function toBooking(connectionId: string, source: SourceSystem, wire: WireBooking): FetchedBooking {
  return {
    id: recordId(connectionId, 'booking', wire.bookingId),
    connectionId,
    sessionId: recordId(connectionId, 'session', wire.classSlotId),
    memberId: recordId(connectionId, 'member', wire.customerId),
    status: bookingStatusOf(wire),
    source,
  };
}

/**
 * The participant status is the studio's attendance mark: PARTICIPATING means
 * the member took part (checked in), NOT_PARTICIPATING that they did not come.
 */
function bookingStatusOf(wire: WireBooking): BookingStatus {
  switch (wire.bookingStatus) {
    case 'CANCELED':
      return 'cancelled';
    case 'WAITING_LIST':
      return 'waitlisted';
    case 'BOOKED_WITH_CONFIRMATION_REQUIRED':
      return 'pending_confirmation';
    case 'BOOKED':
      if (wire.participantStatus === 'PARTICIPATING') return 'checked_in';
      if (wire.participantStatus === 'NOT_PARTICIPATING') return 'no_show';
      return 'booked';
  }
}

export function toLocation(connectionId: string, studio: WireStudio | undefined, zone: string, fallbackName: string): Location {
  return {
    id: recordId(connectionId, 'location', studio?.studioId ?? 'studio'),
    connectionId,
    name: studio?.name?.trim() || fallbackName,
    timeZone: zone,
    locale: localeFor(studio?.countryCode),
  };
}

/** The studio's country gives its likely language (DE → de-DE, PL → pl-PL); without one, British English. */
export function localeFor(countryCode: string | undefined): string {
  const region = countryCode?.trim().toUpperCase();
  if (!region || !/^[A-Z]{2}$/.test(region)) return 'en-GB';
  try {
    const language = new Intl.Locale(`und-${region}`).maximize().language;
    return language && language !== 'und' ? `${language}-${region}` : 'en-GB';
  } catch {
    return 'en-GB';
  }
}

/** The provider id of a record that failed validation, for the issue report. */
export function sourceIdOf(raw: unknown, key: string): string | undefined {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

/** The first thing wrong with a record, with where: "classInformation.id: Invalid input…". */
export function problemOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  if (!first) return 'unknown problem';
  return first.path.length > 0 ? `${first.path.map(String).join('.')}: ${first.message}` : first.message;
}
