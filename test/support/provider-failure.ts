import { ProviderError } from '../../src-main/core/provider-error';

/** The ProviderError a call ends with; fails the test when it succeeds or throws anything else. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}
