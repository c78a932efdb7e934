import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { readMeta } from '../../data/meta';
import { useDb } from '../../desk/desk-context';
import { useDeskStore } from '../../store';
import { describeDesk } from './desk-state';
import './status-strip.css';

/** Online, syncing, or what is out of reach: the one word staff glance at before telling a member "not booked". */
export function ConnectionState() {
  const { t } = useTranslation();
  const db = useDb();
  const link = useDeskStore((state) => state.link);
  // From Dexie, so it still tells the truth after a reload while the core is out of reach.
  const status = useLiveQuery(() => readMeta(db, 'deskStatus'), [db]);
  const shown = describeDesk(link, status);
  const headline =
    shown.headline === 'failing'
      ? t('status.connection.failing', { count: shown.systems.length })
      : t(`status.connection.${shown.headline}`);
  return (
    <span className={`connection connection-${shown.state}`} data-testid="connection-state" data-state={shown.state}>
      <span className="connection-dot" aria-hidden="true" />
      {headline}
    </span>
  );
}
