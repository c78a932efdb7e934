/**
 * Why a provider said no, in words a receptionist can act on. `retryable` says
 * whether trying again later can help (network, 5xx, 429) or never will (class full).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
