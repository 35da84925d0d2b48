import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './api-error';

/** At most `limit` requests per `windowMs` for one key (a caller's address, a link). */
export interface RateLimitRule {
  /** Names the limit in errors and logs: `login`, `order-status-page`. */
  name: string;
  limit: number;
  windowMs: number;
}

interface Window {
  startedAt: number;
  previousCount: number;
  count: number;
}

/**
 * A sliding-window counter per key, kept in this process's memory: each server of several
 * counts its own callers (a limit of N per server is at most N × servers in all, which is what
 * these limits are sized for: stopping guessing and scraping, not metering). The table is
 * bounded: past `maxKeys`, the oldest windows are forgotten.
 *
 * @example
 * const limiter = new RateLimiter({ name: 'order-status', limit: 60, windowMs: 60_000 });
 * limiter.take('203.0.113.7', Date.now()); // { allowed: true, retryAfterMs: 0 }
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly rule: RateLimitRule,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts one request for `key`; refused requests do not count. */
  take(key: string, now: number): { allowed: boolean; retryAfterMs: number } {
    const { limit, windowMs } = this.rule;
    const window = this.current(key, now);
    // The previous window's count weighs by how much of it the sliding window still covers.
    const elapsed = (now - window.startedAt) / windowMs;
    const estimate = window.previousCount * (1 - elapsed) + window.count;
    if (estimate + 1 > limit) {
      const retryAfterMs = Math.max(1_000, Math.ceil(window.startedAt + windowMs - now));
      return { allowed: false, retryAfterMs };
    }
    window.count += 1;
    return { allowed: true, retryAfterMs: 0 };
  }

  private current(key: string, now: number): Window {
    const { windowMs } = this.rule;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= 2 * windowMs) {
      window = { startedAt: now, previousCount: 0, count: 0 };
    } else if (now - window.startedAt >= windowMs) {
      window = { startedAt: window.startedAt + windowMs, previousCount: window.count, count: 0 };
    }
    this.windows.delete(key); // re-inserted last: the Map's order is oldest use first
    this.windows.set(key, window);
    if (this.windows.size > this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    return window;
  }
}

/**
 * The caller's address: the socket's peer, or with `trustProxy` (the server sits behind our
 * documented Caddy/nginx, TRUST_PROXY=true) the last address of `X-Forwarded-For`, which is the
 * one our own proxy appended. Unknown (an in-process request): `unknown`.
 */
export function callerAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const relayed = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (relayed) return relayed;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Refuses a request over the limit with 429 `rate_limited` (`params: { limit, retryAfterS }`)
 * and a `Retry-After` header, before the route runs.
 *
 * @example
 * app.get('/o/:token', rateLimited(limiter, (c) => callerAddress(c, trustProxy)), handler);
 */
export function rateLimited(
  limiter: RateLimiter,
  keyOf: (c: Context) => string,
  now: () => number = Date.now,
): MiddlewareHandler {
  return async (c, next) => {
    const { allowed, retryAfterMs } = limiter.take(keyOf(c), now());
    if (!allowed) {
      const retryAfterS = Math.ceil(retryAfterMs / 1000);
      c.header('retry-after', String(retryAfterS));
      throw new ApiError(
        429,
        'rate_limited',
        `Too many requests (${limiter.rule.name}): retry later`,
        {
          params: { limit: limiter.rule.name, retryAfterS },
        },
      );
    }
    await next();
  };
}
