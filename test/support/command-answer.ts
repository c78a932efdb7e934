import type { CommandResult } from '../../src-shared/contract';

/** The value of a command that must succeed; a failure stops the test with the core's own words. */
export function value<T>(result: CommandResult<unknown>): T {
  if (!result.ok) throw new Error(`expected an answer, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
