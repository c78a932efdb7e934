import { useTranslation } from 'react-i18next';
import type { DeskAction } from '../../../../src-shared/domain';

/** What the newest desk action on a booking is doing: on its way, refused, or waiting for someone to look. */
export function ActionNote({ action }: { action: DeskAction | undefined }) {
  const { t } = useTranslation();
  if (action?.state === 'accepted') {
    return (
      <span className="badge badge-pending" data-testid="roster-pending">
        {t(`roster.pendingAction.${action.kind}`)}
      </span>
    );
  }
  if (action?.state === 'rejected') {
    return (
      <span className="row-error" data-testid="roster-rejected">
        {action.error ? t('roster.rejected', { reason: action.error }) : t('roster.rejectedNoReason')}
      </span>
    );
  }
  if (action?.state === 'needs_attention') {
    return (
      <span className="row-attention" data-testid="roster-attention">
        {action.error ? t('actions.needsAttention', { reason: action.error }) : t('actions.needsAttentionNoReason')}
      </span>
    );
  }
  return null;
}
