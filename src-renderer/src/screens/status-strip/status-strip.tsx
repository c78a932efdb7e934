import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Location } from '../../../../src-shared/domain';
import { readMeta } from '../../data/meta';
import { useDb, useDesk } from '../../desk/desk-context';
import { deskErrorCode } from '../../desk/desk-error';
import { formatSyncTime, placeOrThisPc } from '../../i18n/gym-time';
import { describeDeskError } from '../../i18n/words';
import { useDeskStore } from '../../store';
import { ConnectionState } from './connection-state';
import { describeDesk } from './desk-state';
import { SystemAges } from './system-ages';
import { UpdateNote } from './update-note';
import './status-strip.css';
import { wordMessage } from '../../i18n/message-words';

interface Props {
  location: Location | undefined;
  nowMs: number;
  /** false where the header already shows the connection state. */
  connection?: boolean;
}

/** Bottom line of the desk: is the desk service there, which booking system fails, how fresh is the data. */
export function StatusStrip({ location, nowMs, connection = true }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const link = useDeskStore((state) => state.link);
  // "Offline, not sent" stops being true once the desk service is back.
  const [syncError, setSyncError] = useState<{ text: string; offline: boolean; linkUps: number } | null>(null);
  const linkUps = useDeskStore((state) => state.linkUps);
  // All from Dexie, so they still tell the truth after a reload while the core is out of reach.
  const status = useLiveQuery(() => readMeta(db, 'deskStatus'), [db]);
  const pending = useLiveQuery(() => db.deskActions.where('state').equals('accepted').count(), [db]) ?? 0;
  const attention = useLiveQuery(() => db.deskActions.where('state').equals('needs_attention').count(), [db]) ?? 0;
  const { showView, filterActivity } = useDeskStore(
    useShallow((state) => ({ showView: state.showView, filterActivity: state.filterActivity })),
  );
  const place = placeOrThisPc(location);
  const shown = describeDesk(link, status);
  const lastSyncAt = status?.lastSyncAt;

  async function syncNow(): Promise<void> {
    setSyncError(null);
    try {
      await desk.syncNow({});
    } catch (error) {
      setSyncError({ text: describeDeskError(t, error), offline: deskErrorCode(error) === 'offline', linkUps: useDeskStore.getState().linkUps });
    }
  }

  return (
    <footer className="status-strip" aria-label={t('status.label')}>
      {connection && <ConnectionState />}
      {shown.state === 'offline' && (
        <strong className="offline-notice" data-testid="offline-notice">
          {t('status.offlineNotice')}
        </strong>
      )}
      <SystemAges systems={shown.systems} failing={shown.state !== 'offline'} place={place} nowMs={nowMs} />
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
      <UpdateNote place={place} nowMs={nowMs} />
      {shown.storeProblem && (
        <strong className="store-problem" role="alert" data-testid="store-problem">
          {t('status.storeProblem', { problem: wordMessage(t, shown.storeProblem) })}
        </strong>
      )}
      <span className="status-actions">
        {syncError && !(syncError.offline && linkUps > syncError.linkUps) && (
          <span className="row-error" role="alert">
            {syncError.text}
          </span>
        )}
        <button type="button" className="secondary" onClick={() => void syncNow()} disabled={!shown.canSync}>
          {t('status.syncNow')}
        </button>
      </span>
    </footer>
  );
}
