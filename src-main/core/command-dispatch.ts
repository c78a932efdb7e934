import { z } from 'zod';
import {
  commandNames,
  commands,
  type CommandError,
  type CommandName,
  type CommandOutput,
  type CommandResult,
} from '../../src-shared/contract';
import { ProviderError } from './provider-error';

/** An error the core raises on purpose, with words fit for the desk. */
export class DeskError extends Error {
  constructor(
    readonly code: CommandError['code'],
    message: string,
  ) {
    super(message);
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
  if (!isCommandName(name)) return failure('invalid_input', `Unknown command "${name}".`);
  const parsed = commands[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return failure('invalid_input', `Invalid input for ${name}: ${z.prettifyError(parsed.error)}`);
  }
  try {
    // The input was parsed by this very command's schema just above, so the handler gets its own type.
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value: unknown = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DeskError) return failure(error.code, error.message);
    if (error instanceof ProviderError) return failure(error.retryable ? 'unavailable' : 'conflict', error.message);
    log(`Command ${name} failed`, error);
    return failure('internal', 'Something went wrong in Classdesk. The details are in the log.');
  }
}

function failure(code: CommandError['code'], message: string): CommandResult<never> {
  return { ok: false, error: { code, message } };
}
