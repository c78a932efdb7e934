import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandChannel, commandNames, eventChannel, type CommandName } from '../src-shared/command-names';
import type { CommandResult, PreloadDesk } from '../src-shared/contract';
import { closePinAskedChannel, closeWithPinChannel, type ClosePinAnswer, type DeskCloseApi } from '../src-shared/front-desk';
import { openTodaysRostersChannel, type DeskPaperApi, type PaperOpenAnswer } from '../src-shared/paper';

/**
 * The renderer's only way out of its sandbox: one named function per contract
 * command (never a generic invoke) and one event subscription. The main process
 * validates every payload it receives, the page's client every answer and event;
 * nothing here trusts or transforms them. Answers stay envelopes (never thrown):
 * contextBridge would keep only an error's message and lose its code.
 */
function command(name: CommandName) {
  return (input: unknown): Promise<CommandResult<unknown>> => ipcRenderer.invoke(commandChannel(name), input) as Promise<CommandResult<unknown>>;
}

const commandsByName = Object.fromEntries(commandNames.map((name) => [name, command(name)]));

const desk = {
  ...commandsByName,
  subscribe(listener: (event: unknown) => void): () => void {
    // Hand over the payload only: the IPC event carries `sender`, which must not reach the page.
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel, handler);
    return () => ipcRenderer.removeListener(eventChannel, handler);
  },
} as PreloadDesk;

contextBridge.exposeInMainWorld('classdesk', desk);

/**
 * Front-desk mode's PIN prompt: main asks, the page answers with the PIN. Two functions, no
 * payload from main, and the PIN is checked (and throttled) in main, never here.
 */
const close: DeskCloseApi = {
  onPinAsked(listener: () => void): () => void {
    const handler = () => listener();
    ipcRenderer.on(closePinAskedChannel, handler);
    return () => ipcRenderer.removeListener(closePinAskedChannel, handler);
  },
  async submitPin(pin: string): Promise<ClosePinAnswer> {
    return (await ipcRenderer.invoke(closeWithPinChannel, { pin })) as ClosePinAnswer;
  },
};

contextBridge.exposeInMainWorld('classdeskClose', close);

/** "Print today's rosters": main writes the outage kit and opens this location's PDF; the page names only the location. */
const paper: DeskPaperApi = {
  async openTodaysRosters(locationId: string): Promise<PaperOpenAnswer> {
    return (await ipcRenderer.invoke(openTodaysRostersChannel, { locationId })) as PaperOpenAnswer;
  },
};

contextBridge.exposeInMainWorld('classdeskPaper', paper);
