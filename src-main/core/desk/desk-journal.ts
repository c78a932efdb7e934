import { DeskAction, type Booking } from '../../../src-shared/domain';
import { DeskError } from '../command-dispatch';
import type { DeskStore } from '../store/desk-store';
import { putBooking } from '../store/fetch-apply';
import { storeQueries } from '../store/store-queries';
import type { DeskMessage } from '../../../src-shared/desk-messages';

/**
 * The desk's actions, kept in the store. Each state change commits (fsynced,
 * synchronous=FULL) together with its effect on the booking before anyone is
 * told of it, so nothing the desk accepted is lost in a crash, and the state
 * read back is always the one that was last written.
 */
export class DeskJournal {
  constructor(
    private readonly store: DeskStore,
    /** Why actions cannot be kept durably (a read-only data folder); they are refused while it is set. */
    private readonly notDurable?: DeskMessage,
  ) {}

  /**
   * Whether what happens to an action can be kept. Without it, waiting actions are not sent either:
   * a provider's yes that the store cannot keep would be asked for again after a restart.
   */
  get durable(): boolean {
    return this.store.durable;
  }

  get(actionId: string): DeskAction | undefined {
    return this.store.get('deskActions', actionId);
  }

  /** Actions still to be done at their provider, in the order the desk took them. */
  waiting(): DeskAction[] {
    return this.store.rows<{ body: string }>(storeQueries.waitingActions).map((row) => JSON.parse(row.body) as DeskAction);
  }

  count(state: DeskAction['state']): number {
    return this.store.count('deskActions', 'state', state);
  }

  /**
   * Durable once this returns; with the provider's booking when the action changed one. A new action
   * is refused when the store cannot keep it: the desk must never show as accepted what a restart loses.
   */
  record(action: DeskAction, booking?: Booking): void {
    if (!this.store.durable && !this.get(action.id)) throw new DeskError('unavailable', this.notDurable ?? { code: 'store_cannot_save_actions' });
    const parsed = DeskAction.parse(action);
    this.store.write((change) => {
      change.put('deskActions', parsed, parsed.updatedAt);
      if (booking) putBooking(this.store, change, booking);
    });
  }
}
