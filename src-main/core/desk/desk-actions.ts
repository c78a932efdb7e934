import type { Booking, DeskAction, DeskActionKind } from '../../../src-shared/domain';
import type { DeskMessage } from '../../../src-shared/desk-messages';
import type { Clock } from '../clock';
import type { Provider } from '../providers/provider';
import { ProviderError } from '../provider-error';
import { definedOnly } from '../defined-only';
import type { DeskJournal } from './desk-journal';
import { carryOut, type ActionResult } from './desk-action-sending';

/** How long a command waits for the provider before answering "accepted, still on its way". */
const answerWithinMs = 3_000;

/** What the desk asked for; the core fills in who and what from its cache before journaling. */
export type DeskActionRequest = Pick<
  DeskAction,
  'kind' | 'connectionId' | 'sessionId' | 'memberId' | 'bookingId' | 'reason' | 'visitorId'
> & { actionId: string; kind: DeskActionKind };

export interface DeskActionsOptions {
  journal: DeskJournal;
  providerFor(connectionId: string): Provider | undefined;
  clock: Clock;
  /** Called after every state change of an action (already in the store, with its booking). */
  onChange(action: DeskAction, booking?: Booking): void;
}

/**
 * Sends the desk's actions to providers. Each is journaled (fsync) as accepted
 * before anything else happens, then sent. A retry with the same action id
 * returns the action as it stands instead of acting twice; actions on the same
 * member and class go out in the order the desk took them, never overtaking.
 */
export class DeskActions {
  private readonly inFlight = new Map<string, Promise<DeskAction>>();

  constructor(private readonly options: DeskActionsOptions) {}

  private readonly arriving = new Map<string, Promise<DeskAction>>();

  /** The same action id twice at once (a resend racing the original) is journaled and sent once. */
  perform(request: DeskActionRequest): Promise<DeskAction> {
    const known = this.options.journal.get(request.actionId);
    if (known) return Promise.resolve(known);
    const arriving = this.arriving.get(request.actionId);
    if (arriving) return arriving;
    const accepted = this.accept(request).finally(() => this.arriving.delete(request.actionId));
    this.arriving.set(request.actionId, accepted);
    return accepted;
  }

  private async accept(request: DeskActionRequest): Promise<DeskAction> {
    const now = this.options.clock().toISOString();
    const { actionId, ...fields } = request;
    const action: DeskAction = { id: actionId, ...definedOnly(fields), state: 'accepted', createdAt: now, updatedAt: now };
    this.options.journal.record(action);
    this.options.onChange(action);
    const settled = this.send(action, false);
    const timeout = new Promise<DeskAction>((resolve) => setTimeout(() => resolve(action), answerWithinMs).unref());
    return Promise.race([settled, timeout]);
  }

  /** Sends every action still accepted, in order: after a restart, or when a provider answers again. */
  async resend(): Promise<void> {
    if (!this.options.journal.durable) return;
    for (const action of this.options.journal.waiting()) await this.send(action, true);
  }

  pendingCount(): number {
    return this.options.journal.count('accepted');
  }

  private send(action: DeskAction, queued: boolean): Promise<DeskAction> {
    const running = this.inFlight.get(action.id);
    if (running) return running;
    const attempt = this.attempt(action, queued).finally(() => this.inFlight.delete(action.id));
    this.inFlight.set(action.id, attempt);
    return attempt;
  }

  private async attempt(listed: DeskAction, queued: boolean): Promise<DeskAction> {
    // The store has the last word: an action settled since it was listed (by the command path,
    // or an earlier pass) is never sent again. This, not the adapters, makes actions exactly-once.
    const action = this.options.journal.get(listed.id);
    if (action?.state !== 'accepted') return action ?? listed;
    // An earlier action on the same member and class that has not gone through yet goes first.
    const waiting = this.options.journal.waiting();
    const place = waiting.findIndex((other) => other.id === action.id);
    const ahead = place > 0 ? waiting.slice(0, place).findLast((other) => sameSubject(other, action)) : undefined;
    if (ahead) {
      await this.send(ahead, true);
      if (this.options.journal.get(ahead.id)?.state === 'accepted') return action;
    }
    const provider = this.options.providerFor(action.connectionId);
    if (!provider) return this.settle(action, 'needs_attention', { error: { code: 'connection_removed' } });
    try {
      const result = await carryOut(provider, action, queued);
      return await this.settle(action, 'confirmed', result);
    } catch (error) {
      if (error instanceof ProviderError && !error.retryable) {
        // Refused while the desk waited: a plain no. Refused after waiting in the queue: someone must look.
        return this.settle(action, queued ? 'needs_attention' : 'rejected', { error: error.said });
      }
      // Network trouble or a busy provider: the action stays accepted and is sent again later.
      return action;
    }
  }

  private async settle(action: DeskAction, state: DeskAction['state'], result: ActionResult & { error?: DeskMessage }): Promise<DeskAction> {
    const settled: DeskAction = { ...action, state, updatedAt: this.options.clock().toISOString() };
    if (result.error !== undefined) settled.error = result.error;
    if (result.outcome !== undefined) settled.outcome = result.outcome;
    if (result.booking) {
      settled.bookingId = result.booking.id;
      settled.sessionId ??= result.booking.sessionId;
      settled.memberId ??= result.booking.memberId;
    }
    this.options.journal.record(settled, result.booking);
    this.options.onChange(settled, result.booking);
    return settled;
  }
}

function sameSubject(a: DeskAction, b: DeskAction): boolean {
  if (a.connectionId !== b.connectionId) return false;
  if (a.bookingId !== undefined && a.bookingId === b.bookingId) return true;
  return a.memberId !== undefined && a.memberId === b.memberId && a.sessionId === b.sessionId;
}
