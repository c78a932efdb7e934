import { create } from 'zustand';
import type { DeskAction } from '../../../src-shared/domain';
import { newerAction } from './desk-actions';

/**
 * Desk actions the core has committed and published that the cache has not written yet. The
 * core fsyncs an action before it publishes it, so it is already safe; showing it from here
 * puts "pending" on the roster the moment the change set arrives, instead of after an IndexedDB
 * transaction and the queries that follow it (~25 ms at chain scale). Once the change set is in
 * Dexie, its actions leave this list and the cache alone decides again.
 */
interface ArrivingActions {
  byBooking: ReadonlyMap<string, DeskAction>;
  hold(actions: readonly DeskAction[]): void;
  release(actions: readonly DeskAction[]): void;
}

export const useArrivingActions = create<ArrivingActions>()((set) => ({
  byBooking: new Map(),
  hold: (actions) =>
    set((state) => {
      const next = new Map(state.byBooking);
      for (const action of actions) {
        // A booking made at the desk has no booking id until the provider confirms it: no row to mark.
        if (action.bookingId !== undefined) next.set(action.bookingId, newerAction(next.get(action.bookingId), action));
      }
      return next.size === state.byBooking.size && [...next].every(([id, action]) => state.byBooking.get(id) === action) ? state : { byBooking: next };
    }),
  release: (actions) =>
    set((state) => {
      const next = new Map(state.byBooking);
      for (const action of actions) {
        // Only the very version that was written leaves: a later one held meanwhile stays until its own set is in.
        if (action.bookingId !== undefined && next.get(action.bookingId) === action) next.delete(action.bookingId);
      }
      return next.size === state.byBooking.size ? state : { byBooking: next };
    }),
}));
