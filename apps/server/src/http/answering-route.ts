import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The route that answers a request (`{ method: 'POST', path: '/api/orders/:orderId/cancel' }`),
 * known before any handler runs; undefined when only middleware and catch-alls match.
 */
export function answeringRoute(c: Context): { method: string; path: string } | undefined {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  return matchedRoutes(c).find((r) => r.method === method);
}
