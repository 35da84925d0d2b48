import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './api-error';

const KIB = 1024;
const MIB = 1024 * KIB;

/** The routes that carry more than a few fields, with their limit and what to do when over. */
const LARGE_BODIES: readonly { path: RegExp; maxSize: number; advice: string }[] = [
  { path: /^\/api\/sync\/push$/, maxSize: MIB, advice: 'send fewer events per push' },
  { path: /^\/api\/orders(\/|$)/, maxSize: 4 * MIB, advice: 'split the batch' },
  { path: /^\/api\/routing\/rules(\.csv)?$/, maxSize: MIB, advice: 'split the rule table' },
];
const DEFAULT_LIMIT = 16 * KIB;

/** Every API route has a body limit: a few fields by default, more where a batch is expected. */
export function bodyLimits() {
  const limiters = [
    ...LARGE_BODIES,
    { path: /^/, maxSize: DEFAULT_LIMIT, advice: 'send less' },
  ].map(({ path, maxSize, advice }) => ({
    path,
    limit: bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(
          413,
          'payload_too_large',
          `This request may carry at most ${maxSize / KIB} KiB: ${advice}`,
        );
      },
    }),
  }));
  return createMiddleware(async (c, next) => {
    const limiter = limiters.find((l) => l.path.test(c.req.path));
    return limiter ? limiter.limit(c, next) : next();
  });
}
