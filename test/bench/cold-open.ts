import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { serveStatic } from '../../src-main/web/static-files';
import { sleep } from './report';

/**
 * Page script (added before the desk's code): the first `[data-testid="session-row"]`
 * in the DOM (MutationObserver), and the next animation frame after it, the frame
 * that paints it; both as performance.now(), i.e. ms since the navigation started.
 */
export const firstRowProbeScript = `(() => {
  window.__firstRow = { seenAt: null, paintedAt: null };
  const observer = new MutationObserver(() => {
    if (window.__firstRow.seenAt !== null || !document.querySelector('[data-testid="session-row"]')) return;
    window.__firstRow.seenAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstRow.paintedAt = performance.now(); });
  });
  observer.observe(document, { subtree: true, childList: true });
})()`;

export interface FirstRow {
  seenAt: number;
  paintedAt: number;
}

/** Opens the desk in a new page of `context` and waits for its first class row to paint. */
export async function openAndTimeFirstRow(context: BrowserContext, url: string, timeoutMs: number): Promise<{ page: Page; row: FirstRow }> {
  const page = await context.newPage();
  await page.goto(url);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const row = await page.evaluate<{ seenAt: number | null; paintedAt: number | null }>('window.__firstRow');
    if (row.paintedAt !== null && row.seenAt !== null) return { page, row: { seenAt: row.seenAt, paintedAt: row.paintedAt } };
    if (performance.now() > deadline) throw new Error(`no class row painted within ${timeoutMs} ms`);
    await sleep(row.seenAt === null ? 20 : 5);
  }
}

/** Rows of one table in the desk's IndexedDB (-1 before it exists). */
export function cachedRows(page: Page, table: string): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    const request = indexedDB.open('classdesk');
    request.onerror = () => resolve(-1);
    request.onsuccess = () => {
      const db = request.result;
      try {
        const counting = db.transaction(${JSON.stringify(table)}, 'readonly').objectStore(${JSON.stringify(table)}).count();
        counting.onsuccess = () => { db.close(); resolve(counting.result); };
        counting.onerror = () => { db.close(); resolve(-1); };
      } catch (error) { db.close(); resolve(-1); }
    };
  })`);
}

/** Cold opens: close every page of the context, open a new one, time the first row; `rounds` times. */
export async function coldOpens(context: BrowserContext, url: string, rounds: number): Promise<FirstRow[]> {
  const rows: FirstRow[] = [];
  for (let i = 0; i < rounds; i += 1) {
    for (const open of context.pages()) await open.close();
    await sleep(300);
    const { row } = await openAndTimeFirstRow(context, url, 30_000);
    rows.push(row);
  }
  for (const open of context.pages()) await open.close();
  return rows;
}

/** The built renderer on the core's own address, without a core behind it (no WebSocket): the desk with the core not running. */
export async function serveRendererOnly(port: number): Promise<{ stop(): Promise<void> }> {
  const handler = serveStatic(resolve('out/renderer'));
  const server: Server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  return {
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
