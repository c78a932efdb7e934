import type { DeskApi, UpdateNotice } from '../../../src-shared/contract';

/** Keeps the shell's latest word about updates for the status strip; returns the unsubscribe. */
export function listenForUpdates(api: Pick<DeskApi, 'subscribe'>, setUpdate: (update: UpdateNotice) => void): () => void {
  return api.subscribe((event) => {
    if (event.name === 'update') setUpdate(event.payload);
  });
}
