import type { Location, Member, Session } from '../../src-shared/domain';
import { applyFetch } from '../../src-main/core/store/fetch-apply';
import type { DeskStore } from '../../src-main/core/store/desk-store';
import { booking, fetchOf } from './store-fixtures';

/**
 * A Berlin studio's Monday for the paper tests: two classes (09:00 and 18:30 Berlin time, UTC+1 in
 * November), names poppler must read back with their accents, and bookings in every status.
 */
export const berlin: Location = { id: 'c:berlin', connectionId: 'c', name: 'Studio Mitte', timeZone: 'Europe/Berlin', locale: 'de-DE' };
export const berlinDay = { from: '2026-11-22T23:00:00.000Z', to: '2026-11-23T23:00:00.000Z' };

const person = (id: string, firstName: string, lastName: string, memberNumber: string): Member => ({ id, connectionId: 'c', firstName, lastName, memberNumber });

export const paperMembers = {
  elif: person('m-elif', 'Elif', 'Şahin', 'M-10116'),
  lukasz: person('m-lukasz', 'Łukasz', 'Kowalski', 'M-10201'),
  jurgen: person('m-jurgen', 'Jürgen', 'Müller', 'M-10115'),
  anna: person('m-anna', 'Anna', 'Weber', 'M-10007'),
  gone: person('m-gone', 'Cancelled', 'Person', 'M-99999'),
};

function paperSession(id: string, title: string, startsAt: string, patch: Partial<Session> = {}): Session {
  return {
    id,
    connectionId: 'c',
    locationId: berlin.id,
    classTypeId: 'c:type',
    instructorId: 'c:ines',
    title,
    room: 'Studio 2',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(),
    capacity: 12,
    booked: 3,
    waitlisted: 1,
    status: 'scheduled',
    ...patch,
  };
}

export const yoga = paperSession('c:yoga', 'Yoga Flow', '2026-11-23T08:00:00.000Z');
export const spinning = paperSession('c:spin', 'Spinning', '2026-11-23T17:30:00.000Z', { room: 'Cycle room', booked: 1, waitlisted: 0 });
/** Tomorrow's class: never on today's paper. */
export const tomorrow = paperSession('c:tomorrow', 'Pilates Tomorrow', '2026-11-24T08:00:00.000Z');

/** Writes the studio's day into the store, as a sync would. */
export function fillPaperStudio(store: DeskStore, sessions: Session[] = [yoga, spinning, tomorrow]): void {
  const { elif, lukasz, jurgen, anna, gone } = paperMembers;
  applyFetch(
    store,
    'c',
    { from: berlinDay.from, to: '2026-11-25T00:00:00.000Z' },
    fetchOf({
      locations: [berlin],
      instructors: [{ id: 'c:ines', connectionId: 'c', name: 'Ines Đorđević' }],
      classTypes: [{ id: 'c:type', connectionId: 'c', name: 'Class' }],
      sessions,
      members: Object.values(paperMembers),
      bookings: [
        booking('b1', yoga.id, elif.id, { status: 'checked_in', checkedInAt: '2026-11-23T07:55:00.000Z' }),
        booking('b2', yoga.id, lukasz.id),
        booking('b3', yoga.id, jurgen.id, { status: 'waitlisted', waitlistPosition: 1 }),
        booking('b4', yoga.id, gone.id, { status: 'cancelled' }),
        booking('b5', spinning.id, anna.id),
        booking('b6', tomorrow.id, anna.id),
      ].filter((b) => sessions.some((s) => s.id === b.sessionId)),
    }),
    true,
  );
}
