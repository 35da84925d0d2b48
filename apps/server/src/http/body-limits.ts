import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './api-error';

const KIB = 1024;
const MIB = 1024 * KIB;

/** The routes that carry more than a few fields, with their limit and what to do when over. */
const LARGE_BODIES: readonly { path: RegExp; maxSize: number; advice: string }[] = [
  // A spreadsheet import: the file as it is saved (TABLE_LIMITS in spreadsheets/table.ts).
  {
    path: /^\/api\/(admin\/(bins|skus|users)|routing\/rules|orders\/import|inventory\/opening-balances|inbound\/notices)\.(csv|xlsx)$/,
    maxSize: 20 * MIB,
    advice: 'split the file',
  },
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
  ].map(({ path, maxSize, advice }) => {
    const tooLarge = () => {
      throw new ApiError(
        413,
        'payload_too_large',
        `This request may carry at most ${maxSize / KIB} KiB: ${advice}`,
        { params: { maxKiB: maxSize / KIB } },
      );
    };
    return { path, maxSize, tooLarge, limit: bodyLimit({ maxSize, onError: tooLarge }) };
  });
  return createMiddleware(async (c, next) => {
    // A GET or HEAD carries no body here (the Node adapter gives it none). Asking for it, as
    // hono's bodyLimit does first, builds a whole WHATWG Request per pull.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limiter = limiters.find((l) => l.path.test(c.req.path));
    if (!limiter) return next();
    // A declared length is checked from the header, as bodyLimit does, leaving the body to be
    // read straight from the socket by the route; a chunked body is counted as it streams.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > limiter.maxSize ? limiter.tooLarge() : next();
    }
    return limiter.limit(c, next);
  });
}
