import { useTranslation } from 'react-i18next';
import { useCacheReady } from './data/use-cache-ready';
import { CheckInBar } from './screens/check-in/check-in-bar';
import { RosterPanel } from './screens/roster/roster-panel';
import { StatusStrip } from './screens/status-strip/status-strip';
import { TodayPanel } from './screens/today/today-panel';
import { useDeskSelection } from './screens/use-desk-selection';

/** The desk: check-in on top, the day's classes left, the open roster right, status along the bottom. */
export function App() {
  const { t } = useTranslation();
  const ready = useCacheReady();
  const selection = useDeskSelection();
  const openEntry = selection.sessions?.find((entry) => entry.session.id === selection.session?.id);

  return (
    <div className="desk" data-app-state={ready ? 'ready' : 'loading'}>
      <header className="desk-header">
        <h1 className="brand">{t('app.title')}</h1>
        <CheckInBar location={selection.location} today={selection.today} />
      </header>
      <div className="desk-body">
        {ready ? (
          <>
            <TodayPanel selection={selection} />
            <main className="roster-area">
              <RosterPanel location={selection.location} entry={openEntry} />
            </main>
          </>
        ) : (
          <main className="roster-area">
            <p className="empty" role="status">
              {t('app.loading')}
            </p>
          </main>
        )}
      </div>
      <StatusStrip location={selection.location} nowMs={selection.nowMs} />
    </div>
  );
}
