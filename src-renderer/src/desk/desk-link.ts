import type { DeskApi } from '../../../src-shared/contract';

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
export function ipcLink(api: DeskApi): DeskLink {
  return {
    api,
    isOpen: () => true,
    onConnectionChange: () => () => undefined,
  };
}
