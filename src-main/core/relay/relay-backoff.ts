/**
 * When a desk tries its relay again. Every desk of a gym loses the relay at the same moment (a restart,
 * a network cut), so the waits are spread by jitter: otherwise they would all knock at once, each time.
 */
export interface RelayBackoff {
  /** The first wait after a failure; it doubles with each failure in a row… */
  firstMs: number;
  /** …up to this. */
  maxMs: number;
  /** After the relay refused the desk token: a new token is needed, so asking often changes nothing. */
  refusedMs: number;
  /** A connected link that goes quiet this long (no pong) is taken for dead and opened again. */
  heartbeatMs: number;
  /** How long a desk's Confirm / Reject waits for the relay's answer before it waits in the journal instead. */
  answerWithinMs: number;
}

export const defaultRelayBackoff: RelayBackoff = {
  firstMs: 1_000,
  maxMs: 60_000,
  refusedMs: 15 * 60_000,
  heartbeatMs: 30_000,
  answerWithinMs: 15_000,
};

/** The wait before try `failures + 1`: capped exponential, half of it fixed and half random ("equal jitter"). */
export function reconnectDelay(policy: RelayBackoff, failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(Math.max(failures, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
