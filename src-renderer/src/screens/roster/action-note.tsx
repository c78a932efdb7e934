import { useTranslation } from 'react-i18next';
import type { DeskAction } from '../../../../src-shared/domain';
import { wordMessage } from '../../i18n/message-words';
import type { GymPlace } from '../../i18n/gym-time';

/** What the newest desk action on a booking is doing: on its way, refused, or waiting for someone to look. */
export function ActionNote({ action, place }: { action: DeskAction | undefined; place?: GymPlace | undefined }) {
  const { t } = useTranslation();
  // One line in the row: a long reason is cut off on screen and shown whole on hover (and read whole).
  if (action?.state === 'accepted') {
    const text = t(`roster.pendingAction.${action.kind}`);
    return (
      <span className="badge badge-pending" data-testid="roster-pending" title={text}>
        {text}
      </span>
    );
  }
  if (action?.state === 'rejected') {
    const text = action.error ? t('roster.rejected', { reason: wordMessage(t, action.error, { place, saidAtMs: Date.parse(action.updatedAt) }) }) : t('roster.rejectedNoReason');
    return (
      <span className="row-error" data-testid="roster-rejected" title={text}>
        {text}
      </span>
    );
  }
  if (action?.state === 'needs_attention') {
    const text = action.error ? t('actions.needsAttention', { reason: wordMessage(t, action.error, { place, saidAtMs: Date.parse(action.updatedAt) }) }) : t('actions.needsAttentionNoReason');
    return (
      <span className="row-attention" data-testid="roster-attention" title={text}>
        {text}
      </span>
    );
  }
  return null;
}
