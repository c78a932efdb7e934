/**
 * Why a provider said no, in words a receptionist can act on. `retryable` says
 * whether trying again later can help (network, 5xx, 429) or never will (class full).
 * The provider's own message, code and trace id are kept for the IT person.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
    readonly detail: ProviderErrorDetail = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ProviderErrorDetail {
  /** HTTP status, when the provider answered at all. */
  status?: number;
  /** The provider's own words and code, as it sent them. */
  providerMessage?: string;
  providerCode?: string;
  /** The id the provider's support asks for (trace id, request id). */
  traceId?: string;
}
