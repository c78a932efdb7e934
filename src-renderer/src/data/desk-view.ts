import type { Location, Session } from '../../../src-shared/domain';
import type { DeskDatabase } from './db';
import { localDayOf, type LocalDay } from './local-day';
import { readMeta } from './meta';
import { sessionsOnLocalDay } from './today-query';

export interface ListedSession {
  session: Session;
  instructorName: string | undefined;
  /** Places held through the class's Wellhub slot (one roster across channels), beside `session.booked`. */
  placesElsewhere?: number;
}

/** What the desk shows for the staff's choices, read from the cache in one go. */
export interface DeskView {
  /** Something to show: a cache from an earlier run, or the first part of a snapshot. */
  ready: boolean;
  locations: Location[];
  location: Location | undefined;
  today: LocalDay | undefined;
  day: LocalDay | undefined;
  sessions: ListedSession[];
}

const byName = (a: Location, b: Location) => a.name.localeCompare(b.name);

/**
 * One read for the first paint: locations, which one this desk serves, the core's clock and that
 * location's classes of the day, instead of a chain of queries each waiting for the one before
 * (a cold open paints when this returns). Staff's choices win; then the location the core says
 * this desk serves; then the first by name.
 */
export async function readDeskView(db: DeskDatabase, chosenLocationId: string | null, chosenDay: LocalDay | null): Promise<DeskView> {
  const [unsorted, deskLocationId, offset, lastSeq] = await Promise.all([
    db.locations.toArray(),
    readMeta(db, 'deskLocationId'),
    readMeta(db, 'clockOffsetMs'),
    readMeta(db, 'lastSeq'),
  ]);
  const locations = unsorted.sort(byName);
  const ready = locations.length > 0 || lastSeq !== undefined;
  const location = locations.find((l) => l.id === chosenLocationId) ?? locations.find((l) => l.id === deskLocationId) ?? locations[0];
  if (!location) return { ready, locations, location, today: undefined, day: undefined, sessions: [] };
  const today = localDayOf(Date.now() + (offset ?? 0), location.timeZone);
  const day = chosenDay ?? today;
  // A Wellhub slot sold for a class of the main system is that class: listed once, under the main system.
  const found = (await sessionsOnLocalDay(db, location, day)).filter((session) => session.sameClassAs === undefined);
  const instructorIds = [...new Set(found.flatMap((session) => session.instructorId ?? []))];
  const instructors = await db.instructors.bulkGet(instructorIds);
  const names = new Map(instructors.flatMap((person) => (person ? [[person.id, person.name] as const] : [])));
  const elsewhere = await placesHeldThroughWellhub(db, found.map((session) => session.id));
  const sessions = found.map((session) => ({
    session,
    instructorName: session.instructorId ? names.get(session.instructorId) : undefined,
    ...(elsewhere.has(session.id) ? { placesElsewhere: elsewhere.get(session.id) } : {}),
  }));
  return { ready, locations, location, today, day, sessions };
}

/** Per main-system class: the confirmed or checked-in bookings of its paired Wellhub slots (as its roster counts them). */
async function placesHeldThroughWellhub(db: DeskDatabase, sessionIds: string[]): Promise<Map<string, number>> {
  const places = new Map<string, number>();
  const paired = await db.sessions.where('sameClassAs').anyOf(sessionIds).toArray();
  if (paired.length === 0) return places;
  const mainOf = new Map(paired.map((slot) => [slot.id, slot.sameClassAs ?? '']));
  for (const booking of await db.bookings.where('sessionId').anyOf([...mainOf.keys()]).toArray()) {
    if (booking.status !== 'booked' && booking.status !== 'checked_in') continue;
    const main = mainOf.get(booking.sessionId) ?? '';
    places.set(main, (places.get(main) ?? 0) + 1);
  }
  return places;
}
