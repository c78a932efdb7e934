import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app';
import { DeskDatabase } from './data/db';
import { startSync } from './data/sync';
import { DeskProvider } from './desk/desk-context';
import { getDeskLink } from './desk/get-desk';
import { useDeskStore } from './store';

const db = new DeskDatabase();
// Opening IndexedDB takes tens of milliseconds: begun now, it overlaps React's first render instead of following it.
void db.open().catch((error: unknown) => console.error('Classdesk: the offline cache could not be opened', error));
const link = getDeskLink();
// Sync lives outside React: it runs once per page, not once per render or StrictMode double-mount.
startSync(link, db, useDeskStore.getState().setLink);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DeskProvider db={db} desk={link.api}>
      <App />
    </DeskProvider>
  </StrictMode>,
);
