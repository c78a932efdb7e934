import type { Booking, DeskAction, DeskActionKind } from '../../../src-shared/domain';
import type { Clock } from '../clock';
import type { BookingActionRequest, Provider } from '../providers/provider';
import { ProviderError } from '../providers/provider-error';
import type { DeskJournal } from './desk-journal';

/** How long a command waits for the provider before answering "accepted, still on its way". */
const answerWithinMs = 3_000;

export interface DeskActionRequest {
  actionId: string;
  kind: DeskActionKind;
  booking: Booking;
}

export interface DeskActionsOptions {
  journal: DeskJournal;
  providerFor(connectionId: string): Provider | undefined;
  clock: Clock;
  /** Called after every state change of an action, and with the provider's booking when it has one. */
  onChange(action: DeskAction, booking?: Booking): void;
}

/**
 * Sends the desk's actions to providers. Each is journaled (fsync) as accepted
 * before anything else happens, then sent; a retry with the same action id
 * returns the action as it stands instead of acting twice.
 */
export class DeskActions {
  private readonly inFlight = new Map<string, Promise<DeskAction>>();

  constructor(private readonly options: DeskActionsOptions) {}

  async perform(request: DeskActionRequest): Promise<DeskAction> {
    const known = this.options.journal.get(request.actionId);
    if (known) return known;
    const now = this.options.clock().toISOString();
    const action: DeskAction = {
      id: request.actionId,
      kind: request.kind,
      state: 'accepted',
      bookingId: request.booking.id,
      sessionId: request.booking.sessionId,
      memberId: request.booking.memberId,
      connectionId: request.booking.connectionId,
      createdAt: now,
      updatedAt: now,
    };
    await this.options.journal.record(action);
    this.options.onChange(action);
    const settled = this.send(action);
    const timeout = new Promise<DeskAction>((resolve) => setTimeout(() => resolve(action), answerWithinMs).unref());
    return Promise.race([settled, timeout]);
  }

  /** Sends every action still accepted, e.g. after a restart or when a provider answers again. */
  async resend(): Promise<void> {
    const waiting = this.options.journal.all().filter((action) => action.state === 'accepted');
    for (const action of waiting) await this.send(action);
  }

  pendingCount(): number {
    return this.options.journal.all().filter((action) => action.state === 'accepted').length;
  }

  private send(action: DeskAction): Promise<DeskAction> {
    const running = this.inFlight.get(action.id);
    if (running) return running;
    const attempt = this.attempt(action).finally(() => this.inFlight.delete(action.id));
    this.inFlight.set(action.id, attempt);
    return attempt;
  }

  private async attempt(action: DeskAction): Promise<DeskAction> {
    const provider = this.options.providerFor(action.connectionId);
    if (!provider) return this.settle(action, 'rejected', 'This connection has been removed.');
    const request = { actionId: action.id, bookingId: action.bookingId };
    try {
      const booking = await sendTo(provider, action.kind, request);
      return await this.settle(action, 'confirmed', undefined, booking);
    } catch (error) {
      if (error instanceof ProviderError && !error.retryable) return this.settle(action, 'rejected', error.message);
      // Network trouble or a busy provider: the action stays accepted and is sent again later.
      return action;
    }
  }

  private async settle(
    action: DeskAction,
    state: DeskAction['state'],
    error?: string,
    booking?: Booking,
  ): Promise<DeskAction> {
    const settled: DeskAction = { ...action, state, updatedAt: this.options.clock().toISOString() };
    if (error !== undefined) settled.error = error;
    await this.options.journal.record(settled);
    this.options.onChange(settled, booking);
    return settled;
  }
}

function sendTo(provider: Provider, kind: DeskActionKind, request: BookingActionRequest): Promise<Booking> {
  const send = {
    check_in: provider.checkIn,
    undo_check_in: provider.undoCheckIn,
    cancel_booking: provider.cancelBooking,
  }[kind];
  if (!send) return Promise.reject(new ProviderError('This system does not let the desk do that.', false, 'unsupported'));
  return send.call(provider, request);
}
