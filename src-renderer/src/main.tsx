import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app';
import { DeskDatabase } from './data/db';
import { readFirstView } from './data/first-view';
import { startSync } from './data/sync';
import { DeskProvider } from './desk/desk-context';
import { getDeskLink } from './desk/get-desk';
import { useDeskStore } from './store';

const db = new DeskDatabase();
// The day's classes are read while the page starts, so the first render already shows them.
const firstRead = readFirstView(db);
const link = getDeskLink();
// Sync lives outside React: it runs once per page, not once per render or StrictMode double-mount.
startSync(link, db, useDeskStore.getState().setLink);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
void firstRead.then(() =>
  createRoot(root).render(
    <StrictMode>
      <DeskProvider db={db} desk={link.api}>
        <App />
      </DeskProvider>
    </StrictMode>,
  ),
);
