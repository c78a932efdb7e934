import { ProviderError, type ProviderErrorDetail } from '../provider-error';
import { deskMessage } from '../../../src-shared/desk-messages';

/**
 * How much of a provider's answer the desk will take. A provider (or a proxy in
 * front of it) that sends an endless or enormous body must not fill the desk
 * PC's memory, and one that ignores the page size must not push a million
 * records through one sync. The caps are far above what a chain's biggest page
 * holds (a 100-record Zenoti page is about 200 kB; a Magicline slice of 500
 * classes about 1 MB), so only a broken answer meets them.
 */
export interface AnswerLimits {
  /** Bytes of body, after decompression (a small gzip answer can unpack to gigabytes). */
  maxBodyBytes: number;
  /** Entries in the longest list of one answer, looked for at the top and in the envelope around it. */
  maxRecords: number;
}

export const defaultAnswerLimits: AnswerLimits = { maxBodyBytes: 50 * 1024 * 1024, maxRecords: 10_000 };

export function tooLargeError(provider: string, limits: AnswerLimits, bytes: number): ProviderError {
  return new ProviderError(
    deskMessage('provider_answer_too_large', { provider, kilobytes: Math.ceil(limits.maxBodyBytes / 1024) }),
    true,
    'response_too_large',
    { providerMessage: `Classdesk stopped after ${bytes} bytes (the limit is ${limits.maxBodyBytes}).` },
  );
}

export function tooManyRecordsError(provider: string, limits: AnswerLimits, records: number): ProviderError {
  return new ProviderError(
    deskMessage('provider_too_many_records', { provider, count: limits.maxRecords }),
    true,
    'too_many_records',
    { providerMessage: `One list in the answer held ${records} entries (the limit is ${limits.maxRecords}).` },
  );
}

/**
 * The length of the longest list in an answer: the answer itself, or a list in
 * its envelope (`{ result: [...] }`, `{ data: { items: [...] } }`). Two levels
 * cover every envelope the adapters read; deeper lists are parts of one record.
 */
export function longestList(body: unknown, depth = 2): number {
  if (Array.isArray(body)) return body.length;
  if (depth === 0 || body === null || typeof body !== 'object') return 0;
  let longest = 0;
  for (const value of Object.values(body)) longest = Math.max(longest, longestList(value, depth - 1));
  return longest;
}

/** Longest provider message kept: it may become the desk's words for a refused action, and is journaled with it. */
const maxProviderText = 500;

/** What a provider said about an error, cut to a length the desk can show and keep. */
export function shortenedDetail(detail: ProviderErrorDetail): ProviderErrorDetail {
  const cut = (text: string | undefined, max: number) => (text !== undefined && text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return {
    ...detail,
    ...(detail.providerMessage !== undefined ? { providerMessage: cut(detail.providerMessage, maxProviderText) } : {}),
    ...(detail.providerCode !== undefined ? { providerCode: cut(detail.providerCode, 100) } : {}),
    ...(detail.traceId !== undefined ? { traceId: cut(detail.traceId, 200) } : {}),
  };
}
