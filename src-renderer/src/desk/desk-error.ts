import type { CommandErrorCode } from '../../../src-shared/contract';

/** The core's error codes plus the two only the renderer can see. */
export type DeskErrorCode = CommandErrorCode | 'offline' | 'timeout';

export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

/** The code of a failure; anything that is not a DeskError (a bug in the page) counts as internal. */
export function deskErrorCode(error: unknown): DeskErrorCode {
  return error instanceof DeskError ? error.code : 'internal';
}

/** The core's own words for a failure. */
export function deskErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message.trim() : '';
}
