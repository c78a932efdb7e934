import { createHash, timingSafeEqual } from 'node:crypto';
import type { ClosePinAnswer } from '../../src-shared/front-desk';

/** Wrong PINs in a row before a pause. */
export const closePinTries = 5;
const firstPauseMs = 30_000;
const longestPauseMs = 15 * 60_000;

/**
 * Checks the PIN that closes the desk against the SHA-256 policy holds. A 4-digit PIN has only
 * 10,000 values, so wrong guesses are throttled: after five in a row no PIN is checked for 30 s,
 * each further pause twice as long (up to 15 minutes); the right PIN starts over. Trying all
 * 10,000 then takes weeks at the desk.
 */
export class ClosePinCheck {
  private wrongInRow = 0;
  private pauses = 0;
  private pausedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  check(pin: string, expectedSha256Hex: string): Exclude<ClosePinAnswer, { outcome: 'not-asked' | 'refused' }> {
    const at = this.now();
    if (at < this.pausedUntil) return { outcome: 'paused', retryAfterSeconds: Math.ceil((this.pausedUntil - at) / 1000) };
    if (matches(pin, expectedSha256Hex)) {
      this.wrongInRow = 0;
      this.pauses = 0;
      return { outcome: 'accepted' };
    }
    this.wrongInRow += 1;
    if (this.wrongInRow < closePinTries) return { outcome: 'wrong', triesLeft: closePinTries - this.wrongInRow };
    const pauseMs = Math.min(firstPauseMs * 2 ** this.pauses, longestPauseMs);
    this.pauses += 1;
    this.wrongInRow = 0;
    this.pausedUntil = at + pauseMs;
    return { outcome: 'paused', retryAfterSeconds: pauseMs / 1000 };
  }
}

/** Both sides are 32-byte digests, so timingSafeEqual compares them without leaking where they differ. */
function matches(pin: string, expectedSha256Hex: string): boolean {
  const expected = Buffer.from(expectedSha256Hex, 'hex');
  const given = createHash('sha256').update(pin, 'utf8').digest();
  return expected.length === given.length && timingSafeEqual(given, expected);
}
