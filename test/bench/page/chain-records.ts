import type { RecordSet } from '../../../src-shared/contract';
import type { Booking, BookingStatus, ClassType, Instructor, Location, Member, Session } from '../../../src-shared/domain';

/**
 * A chain's worth of desk records, made in the page (no 40 MB to ship through
 * the browser protocol): records shaped like the core's, with ids like a
 * connection's (`zenoti-1:session:101.70001`).
 */

export interface ChainSize {
  locations: number;
  days: number;
  sessionsPerDay: number;
  rosterSize: number;
  members: number;
}

export const chainSize: ChainSize = { locations: 5, days: 16, sessionsPerDay: 60, rosterSize: 25, members: 50_000 };

const ZONES = ['America/New_York', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const FIRST = ['Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jonas', 'Kira', 'Leo'];
const LAST = ['Adams', 'Brooks', 'Carter', 'Diaz', 'Evans', 'Foster', 'Garcia', 'Hayes'];
const STATUSES: BookingStatus[] = ['booked', 'booked', 'booked', 'booked', 'checked_in', 'waitlisted', 'cancelled'];
const START = Date.parse('2026-11-22T11:00:00.000Z');

/** `start`: the first class of the first day (ms since the epoch, UTC); classes follow every 15 minutes. */
export function chainRecords(size: ChainSize = chainSize, start = START): RecordSet {
  const records: RecordSet = { locations: [], instructors: [], classTypes: [], sessions: [], members: [], bookings: [], visits: [], deskActions: [] };
  const connections = Array.from({ length: size.locations }, (_, i) => `zenoti-${i + 1}`);
  connections.forEach((connectionId, i) => {
    const location: Location = {
      id: `${connectionId}:location:5e0c7a10-0000-4000-8000-00000000000${i + 1}`,
      connectionId,
      name: `Zenoti Fitness ${i + 1}`,
      timeZone: ZONES[i % ZONES.length]!,
      locale: 'en-US',
    };
    records.locations.push(location);
    for (let k = 0; k < 8; k += 1) {
      const classType: ClassType = { id: `${connectionId}:class-type:${101 + k}`, connectionId, name: `Class ${101 + k}`, description: 'A class.' };
      records.classTypes.push(classType);
    }
    for (let k = 0; k < 10; k += 1) {
      const instructor: Instructor = { id: `${connectionId}:instructor:6f1c2a10-0000-4000-8000-${String(k).padStart(12, '0')}`, connectionId, name: `Coach ${k}` };
      records.instructors.push(instructor);
    }
  });
  const membersPerLocation = Math.ceil(size.members / size.locations);
  for (let m = 0; m < size.members; m += 1) {
    const connectionId = connections[Math.floor(m / membersPerLocation)]!;
    const first = FIRST[m % FIRST.length]!;
    const last = LAST[Math.floor(m / FIRST.length) % LAST.length]!;
    const member: Member = {
      id: `${connectionId}:member:b9e61937-0000-4000-8000-${String(m + 1).padStart(12, '0')}`,
      connectionId,
      firstName: first,
      lastName: last,
      memberNumber: `ZN${1001 + m}`,
      barcode: `ZN${1001 + m}`,
      email: `${first}.${last}.${m}@example.com`.toLowerCase(),
      phone: `+1 555${String(m).padStart(7, '0')}`,
    };
    records.members.push(member);
  }
  let sessionNumber = 70001;
  let registration = 900001;
  connections.forEach((connectionId, i) => {
    const location = records.locations[i]!;
    const firstMember = i * membersPerLocation;
    for (let day = 0; day < size.days; day += 1) {
      for (let slot = 0; slot < size.sessionsPerDay; slot += 1) {
        const classId = 101 + ((slot + day) % 8);
        const startsMs = start + day * 86_400_000 + slot * 15 * 60_000;
        const sessionId = `${connectionId}:session:${classId}.${sessionNumber}`;
        const session: Session = {
          id: sessionId,
          connectionId,
          locationId: location.id,
          classTypeId: `${connectionId}:class-type:${classId}`,
          instructorId: records.instructors[i * 10 + (slot % 10)]!.id,
          title: `Class ${classId}`,
          room: `Studio ${slot % 4}`,
          startsAt: new Date(startsMs).toISOString(),
          endsAt: new Date(startsMs + 45 * 60_000).toISOString(),
          capacity: size.rosterSize - 2,
          booked: size.rosterSize - 2,
          waitlisted: 2,
          status: 'scheduled',
          bookingOpensAt: new Date(startsMs - 7 * 86_400_000).toISOString(),
          cancellationDeadline: new Date(startsMs - 2 * 3_600_000).toISOString(),
        };
        records.sessions.push(session);
        for (let r = 0; r < size.rosterSize; r += 1) {
          const member = records.members[firstMember + ((sessionNumber * 7 + r * 131) % membersPerLocation)] ?? records.members[0]!;
          const status = STATUSES[(registration + r) % STATUSES.length]!;
          const booking: Booking = {
            id: `${connectionId}:booking:${classId}.${sessionNumber}.${registration}`,
            connectionId,
            sessionId,
            memberId: member.id,
            status,
            source: 'zenoti',
            ...(status === 'waitlisted' ? { waitlistPosition: 1 + (r % 3) } : {}),
            ...(status === 'checked_in' ? { checkedInAt: new Date(startsMs - 600_000).toISOString() } : {}),
            updatedAt: new Date(startsMs - 86_400_000).toISOString(),
          };
          records.bookings.push(booking);
          registration += 1;
        }
        sessionNumber += 1;
      }
    }
  });
  return records;
}

export function recordCount(records: RecordSet): number {
  return Object.values(records).reduce((sum, rows) => sum + rows.length, 0);
}
