import type { WellhubPlaces as PlacesState } from '../../../src-shared/connections';
import type { DeskMessage } from '../../../src-shared/desk-messages';
import type { Clock } from '../clock';
import { ProviderError } from '../provider-error';
import type { WellhubProvider } from '../providers/wellhub/wellhub-provider';
import type { DeskStore } from '../store/desk-store';
import { pairedNumbers, sameNumbers, slotListNumbers, type SlotNumbers } from './paired-numbers';

export interface PlacesTiming {
  /** Changes within this long after the first go out together: a burst of bookings is one PATCH per slot. */
  settleMs: number;
  /** After a failure the waiting numbers are tried again after this long, doubling up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
}

export const defaultPlacesTiming: PlacesTiming = { settleMs: 2_000, firstRetryMs: 5_000, maxRetryMs: 5 * 60_000 };

export interface WellhubPlacesOptions {
  store: DeskStore;
  clock: Clock;
  timing: PlacesTiming;
  /** The Wellhub connections whose slots may be paired (those with class links). */
  wellhubConnections(): string[];
  wellhubOf(connectionId: string): WellhubProvider | undefined;
  /** The numbers of this connection's paired slots were looked at: its relay hears the changed ones. */
  counted(connectionId: string): void;
  /** What the connection shows about its places changed (failing, recovered, how many wait). */
  changed(): void;
  log(message: string): void;
}

interface Waiting {
  connectionId: string;
  classId: number;
  slotId: number;
  numbers: SlotNumbers;
  /** What Wellhub's slot list said when these numbers were wanted. */
  listSaid: SlotNumbers;
}

const keyOf = (connectionId: string, slotId: number) => `${connectionId}|${slotId}`;
const classIdOf = (connectionId: string, classTypeId: string): number | undefined => {
  const rest = classTypeId.startsWith(`${connectionId}:class-type:`) ? classTypeId.slice(`${connectionId}:class-type:`.length) : '';
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
};
const slotIdOf = (connectionId: string, sessionId: string): number | undefined => {
  const rest = sessionId.startsWith(`${connectionId}:session:`) ? sessionId.slice(`${connectionId}:session:`.length) : '';
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
};

/**
 * Keeps Wellhub from selling a place the main system has filled: each paired slot's total_capacity /
 * total_booked follow the class's combined numbers (paired-numbers.ts) through the adapter's
 * `updateSlotCounts`, inside its rate budget. Coalesced: a change arms a short settle delay, then per slot
 * only the latest numbers go, one request in flight per slot, and nothing when Wellhub already has them
 * (its slot list says so, or they were sent and the list was not read since). A failure keeps the numbers
 * waiting, shown on the connection, and tried again with backoff: never dropped.
 */
export class WellhubPlaces {
  private settle: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs: number;
  private readonly waiting = new Map<string, Waiting>();
  private readonly inFlight = new Set<string>();
  private readonly sent = new Map<string, { numbers: SlotNumbers; listSaid: SlotNumbers }>();
  private readonly failing = new Map<string, { since: string; lastError: DeskMessage }>();
  private closed = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly options: WellhubPlacesOptions) {
    this.retryMs = options.timing.firstRetryMs;
  }

  /** Something in the store changed: the paired numbers are looked at once things settle. */
  touch(): void {
    if (this.closed || this.settle) return;
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.count();
    }, this.options.timing.settleMs);
    this.settle.unref();
  }

  /** What the connection shows: only while numbers could not be sent. */
  state(connectionId: string): PlacesState | undefined {
    const failure = this.failing.get(connectionId);
    if (!failure) return undefined;
    const waiting = [...this.waiting.values()].filter((w) => w.connectionId === connectionId).length;
    return { waiting, failingSince: failure.since, lastError: failure.lastError };
  }

  /** Resolves once no request is in flight (tests, closing). */
  settled(): Promise<void> {
    return this.idle;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.settle);
    clearTimeout(this.retry);
    await this.idle;
  }

  /** Compares every paired slot still to come with what Wellhub has, and sends what differs. */
  private count(): void {
    const { store, clock } = this.options;
    const from = clock().toISOString();
    for (const connectionId of this.options.wellhubConnections()) {
      for (const id of store.sessionIdsBetween(connectionId, from, '9999-12-31T00:00:00.000Z')) {
        const session = store.get('sessions', id);
        const numbers = session && pairedNumbers(store, session);
        const slotId = session && slotIdOf(connectionId, session.id);
        const classId = session && classIdOf(connectionId, session.classTypeId);
        if (!session || !numbers || slotId === undefined || classId === undefined) continue;
        const key = keyOf(connectionId, slotId);
        const listSaid = slotListNumbers(session);
        const sent = this.sent.get(key);
        const known = sameNumbers(numbers, listSaid) || (sent !== undefined && sameNumbers(sent.numbers, numbers) && sameNumbers(sent.listSaid, listSaid));
        if (known) this.waiting.delete(key);
        else this.waiting.set(key, { connectionId, classId, slotId, numbers, listSaid });
      }
      this.options.counted(connectionId);
    }
    this.drain();
  }

  private drain(): void {
    // While a retry waits, its backoff holds for everything: the next try sends all that waits.
    if (this.closed || this.retry) return;
    for (const [key, next] of this.waiting) {
      if (this.inFlight.has(key)) continue;
      this.inFlight.add(key);
      this.waiting.delete(key);
      const sending = this.send(key, next);
      this.idle = Promise.all([this.idle, sending]).then(() => undefined);
    }
  }

  private async send(key: string, next: Waiting): Promise<void> {
    const wellhub = this.options.wellhubOf(next.connectionId);
    try {
      if (!wellhub) throw new ProviderError({ code: 'connection_not_set_up' }, true, 'invalid_settings');
      await wellhub.updateSlotCounts(next.classId, next.slotId, next.numbers);
      this.sent.set(key, { numbers: next.numbers, listSaid: next.listSaid });
      this.retryMs = this.options.timing.firstRetryMs;
      if (this.failing.delete(next.connectionId)) {
        this.options.log(`${next.connectionId}: places reach Wellhub again`);
        this.options.changed();
      }
    } catch (error) {
      // Kept unless newer numbers came meanwhile; tried again after the backoff.
      if (!this.waiting.has(key)) this.waiting.set(key, next);
      const lastError: DeskMessage = error instanceof ProviderError ? error.said : { code: 'internal_error' };
      const before = this.failing.get(next.connectionId);
      this.failing.set(next.connectionId, { since: before?.since ?? this.options.clock().toISOString(), lastError });
      this.options.log(`${next.connectionId}: places of Wellhub slot ${next.slotId} not sent (${lastError.code}); tried again in ${this.retryMs} ms`);
      this.options.changed();
      this.scheduleRetry();
    } finally {
      this.inFlight.delete(key);
    }
    this.drain();
  }

  private scheduleRetry(): void {
    if (this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.drain();
    }, this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.options.timing.maxRetryMs);
  }
}
