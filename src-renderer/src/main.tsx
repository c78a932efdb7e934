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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
void firstRead.then(() => {
  createRoot(root).render(
    <StrictMode>
      <DeskProvider db={db} desk={link.api}>
        <App />
      </DeskProvider>
    </StrictMode>,
  );
  // Sync lives outside React: it runs once per page, not once per render or StrictMode double-mount.
  // It starts after the first frame, so the core's catch-up (IndexedDB writes, live queries) does
  // not compete with painting what the cache already holds. A hidden window gets no frames: 100 ms at most.
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    startSync(link, db, useDeskStore.getState().setLink);
  };
  requestAnimationFrame(() => setTimeout(start, 0));
  setTimeout(start, 100);
});
