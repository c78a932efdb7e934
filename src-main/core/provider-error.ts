import { messageForLog, type DeskMessage } from '../../src-shared/desk-messages';

/**
 * Why a provider said no, as a code the desk words (`said`). `retryable` says
 * whether trying again later can help (network, 5xx, 429) or never will (class full).
 * The provider's own message, code and trace id are kept for the IT person.
 * The Error's own message is the code and parameters, for the log.
 */
export class ProviderError extends Error {
  constructor(
    readonly said: DeskMessage,
    readonly retryable: boolean,
    readonly code?: string,
    readonly detail: ProviderErrorDetail = {},
  ) {
    super(messageForLog(said));
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
