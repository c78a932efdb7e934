import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Wellhub signs each webhook in `X-Gympass-Signature`: HMAC-SHA1 of the raw body
 * under the gym's secret, written as upper-case hex. One of Wellhub's examples
 * puts `0X` in front (`0XFBDB…`), an older one `0x` and lower case, so both are
 * accepted. Compared in constant time.
 */
export function wellhubSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha1', secret).update(rawBody).digest('hex').toUpperCase();
}

export function signatureMatches(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header || secret === '') return false;
  const given = Buffer.from(header.trim().replace(/^0x/i, '').toUpperCase(), 'utf8');
  const expected = Buffer.from(wellhubSignature(rawBody, secret), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
