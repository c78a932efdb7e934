import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useDeskLocation } from './desk/use-desk-location';
import { ActivityScreen } from './screens/activity/activity-screen';
import { CheckInBar } from './screens/check-in/check-in-bar';
import { ClosePinPrompt } from './screens/close-pin/close-pin-prompt';
import { ConnectionsScreen } from './screens/connections/connections-screen';
import { RequestsButton } from './screens/requests/requests-button';
import { RosterPanel } from './screens/roster/roster-panel';
import { SettingsScreen } from './screens/settings/settings-screen';
import { GymClock } from './screens/header/gym-clock';
import { ConnectionState } from './screens/status-strip/connection-state';
import { StatusStrip } from './screens/status-strip/status-strip';
import { TodayPanel } from './screens/today/today-panel';
import { useDeskSelection } from './screens/use-desk-selection';
import { ariaKeysOf } from './shortcuts/desk-commands';
import { DeskShortcuts } from './shortcuts/desk-shortcuts';
import { useDeskStore, type DeskView } from './store';

const views: readonly DeskView[] = ['desk', 'connections', 'activity', 'settings'];

/**
 * The desk: check-in on top, the day's classes left, the open roster right, status along the bottom.
 * The header's navigation swaps the desk for the Connections or Activity screen; the check-in bar
 * (and the focus it claims for the scanner) is there only while the desk is shown.
 */
export function App() {
  const { t } = useTranslation();
  const selection = useDeskSelection();
  const ready = selection.ready;
  const { view, showView, showHelp } = useDeskStore(
    useShallow((state) => ({ view: state.view, showView: state.showView, showHelp: state.showHelp })),
  );
  const openEntry = selection.sessions?.find((entry) => entry.session.id === selection.session?.id);
  useDeskLocation(selection.location?.id);

  let body;
  if (view === 'connections') {
    body = (
      <main className="connections-area">
        <ConnectionsScreen location={selection.location} nowMs={selection.nowMs} />
      </main>
    );
  } else if (view === 'activity') {
    body = (
      <main className="activity-area">
        <ActivityScreen location={selection.location} nowMs={selection.nowMs} />
      </main>
    );
  } else if (view === 'settings') {
    body = (
      <main className="settings-area">
        <SettingsScreen />
      </main>
    );
  } else if (ready) {
    body = (
      <div className="desk-body">
        <TodayPanel selection={selection} />
        {/* Focusable, so a long roster scrolls by keyboard even when no row offers a button (axe: scrollable-region-focusable). */}
        <main className="roster-area" tabIndex={0} aria-label={t('roster.heading')}>
          <RosterPanel location={selection.location} entry={openEntry} />
        </main>
      </div>
    );
  } else {
    body = (
      <div className="desk-body">
        <main className="roster-area">
          <p className="empty" role="status">
            {t('app.loading')}
          </p>
        </main>
      </div>
    );
  }

  return (
    <DeskShortcuts>
      <div className="desk" data-app-state={ready ? 'ready' : 'loading'} data-view={view}>
        <header className="desk-header">
          <h1 className="brand">{t('app.title')}</h1>
          {view === 'desk' && <CheckInBar location={selection.location} today={selection.today} />}
          <span className="header-state">
            <GymClock location={selection.location} />
            <ConnectionState />
          </span>
          <RequestsButton />
          <nav className="main-nav" aria-label={t('nav.label')}>
            {views.map((name) => (
              <button
                key={name}
                type="button"
                data-testid={`nav-${name}`}
                aria-current={view === name ? 'page' : undefined}
                onClick={() => showView(name)}
              >
                {t(`nav.${name}`)}
              </button>
            ))}
          </nav>
          <button
            type="button"
            className="shortcuts-button"
            data-testid="show-shortcuts"
            aria-keyshortcuts={ariaKeysOf('help')}
            onClick={() => showHelp(true)}
          >
            <span aria-hidden="true">?</span>
            <span className="visually-hidden">{t('nav.shortcuts')}</span>
          </button>
        </header>
        {body}
        <StatusStrip location={selection.location} nowMs={selection.nowMs} connection={false} />
        <ClosePinPrompt close={window.classdeskClose} />
      </div>
    </DeskShortcuts>
  );
}
