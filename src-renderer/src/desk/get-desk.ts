import type { DeskApi } from '../../../src-shared/contract';
import { wirePath } from '../../../src-shared/wire';
import { readAccessToken } from './access-token';
import { ipcLink, type DeskLink } from './desk-link';
import { connectSocketDesk } from './socket-desk';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    classdesk?: DeskApi;
  }
}

let link: DeskLink | undefined;

function socketUrl(): string {
  const token = readAccessToken(window.location.search, window.sessionStorage) ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${wirePath}?token=${encodeURIComponent(token)}`;
}

/** The one link this page talks to the core through: IPC in Electron, a WebSocket in browser mode. */
export function getDeskLink(): DeskLink {
  link ??= window.classdesk ? ipcLink(window.classdesk) : connectSocketDesk(socketUrl());
  return link;
}

export function getDesk(): DeskApi {
  return getDeskLink().api;
}
