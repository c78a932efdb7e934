import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app';
import { DeskDatabase } from './data/db';
import { useArrivingActions } from './data/arriving-actions';
import { readFirstView } from './data/first-view';
import { startSync } from './data/sync';
import { watchAccess } from './desk/access-check';
import { AccessNeeded } from './desk/access-needed';
import { DeskProvider } from './desk/desk-context';
import { browserAccessToken, getDeskLink, stopDeskLink } from './desk/get-desk';
import { listenForUpdates } from './desk/update-notice';
import { followLanguageSetting } from './i18n/desk-language';
import { useDeskStore } from './store';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
const root = createRoot(rootElement);
const showAccessNeeded = () =>
  root.render(
    <StrictMode>
      <AccessNeeded />
    </StrictMode>,
  );

// Read first, so the key leaves the address bar before anything else happens.
const token = browserAccessToken();
if (token === null) {
  // Browser mode without a key: no socket can open, so say how to get in instead of loading forever.
  showAccessNeeded();
} else {
  const db = new DeskDatabase();
  // The day's classes are read while the page starts, so the first render already shows them.
  const firstRead = readFirstView(db);
  const link = getDeskLink();
  // Sync lives outside React: it runs once per page, not once per render or StrictMode double-mount.
  startSync(link, db, useDeskStore.getState().setLink, { arriving: useArrivingActions.getState() });
  // Before hello too: the shell repeats its update news right after it.
  listenForUpdates(link.api, useDeskStore.getState().setUpdate);
  followLanguageSetting(link.api, (listener) =>
    useDeskStore.subscribe((state, previous) => {
      if (state.link === 'up' && previous.link !== 'up') listener();
    }),
  );
  let refused = false;
  if (token !== undefined) {
    watchAccess(link, token, () => {
      refused = true;
      stopDeskLink();
      showAccessNeeded();
    });
  }
  void firstRead.then(() => {
    if (refused) return;
    root.render(
      <StrictMode>
        <DeskProvider db={db} desk={link.api}>
          <App />
        </DeskProvider>
      </StrictMode>,
    );
  });
}
