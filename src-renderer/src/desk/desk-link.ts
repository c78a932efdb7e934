import type { DeskApi, PreloadDesk } from '../../../src-shared/contract';
import { deskClient } from './desk-client';

/**
 * How the renderer's own link to the core stands, whatever the booking systems do:
 * connecting (open, catching up), up (caught up, live) or down (the core is out of reach).
 */
export type LinkState = 'connecting' | 'up' | 'down';

/**
 * The contract plus what the sync needs to know about the wire under it:
 * whether it is up, and when that changes. Electron IPC is always up.
 */
export interface DeskLink {
  readonly api: DeskApi;
  isOpen(): boolean;
  onConnectionChange(listener: (open: boolean) => void): () => void;
}

/** The preload's window.classdesk runs over IPC, which cannot drop while the window lives. */
export function ipcLink(preload: PreloadDesk): DeskLink {
  return {
    api: deskClient({ send: (command, input) => preload[command](input), listen: (listener) => preload.subscribe(listener) }),
    isOpen: () => true,
    onConnectionChange: () => () => undefined,
  };
}
