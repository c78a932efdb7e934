/**
 * A token bucket per client address for the public webhook endpoint: Wellhub's
 * bursts pass, a flood from one address is answered 429 before it reaches the
 * database. Buckets idle for a minute are forgotten.
 */
export function rateLimiter(perSecond: number, burst: number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = Date.now();
  return {
    /** undefined when the request may pass, else the seconds to wait. */
    take(key: string): number | undefined {
      const now = Date.now();
      if (now - sweptAt > 60_000) {
        for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
        sweptAt = now;
      }
      const bucket = buckets.get(key) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1_000) * perSecond);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    },
  };
}
