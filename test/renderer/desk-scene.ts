import type { RecordSet } from '../../src-shared/contract';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { writeMeta } from '../../src-renderer/src/data/meta';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { aBooking, aLocation, aMember, aSession, snapshotOf } from './fixtures';

/** 17:50 in Berlin on Friday 20 March 2026: the core's clock in every scene. */
export const coreNow = '2026-03-20T16:50:00.000Z';

/** One class at 18:00 with someone in every state the desk acts on. */
export function rosterScene(): Partial<RecordSet> {
  return {
    locations: [aLocation()],
    sessions: [aSession()],
    members: [
      aMember(),
      aMember({ id: 'ben', firstName: 'Ben', lastName: 'Adler', memberNumber: '1002', barcode: '4000002' }),
      aMember({ id: 'carla', firstName: 'Carla', lastName: 'Berg', memberNumber: '1003', barcode: '4000003' }),
      aMember({ id: 'dora', firstName: 'Dora', lastName: 'Zimmer', memberNumber: '1004', barcode: undefined }),
      aMember({ id: 'emil', firstName: 'Emil', lastName: 'Fuchs', memberNumber: '1005', barcode: undefined }),
    ],
    bookings: [
      aBooking(),
      aBooking({ id: 'booking-ben', memberId: 'ben', status: 'checked_in' }),
      aBooking({ id: 'booking-carla', memberId: 'carla', status: 'waitlisted', waitlistPosition: 1 }),
      aBooking({ id: 'booking-dora', memberId: 'dora', status: 'pending_confirmation', source: 'wellhub' }),
      aBooking({ id: 'booking-emil', memberId: 'emil', status: 'cancelled' }),
    ],
  };
}

/** Fills the cache as a first snapshot would, and sets the desk's clock to the core's. */
export async function seedCache(db: DeskDatabase, records: Partial<RecordSet>, now = coreNow): Promise<void> {
  await applySnapshot(db, snapshotOf(1, records));
  await writeMeta(db, 'clockOffsetMs', Date.parse(now) - Date.now());
}
