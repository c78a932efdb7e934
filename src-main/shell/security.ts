import { app, session, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-links';
import { isTrustedPageUrl } from './trusted-url';

/**
 * Electron's security checklist, applied to every web contents ever created:
 * no navigation away (main frame or any other), no new windows, no webviews, no
 * permission prompts or device access. A provider's help page, and nothing
 * else, opens in the user's browser (see external-links.ts).
 */
export function guardEveryWebContents(devServerUrl: string | undefined): void {
  const desk = session.defaultSession;
  desk.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  desk.setPermissionCheckHandler(() => false);
  desk.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => guard(contents, devServerUrl));
}

function guard(contents: WebContents, devServerUrl: string | undefined): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (isTrustedPageUrl(url, devServerUrl)) return;
    event.preventDefault();
    openIfAllowed(url);
  };
  contents.on('will-navigate', (event, url) => stayHome(event, url));
  // Since Electron 25 will-navigate sees the main frame only; this one sees the others too.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) stayHome(event, event.url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedPageUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}

function openIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}
