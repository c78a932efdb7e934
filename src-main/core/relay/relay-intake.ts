import { Booking, Member, PendingVisit, utcInstant } from '../../../src-shared/domain';
import type { RelayDecisionNote, RelayEventFrame } from '../../../src-shared/relay-wire';
import { relayDecisionEventType } from '../../../src-shared/relay-wire';
import type { Clock } from '../clock';
import { ProviderError } from '../provider-error';
import { pendingVisitRow, type WebhookReceipt } from '../providers/wellhub/wellhub-booking-requests';
import type { WellhubProvider } from '../providers/wellhub/wellhub-provider';
import type { DeskStore, StoreChange } from '../store/desk-store';
import { putBooking } from '../store/fetch-apply';
import { keepRelayCursor } from '../store/relay-cursors';

export interface RelayIntakeContext {
  store: DeskStore;
  wellhub: WellhubProvider;
  connectionId: string;
  relayUrl: string;
  clock: Clock;
  /** Something was committed: tell the renderers now, not at the next sync. */
  publish(): void;
  log(message: string): void;
}

/**
 * What an event from the relay does at the desk: the Wellhub adapter takes it (its requests and visits
 * are what Confirm / Reject / Validate work from), and its effect — the booking, the member, the visit —
 * is kept in ONE store transaction together with the relay cursor. Only then may the link acknowledge
 * it: an event the store did not keep is asked for again after a restart, one it kept never twice.
 * No call to Wellhub happens here, so a request shows while Wellhub's own API is down.
 */
export class RelayIntake {
  constructor(private readonly context: RelayIntakeContext) {}

  /** Keeps one event; returns the seq to acknowledge. Throws only when the store cannot keep it (then: no ack). */
  take(frame: RelayEventFrame, fallbackDelayMs: number | undefined): number {
    const { store, connectionId, relayUrl } = this.context;
    const receipt = this.receive(frame, fallbackDelayMs);
    store.write((change) => {
      if (receipt) this.keep(change, receipt);
      keepRelayCursor(store, connectionId, relayUrl, frame.seq, change.at);
    });
    this.context.publish();
    return frame.seq;
  }

  /** The relay's note that came with its answer to this desk's decide: kept like the event it also sends. */
  takeNote(note: RelayDecisionNote): void {
    const { wellhub, store } = this.context;
    const receipt = wellhub.receiveRelayedEvent(relayDecisionEventType, JSON.stringify(note), this.context.clock().toISOString());
    if (note.outcome === 'failed') this.context.log(`${this.context.connectionId}: the relay could not answer booking request ${note.bookingNumber} at Wellhub; it still waits`);
    if (!receipt.booking) return;
    store.write((change) => this.keep(change, receipt));
    this.context.publish();
  }

  /** The adapter's reading of the event; one it can never take (another gym, a body that does not fit) is skipped, named in the log. */
  private receive(frame: RelayEventFrame, fallbackDelayMs: number | undefined): WebhookReceipt | undefined {
    const { wellhub, connectionId, clock } = this.context;
    const receivedAt = utcInstant.safeParse(frame.receivedAt).success ? frame.receivedAt : clock().toISOString();
    try {
      const receipt = wellhub.receiveRelayedEvent(frame.eventType, frame.body, receivedAt, fallbackDelayMs);
      if (frame.eventType === relayDecisionEventType && receipt.booking === undefined) {
        this.context.log(`${connectionId}: relay event ${frame.seq}: a decision note for a request this desk does not know, or a failed answer`);
      }
      return receipt;
    } catch (error) {
      if (!(error instanceof ProviderError) || error.retryable) throw error;
      this.context.log(`${connectionId}: relay event ${frame.seq} (${frame.eventType.slice(0, 60)}) skipped: ${error.message}`);
      return undefined;
    }
  }

  /** Rows are checked against the domain like every provider's records: one that does not fit is left out, named in the log. */
  private keep(change: StoreChange, receipt: WebhookReceipt): void {
    const { store, connectionId } = this.context;
    const fits = <T>(schema: { safeParse(value: unknown): { success: boolean } }, row: T, what: string): row is T & object => {
      if (schema.safeParse(row).success) return true;
      this.context.log(`${connectionId}: a ${what} from the relay does not fit and was not kept`);
      return false;
    };
    change.cover(connectionId);
    if (receipt.member && fits(Member, receipt.member, 'member')) change.put('members', receipt.member);
    if (receipt.booking && fits(Booking, receipt.booking, 'booking')) putBooking(store, change, receipt.booking);
    if (receipt.visit) {
      const row = pendingVisitRow(receipt.visit, connectionId);
      if (fits(PendingVisit, row, 'visit')) change.put('visits', row);
    }
  }
}
