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
