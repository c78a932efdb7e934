import type { CommandErrorCode } from '../../../src-shared/contract';

/** The core's error codes plus the two only the renderer can see. */
export type DeskErrorCode = CommandErrorCode | 'offline' | 'timeout';

const knownCodes: readonly DeskErrorCode[] = [
  'invalid_input',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
  'offline',
  'timeout',
];

export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

/**
 * Electron's contextBridge keeps only an error's message, so a code may arrive
 * as a "code: message" prefix; anything else counts as internal.
 */
export function deskErrorCode(error: unknown): DeskErrorCode {
  if (error instanceof DeskError) return error.code;
  if (error instanceof Error) {
    const prefix = error.message.split(':', 1)[0]?.trim();
    const known = knownCodes.find((code) => code === prefix);
    if (known) return known;
  }
  return 'internal';
}

/** The core's own words for a failure, without the "code: " prefix the Electron bridge adds. */
export function deskErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return '';
  if (error instanceof DeskError) return error.message.trim();
  const [prefix, ...rest] = error.message.split(':');
  const known = knownCodes.some((code) => code === prefix?.trim());
  return (known ? rest.join(':') : error.message).trim();
}
