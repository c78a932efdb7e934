import { describe, expect, it } from 'vitest';
import { asDeskFirst } from '../../src-main/core/http/desk-first';
import { RateLimiter } from '../../src-main/core/http/rate-limit';

/**
 * One rate budget shared by several connections (one Zenoti key, five centers): requests made for the
 * desk's own today take the next token, ahead of every other connection's waiting request, and the
 * budget itself is kept all the same.
 */
describe('a shared rate budget', () => {
  it('serves the desk’s today before requests that were waiting longer', async () => {
    // 600 a minute: a burst of 30, then one token every 105 ms.
    const limiter = new RateLimiter({ perMinute: 600, per: 'api' });
    const order: string[] = [];
    const calm = Array.from({ length: 36 }, (_, i) => limiter.take('/sessions').then(() => order.push(`other-${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const urgent = asDeskFirst(() => limiter.take('/registrations')).then(() => order.push('desk'));
    await Promise.all([...calm, urgent]);

    const desk = order.indexOf('desk');
    // The burst went to those that came first; the desk's request takes the first token after it.
    expect(desk).toBe(30);
    expect(order.slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, i) => `other-${i}`));
    expect(order).toHaveLength(37);
  });

  it('keeps the order of arrival among requests of the same kind', async () => {
    const limiter = new RateLimiter({ perMinute: 1200, per: 'api' });
    const order: number[] = [];
    await Promise.all(Array.from({ length: 70 }, (_, i) => asDeskFirst(() => limiter.take('/x')).then(() => order.push(i))));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
