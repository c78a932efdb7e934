import type { DeskApi, PreloadDesk } from '../../../src-shared/contract';
import { wirePath } from '../../../src-shared/wire';
import { takeAccessToken } from './access-token';
import { ipcLink, type DeskLink } from './desk-link';
import { connectSocketDesk, type SocketDesk } from './socket-desk';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    classdesk?: PreloadDesk;
  }
}

let link: DeskLink | undefined;
let socketDesk: SocketDesk | undefined;
let token: string | null | undefined;
let tokenRead = false;

/**
 * Browser mode's access key, read once (and then gone from the address bar);
 * null when the page has none, undefined in Electron, which needs none.
 */
export function browserAccessToken(): string | null | undefined {
  if (window.classdesk) return undefined;
  if (!tokenRead) {
    token = takeAccessToken(window);
    tokenRead = true;
  }
  return token;
}

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${wirePath}?token=${encodeURIComponent(browserAccessToken() ?? '')}`;
}

/** The one link this page talks to the core through: IPC in Electron, a WebSocket in browser mode. */
export function getDeskLink(): DeskLink {
  if (!link) {
    if (window.classdesk) link = ipcLink(window.classdesk);
    else link = socketDesk = connectSocketDesk(socketUrl());
  }
  return link;
}

/** Stops the WebSocket from retrying a key the server refused; IPC has nothing to stop. */
export function stopDeskLink(): void {
  socketDesk?.close();
}

export function getDesk(): DeskApi {
  return getDeskLink().api;
}
