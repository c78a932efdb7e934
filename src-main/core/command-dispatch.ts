import { z } from 'zod';
import {
  commandNames,
  commands,
  type CommandError,
  type CommandName,
  type CommandOutput,
  type CommandResult,
} from '../../src-shared/contract';
import { deskMessage, messageForLog, type DeskMessage } from '../../src-shared/desk-messages';
import { ProviderError } from './provider-error';

/** An error the core raises on purpose: its kind, and a code the desk words (`said`). */
export class DeskError extends Error {
  constructor(
    readonly code: CommandError['code'],
    readonly said: DeskMessage,
  ) {
    super(messageForLog(said));
    this.name = 'DeskError';
  }
}

export type CommandHandlers = {
  [K in CommandName]: (input: z.infer<(typeof commands)[K]['input']>) => Promise<CommandOutput<K>>;
};

const isCommandName = (name: string): name is CommandName => (commandNames as readonly string[]).includes(name);

/**
 * The one door into the core: whatever a transport hands over is checked here.
 * An unknown command or a payload that does not match the contract is answered
 * with a clear error and never reaches a handler; nothing thrown escapes.
 */
export async function dispatch(
  handlers: CommandHandlers,
  name: string,
  rawInput: unknown,
  log: (message: string, error: unknown) => void = console.error,
): Promise<CommandResult<unknown>> {
  if (!isCommandName(name)) return failure('invalid_input', deskMessage('unknown_command', { name: name.slice(0, 100) }));
  const parsed = commands[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    // zod's own words, for whoever sent a payload the renderer's forms would never send.
    return failure('invalid_input', deskMessage('invalid_input', { command: name, detail: z.prettifyError(parsed.error).slice(0, 2000) }));
  }
  try {
    // The input was parsed by this very command's schema just above, so the handler gets its own type.
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value: unknown = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DeskError) return failure(error.code, error.said);
    if (error instanceof ProviderError) return failure(error.retryable ? 'unavailable' : 'conflict', error.said);
    log(`Command ${name} failed`, error);
    return failure('internal', { code: 'internal_error' });
  }
}

function failure(code: CommandError['code'], message: DeskMessage): CommandResult<never> {
  return { ok: false, error: { code, message } };
}
