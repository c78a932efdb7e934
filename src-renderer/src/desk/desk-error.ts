import type { CommandErrorCode } from '../../../src-shared/contract';
import type { DeskMessage } from '../../../src-shared/desk-messages';

/** The core's error codes plus the two only the renderer can see. */
export type DeskErrorCode = CommandErrorCode | 'offline' | 'timeout';

/** A failed call: its kind, a developer's note (`message`, never shown) and what the core said (`said`, worded by the desk). */
export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
    readonly said?: DeskMessage,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

/** The code of a failure; anything that is not a DeskError (a bug in the page) counts as internal. */
export function deskErrorCode(error: unknown): DeskErrorCode {
  return error instanceof DeskError ? error.code : 'internal';
}

/** What the core said about a failure (a code the desk words), when it said anything. */
export function deskErrorSaid(error: unknown): DeskMessage | undefined {
  return error instanceof DeskError ? error.said : undefined;
}
