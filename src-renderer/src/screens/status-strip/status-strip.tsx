import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { readMeta } from '../../data/meta';
import { useDb, useDesk } from '../../desk/desk-context';
import { formatSyncTime, placeOrThisPc } from '../../i18n/gym-time';
import { describeDeskError } from '../../i18n/words';
import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../../store';
import './status-strip.css';

interface Props {
  location: Location | undefined;
  nowMs: number;
}

/** Bottom line of the desk: is it connected, how fresh is the data, what is still on its way. */
export function StatusStrip({ location, nowMs }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const connection = useDeskStore((state) => state.connection);
  const [syncError, setSyncError] = useState<string | null>(null);
  // Both from Dexie, so they still tell the truth while the core is out of reach.
  const lastSyncAt = useLiveQuery(() => readMeta(db, 'lastSyncAt'), [db]);
  const pending = useLiveQuery(() => db.deskActions.where('state').equals('accepted').count(), [db]) ?? 0;
  const attention = useLiveQuery(() => db.deskActions.where('state').equals('needs_attention').count(), [db]) ?? 0;
  const { showView, filterActivity } = useDeskStore(
    useShallow((state) => ({ showView: state.showView, filterActivity: state.filterActivity })),
  );
  const place = placeOrThisPc(location);

  async function syncNow(): Promise<void> {
    setSyncError(null);
    try {
      await desk.syncNow({});
    } catch (error) {
      setSyncError(describeDeskError(t, error));
    }
  }

  return (
    <footer className="status-strip" aria-label={t('status.label')}>
      <span className={`connection connection-${connection}`} data-testid="connection-state" data-state={connection}>
        <span className="connection-dot" aria-hidden="true" />
        {t(`status.connection.${connection}`)}
      </span>
      <span data-testid="last-sync">
        {lastSyncAt ? t('status.lastSync', { time: formatSyncTime(lastSyncAt, place, nowMs) }) : t('status.neverSynced')}
      </span>
      <span data-testid="pending-actions" data-count={pending}>
        {t('status.pending', { count: pending })}
      </span>
      {attention > 0 && (
        <button
          type="button"
          className="needs-attention"
          data-testid="needs-attention"
          data-count={attention}
          aria-label={t('status.needsAttentionLabel', { count: attention })}
          onClick={() => {
            filterActivity({ state: 'needs_attention', kind: 'all', text: '' });
            showView('activity');
          }}
        >
          {t('status.needsAttention', { count: attention })}
        </button>
      )}
      {connection === 'offline' && (
        <strong className="offline-notice" data-testid="offline-notice">
          {t('status.offlineNotice')}
        </strong>
      )}
      <span className="status-actions">
        {syncError && (
          <span className="row-error" role="alert">
            {syncError}
          </span>
        )}
        <button type="button" className="secondary" onClick={() => void syncNow()} disabled={connection === 'offline'}>
          {t('status.syncNow')}
        </button>
      </span>
    </footer>
  );
}
