import { app, session, shell, type WebContents } from 'electron';
import { isTrustedPageUrl } from './trusted-url';

/**
 * Electron's security checklist, applied to every web contents ever created:
 * no navigation away, no new windows, no webviews, no permission prompts.
 * Links to the web open in the user's browser, and only https ones.
 */
export function guardEveryWebContents(devServerUrl: string | undefined): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedPageUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedPageUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (new URL(url).protocol === 'https:') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
