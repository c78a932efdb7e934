import type { DeskFrame } from '../../../src-shared/relay-wire';
import { slotIdOf } from '../providers/wellhub/wellhub-mapping';
import type { SyncWindow } from '../providers/provider';
import type { DeskStore } from '../store/desk-store';
import { pairedNumbers } from '../channels/paired-numbers';

/** The relay takes counts up to this (relay-wire's DeskCapacity). */
const maxCount = 32_000;

/**
 * The class's numbers for the relay's fallback: after a sync (and when the link comes up) each Wellhub
 * slot in the window whose capacity or booked count changed since it was last told goes to the relay
 * as a `capacity` frame, so the fallback confirms a request only while the class has room. A slot sold
 * for a class of the main system (a class link) reports the class's combined numbers (paired-numbers.ts:
 * the main system's capacity, its booked plus the Wellhub places held), which count a request the desk
 * confirmed at once; any other slot its own numbers as the store holds them (total_capacity / total_booked).
 */
export class CapacityReports {
  /** What the relay was last told, per slot, since the link came up. */
  private readonly told = new Map<number, string>();

  constructor(
    private readonly store: DeskStore,
    private readonly connectionId: string,
    private readonly send: (frame: DeskFrame) => boolean,
  ) {}

  /** A new socket: the relay may have been told nothing (or by another desk), so everything goes again. */
  linkUp(now: Date, daysAhead = 60): number {
    this.told.clear();
    return this.report({ from: now.toISOString(), to: new Date(now.getTime() + daysAhead * 86_400_000).toISOString() });
  }

  /** Sends what changed in the window; returns how many frames went out. */
  report(window: SyncWindow): number {
    let sent = 0;
    for (const id of this.store.sessionIdsBetween(this.connectionId, window.from, window.to)) {
      const session = this.store.get('sessions', id);
      const slotId = session && slotIdOf({ connectionId: this.connectionId }, session.id);
      if (!session || slotId === undefined) continue;
      const paired = pairedNumbers(this.store, session);
      const totalCapacity = Math.min(paired?.totalCapacity ?? session.capacity, maxCount);
      const totalBooked = Math.min(paired?.totalBooked ?? session.booked, maxCount);
      const numbers = `${totalCapacity}/${totalBooked}`;
      if (this.told.get(slotId) === numbers) continue;
      // Not connected: nothing is remembered, so the numbers go with the next connect.
      if (!this.send({ type: 'capacity', slotId, totalCapacity, totalBooked })) return sent;
      this.told.set(slotId, numbers);
      sent += 1;
    }
    return sent;
  }
}
