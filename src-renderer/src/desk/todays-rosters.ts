import type { DeskApi } from '../../../src-shared/contract';
import type { DeskPaperApi } from '../../../src-shared/paper';
import { paperPath } from '../../../src-shared/wire';
import { browserAccessToken } from './get-desk';
import type { DeskMessage } from '../../../src-shared/desk-messages';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    classdeskPaper?: DeskPaperApi;
  }
}

/** opened: in the PC's PDF viewer or a new tab; downloaded: the browser kept the tab from opening, the PDF is saved. */
export type RostersOutcome = { kind: 'opened' } | { kind: 'downloaded' } | { kind: 'none' } | { kind: 'refused' } | { kind: 'failed'; reason: string; said?: DeskMessage };

/** What opening the PDF needs from the page; tests hand in their own. */
export interface PaperPage {
  /** Electron's way: main writes the kit and opens the file itself. */
  paper: DeskPaperApi | undefined;
  /** Browser mode's access key. */
  token: string | null | undefined;
  fetch(path: string, init: RequestInit): Promise<Response>;
  /** Opens a URL in a new tab; null when the browser did not allow it. */
  open(url: string): Window | null;
  download(url: string, fileName: string): void;
}

export const thisPage = (): PaperPage => ({
  paper: window.classdeskPaper,
  token: browserAccessToken(),
  fetch: (path, init) => fetch(path, init),
  open: (url) => window.open(url, '_blank'),
  download: (url, fileName) => {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  },
});

/** How long a tab's PDF stays reachable at its blob address: long enough for the viewer to load it. */
const blobLifeMs = 60_000;

/**
 * "Print today's rosters": the core writes the outage kit now, with what the desk knows, and the
 * location's PDF opens where reception can print it. Electron: the shell opens it in the PC's PDF
 * viewer. Browser mode: the page fetches it from the server with its key (a plain link cannot
 * carry the key, which stays out of addresses) and opens it in a new tab, or saves it.
 */
export async function openTodaysRosters(locationId: string, desk: DeskApi, page: PaperPage = thisPage()): Promise<RostersOutcome> {
  if (page.paper) {
    const answer = await page.paper.openTodaysRosters(locationId);
    if (answer.outcome === 'failed') return { kind: 'failed', reason: answer.reason, ...(answer.said ? { said: answer.said } : {}) };
    return { kind: answer.outcome === 'opened' ? 'opened' : answer.outcome };
  }
  const { kits } = await desk.writeOutageKit({ locationId });
  const kit = kits.find((k) => k.locationId === locationId);
  if (!kit) return { kind: 'none' };
  const response = await page.fetch(`${paperPath}/${kit.file}`, { headers: { 'X-Classdesk-Token': page.token ?? '' }, cache: 'no-store' });
  if (!response.ok) return { kind: 'failed', reason: `HTTP ${response.status}` };
  const url = URL.createObjectURL(await response.blob());
  setTimeout(() => URL.revokeObjectURL(url), blobLifeMs);
  if (page.open(url)) return { kind: 'opened' };
  page.download(url, kit.file.replace('/', '-'));
  return { kind: 'downloaded' };
}
