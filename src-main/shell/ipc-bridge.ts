import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { commandChannel, commandNames, eventChannel } from '../../src-shared/command-names';
import type { CommandResult, DeskEvent } from '../../src-shared/contract';
import type { Core } from '../core/core';
import type { ShellNews } from './shell-news';
import { isTrustedPageUrl } from './trusted-url';

/**
 * Transport A: the contract over Electron IPC. Each command gets its own channel;
 * a call from any frame that is not our page is refused before the core sees it.
 */
export function bridgeCoreOverIpc(core: Core, window: BrowserWindow, devServerUrl: string | undefined, news?: ShellNews): () => void {
  const send = (event: DeskEvent) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel, event);
  };
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<CommandResult<unknown>> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (event.sender !== window.webContents || !isTrustedPageUrl(frameUrl, devServerUrl)) {
        return { ok: false, error: { code: 'invalid_input', message: { code: 'not_classdesk_window' } } };
      }
      const result = await core.handle(name, input);
      // Hello opens every page's session (a reload too): it hears the shell's news it missed.
      if (name === 'hello' && news !== undefined) news.current().forEach(send);
      return result;
    });
  }
  const unsubscribe = core.subscribe(send);
  const unsubscribeNews = news?.subscribe(send);
  return () => {
    unsubscribe();
    unsubscribeNews?.();
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}
