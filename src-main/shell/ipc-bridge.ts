import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { commandChannel, commandNames, eventChannel } from '../../src-shared/command-names';
import type { CommandResult } from '../../src-shared/contract';
import type { Core } from '../core/core';
import { isTrustedPageUrl } from './trusted-url';

/**
 * Transport A: the contract over Electron IPC. Each command gets its own channel;
 * a call from any frame that is not our page is refused before the core sees it.
 */
export function bridgeCoreOverIpc(core: Core, window: BrowserWindow, devServerUrl: string | undefined): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), (event: IpcMainInvokeEvent, input: unknown): Promise<CommandResult<unknown>> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (event.sender !== window.webContents || !isTrustedPageUrl(frameUrl, devServerUrl)) {
        return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: 'Refused: not the Classdesk window.' } });
      }
      return core.handle(name, input);
    });
  }
  const unsubscribe = core.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel, event);
  });
  return () => {
    unsubscribe();
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}
