import { wirePath } from '../../../src-shared/wire';
import type { DeskLink } from './desk-link';

/** granted: key and address fit; refused: open the printed link again; unknown: the server is out of reach. */
export type AccessVerdict = 'granted' | 'refused' | 'unknown';

export type AccessFetch = (path: string, init: RequestInit) => Promise<{ status: number }>;

/**
 * A browser never tells a page why its WebSocket did not open, so the page asks the server
 * (GET on the socket's path, the key in a header; see src-main/web/access-key.ts).
 */
export async function checkAccess(token: string, fetchPage: AccessFetch = (path, init) => fetch(path, init)): Promise<AccessVerdict> {
  try {
    const response = await fetchPage(wirePath, { headers: { 'X-Classdesk-Token': token }, cache: 'no-store' });
    if (response.status === 204) return 'granted';
    if (response.status === 401) return 'refused';
    return 'unknown';
  } catch {
    // No answer at all: the desk service is not running, which the status strip already says.
    return 'unknown';
  }
}

/**
 * Asks whenever the link goes down (a socket refused at its handshake closes at once) and calls
 * onRefused the first time the server says the key does not fit: a link without its key, or one
 * from before the server restarted with a new key. A server that is merely down keeps the desk
 * as it is, retrying, with its cached schedule on screen.
 */
export function watchAccess(link: DeskLink, token: string, onRefused: () => void, check: (token: string) => Promise<AccessVerdict> = checkAccess): () => void {
  let asking = false;
  let done = false;
  const stop = (): void => {
    done = true;
    unsubscribe();
  };
  const unsubscribe = link.onConnectionChange((open) => {
    if (open || asking || done) return;
    asking = true;
    void check(token).then((verdict) => {
      asking = false;
      if (verdict !== 'refused' || done) return;
      stop();
      onRefused();
    });
  });
  return stop;
}
