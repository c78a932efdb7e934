import { randomUUID } from 'node:crypto';
import { deskMessage } from '../../../src-shared/desk-messages';
import type { DeskFrame, RelayDecisionNote } from '../../../src-shared/relay-wire';
import { ProviderError } from '../provider-error';
import type { RelayAnswer as Answer, RelayDecisionChannel } from '../providers/wellhub/wellhub-booking-decisions';

interface Waiting {
  resolve(answer: Answer): void;
  reject(error: ProviderError): void;
  timer: NodeJS.Timeout;
}

/**
 * The desk's Confirm / Reject as `decide` frames: each gets its own request id and waits for the
 * relay's `decision`. While the relay cannot be reached, or its answer does not come in time, the
 * decision fails as retryable: the desk journal keeps the action as accepted and sends it again when
 * the link is back (DeskActions.resend; its store check makes that once). A second `decide` for the
 * same request is harmless: the relay answers `already-decided` with what it sent, which the adapter
 * takes as done when it is what the desk asked for.
 */
export class RelayDecisions implements RelayDecisionChannel {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly options: {
      /** false when the link is not connected (nothing was sent). */
      send(frame: DeskFrame): boolean;
      answerWithinMs: number;
      /** The relay's note with an answer is Wellhub's state: kept before the desk action is answered. */
      keepNote(note: RelayDecisionNote): void;
    },
  ) {}

  decide(decision: Parameters<RelayDecisionChannel['decide']>[0]): Promise<Answer> {
    const requestId = randomUUID();
    const sent = this.options.send({ type: 'decide', requestId, ...decision });
    if (!sent) return Promise.reject(notNow());
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(notNow('provider_timeout'));
      }, this.options.answerWithinMs);
      timer.unref();
      this.waiting.set(requestId, { resolve, reject, timer });
    });
  }

  /** The relay's `decision` frame. */
  answered(answer: Answer): void {
    if (answer.note) this.options.keepNote(answer.note);
    const waiting = this.waiting.get(answer.requestId);
    if (!waiting) return;
    this.waiting.delete(answer.requestId);
    clearTimeout(waiting.timer);
    waiting.resolve(answer);
  }

  /** The socket closed: answers on their way are lost with it, so those decisions wait in the journal. */
  dropped(): void {
    for (const [requestId, waiting] of this.waiting) {
      this.waiting.delete(requestId);
      clearTimeout(waiting.timer);
      waiting.reject(notNow());
    }
  }
}

function notNow(code: 'relay_not_connected' | 'provider_timeout' = 'relay_not_connected'): ProviderError {
  return new ProviderError(code === 'provider_timeout' ? deskMessage(code, { provider: 'Wellhub relay' }) : deskMessage(code), true, 'unreachable');
}
