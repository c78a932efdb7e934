import { TokenBucket } from 'limiter';

/** A provider's documented request budget. */
export interface RateLimit {
  /** Requests allowed per minute. */
  perMinute: number;
  /** Whether the budget is shared by the whole API or counted per endpoint (Magicline). */
  per: 'api' | 'endpoint';
}

/**
 * Token buckets that keep us under a provider's limit before it has to say 429.
 * We refill at 95% of the documented rate and allow a burst of only the other
 * 5%, so that no 60-second window, however it is aligned, holds more requests
 * than the limit: burst + 0.95 × limit ≤ limit. That holds whether the provider
 * counts with its own token bucket (Zenoti) or per fixed minute (Magicline).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private static readonly byBudget = new Map<string, RateLimiter>();

  constructor(private readonly limit: RateLimit) {}

  /**
   * One limiter per budget: a provider counts requests per API key, so two
   * connections with the same key and host (Zenoti centers, say) share one.
   */
  static shared(budget: string, limit: RateLimit): RateLimiter {
    let limiter = RateLimiter.byBudget.get(budget);
    if (!limiter) {
      limiter = new RateLimiter(limit);
      RateLimiter.byBudget.set(budget, limiter);
    }
    return limiter;
  }

  /** Waits until a request to `endpoint` fits the budget. */
  async take(endpoint: string): Promise<void> {
    await this.bucketFor(this.limit.per === 'api' ? '*' : endpoint).removeTokens(1);
  }

  private bucketFor(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const perMinute = Math.max(1, Math.floor(this.limit.perMinute * 0.95));
      const burst = Math.max(1, this.limit.perMinute - perMinute);
      bucket = new TokenBucket({ bucketSize: burst, tokensPerInterval: perMinute, interval: 'minute' });
      bucket.content = bucket.bucketSize;
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
