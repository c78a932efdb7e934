const storageKey = 'classdesk.token';

/**
 * The browser-mode server prints a URL with `?token=`; a reload or a link
 * without it must still reach the core, so the token is kept for the tab's life.
 */
export function readAccessToken(search: string, storage: Storage): string | null {
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    storage.setItem(storageKey, fromUrl);
    return fromUrl;
  }
  return storage.getItem(storageKey);
}

/** The parts of `window` the page's access key passes through; tests hand in their own. */
export interface AddressBar {
  location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  history: Pick<History, 'state' | 'replaceState'>;
  sessionStorage: Storage;
}

/**
 * Reads the key as readAccessToken does, then takes it out of the address bar, so it is not in
 * the tab's history, a bookmark, a screenshot or a shared screen. It stays in sessionStorage,
 * which belongs to this tab alone and outlives a reload: a reloaded page finds it there.
 */
export function takeAccessToken(page: AddressBar): string | null {
  const token = readAccessToken(page.location.search, page.sessionStorage);
  const params = new URLSearchParams(page.location.search);
  if (params.has('token')) {
    params.delete('token');
    const search = params.size > 0 ? `?${params.toString()}` : '';
    // replaceState, not a navigation: the page stays as it is, only the address changes.
    page.history.replaceState(page.history.state, '', `${page.location.pathname}${search}${page.location.hash}`);
  }
  return token;
}
