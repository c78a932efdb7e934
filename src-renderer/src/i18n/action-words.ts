import type { TFunction } from 'i18next';
import type { DeskAction, DeskActionKind } from '../../../src-shared/domain';
import { deskErrorCode, deskErrorSaid } from '../desk/desk-error';
import { wordMessage, type WordingPlace } from './message-words';
import type { DeskMessage } from '../store';
import { describeDeskError } from './words';

/**
 * What the core answered to a desk action, as one sentence: sent (queued), done,
 * or not done with the provider's own reason.
 */
export function describeActionAnswer(t: TFunction, action: DeskAction, name: string, place?: WordingPlace['place']): DeskMessage {
  const where: WordingPlace = { place, saidAtMs: Date.parse(action.updatedAt) };
  switch (action.state) {
    case 'rejected':
      return {
        tone: 'error',
        text: action.error ? t('actions.rejected', { reason: wordMessage(t, action.error, where) }) : t('actions.rejectedNoReason'),
      };
    case 'needs_attention':
      return {
        tone: 'warning',
        text: action.error ? t('actions.needsAttention', { reason: wordMessage(t, action.error, where) }) : t('actions.needsAttentionNoReason'),
      };
    case 'confirmed':
      return { tone: 'success', text: action.outcome ? wordMessage(t, action.outcome, where) : t(`actions.done.${action.kind}`, { name }) };
    case 'accepted':
      return { tone: 'success', text: t(`actions.sent.${action.kind}`, { name }) };
  }
}

/**
 * A failed call in words. A conflict carries the core's own reason ("This system
 * does not let the desk do that."), which says more than any general sentence.
 */
export function describeActionError(t: TFunction, error: unknown, where: WordingPlace = {}): string {
  const said = deskErrorSaid(error);
  if (deskErrorCode(error) === 'conflict' && said) return t('actions.rejected', { reason: wordMessage(t, said, where) });
  return describeDeskError(t, error);
}

/** A kind of desk action in the gym's words ("Check in", "Cancel booking"). */
export function actionKindWords(t: TFunction, kind: DeskActionKind): string {
  return t(`actions.kind.${kind}`);
}
