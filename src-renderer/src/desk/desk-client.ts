import {
  CommandError,
  commandNames,
  commands,
  DeskEvent,
  type CommandName,
  type CommandResult,
  type DeskApi,
} from '../../../src-shared/contract';
import { DeskError } from './desk-error';

/**
 * A wire to the core, as raw as it comes: the command's envelope, and events as they arrive.
 * The Electron preload is one, browser mode's WebSocket the other; neither is trusted.
 */
export interface DeskWire {
  send(command: CommandName, input: unknown): Promise<CommandResult<unknown>>;
  listen(listener: (event: unknown) => void): () => void;
}

/**
 * The one client the page talks to the core through, over either wire: every answer and event
 * is checked against the contract before the desk sees it, and a refusal becomes a DeskError
 * that keeps the core's code, so both transports fail the same way.
 */
export function deskClient(wire: DeskWire): DeskApi {
  async function call(command: CommandName, input: unknown): Promise<unknown> {
    const result = await wire.send(command, input);
    if (!result.ok) {
      const error = CommandError.safeParse(result.error);
      if (!error.success) throw new DeskError('internal', `The core refused ${command} without saying why`);
      throw new DeskError(error.data.code, `${command} refused: ${error.data.message.code}`, error.data.message);
    }
    const parsed = commands[command].output.safeParse(result.value);
    if (!parsed.success) throw new DeskError('internal', `The answer to ${command} does not match the contract`);
    return parsed.data;
  }

  // One function per contract command, from the contract's own list, so none can be forgotten.
  const calls = Object.fromEntries(commandNames.map((name) => [name, (input: unknown) => call(name, input)]));
  return {
    ...calls,
    subscribe(listener) {
      return wire.listen((raw) => {
        const event = DeskEvent.safeParse(raw);
        if (!event.success) {
          console.warn('Classdesk: ignored an event that does not match the contract', event.error.issues);
          return;
        }
        listener(event.data);
      });
    },
  } as DeskApi;
}
