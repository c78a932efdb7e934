/** The scheme and host the packaged renderer is served from (see app-protocol.ts). */
export const appScheme = 'classdesk';
export const appHost = 'desk';

/**
 * Whether a URL is one of our own pages: the packaged app's scheme, or
 * electron-vite's dev server. Parsed, never substring-matched, so
 * `classdesk://desk.evil.example` or `http://127.0.0.1:5173@evil` do not pass.
 */
export function isTrustedPageUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${appScheme}:` && parsed.host === appHost) return true;
  if (devServerUrl === undefined) return false;
  return parsed.origin === new URL(devServerUrl).origin;
}
