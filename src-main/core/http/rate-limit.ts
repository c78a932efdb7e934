import { TokenBucket } from 'limiter';
import { isDeskFirst } from './desk-first';

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
interface Waiter {
  urgent: boolean;
  go: () => void;
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  /** Requests waiting for a token, per bucket: the desk's today first, then in the order they came. */
  private readonly waiting = new Map<string, Waiter[]>();
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

  /** Waits until a request to `endpoint` fits the budget; requests for the desk's today go ahead of the queue. */
  take(endpoint: string): Promise<void> {
    const key = this.limit.per === 'api' ? '*' : endpoint;
    const queue = this.waiting.get(key) ?? [];
    return new Promise((go) => {
      const waiter = { urgent: isDeskFirst(), go };
      const firstCalm = waiter.urgent ? queue.findIndex((other) => !other.urgent) : -1;
      if (firstCalm >= 0) queue.splice(firstCalm, 0, waiter);
      else queue.push(waiter);
      if (!this.waiting.has(key)) {
        this.waiting.set(key, queue);
        void this.serve(key, queue);
      }
    });
  }

  /** Hands out tokens one at a time, each to whoever is first in line when it is there. */
  private async serve(key: string, queue: Waiter[]): Promise<void> {
    const bucket = this.bucketFor(key);
    while (queue.length > 0) {
      await bucket.removeTokens(1);
      queue.shift()?.go();
    }
    this.waiting.delete(key);
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
