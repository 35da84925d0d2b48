import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from './error-handler';
import { RateLimiter, callerAddress, rateLimited } from './rate-limit';

describe('rate limits', () => {
  it('lets the limit through per window and key, then refuses until the window slides', () => {
    const limiter = new RateLimiter({ name: 'order-status', limit: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', t0 + 1)).toEqual({ allowed: false, retryAfterMs: 59_999 });
    expect(limiter.take('b', t0 + 1).allowed).toBe(true); // another caller is not affected
    // Halfway through the next window, half the previous window still counts: 1.5 + 1 ≤ 3.
    expect(limiter.take('a', t0 + 90_000).allowed).toBe(true);
    expect(limiter.take('a', t0 + 90_000).allowed).toBe(false);
    // Two windows later nothing of the past counts.
    expect(limiter.take('a', t0 + 240_000).allowed).toBe(true);
  });

  it('forgets the oldest callers past its bound', () => {
    const limiter = new RateLimiter({ name: 'x', limit: 1, windowMs: 60_000 }, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0); // 'a' is forgotten
    expect(limiter.take('a', 1).allowed).toBe(true);
    expect(limiter.take('c', 1).allowed).toBe(false);
  });

  it('answers 429 rate_limited with Retry-After and the JSON error body', async () => {
    const limiter = new RateLimiter({ name: 'order-status', limit: 1, windowMs: 60_000 });
    const app = new Hono().onError(handleError).get(
      '/o',
      rateLimited(
        limiter,
        (c) => callerAddress(c, true),
        () => 5_000,
      ),
      (c) => c.text('ok'),
    );
    const ask = () =>
      app.request('/o', { headers: { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' } });
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    const body = (await refused.json()) as { error: { code: string; params: unknown } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.params).toEqual({ limit: 'order-status', retryAfterS: 60 });
    // Another address behind the same proxy is its own caller.
    const other = await app.request('/o', { headers: { 'x-forwarded-for': '203.0.113.8' } });
    expect(other.status).toBe(200);
  });
});
