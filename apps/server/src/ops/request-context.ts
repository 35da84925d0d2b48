import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { answeringRoute } from '../http/answering-route';
import type { Logger } from 'pino';
import type { Lifecycle } from './lifecycle';
import type { Metrics } from './metrics';

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's id: the caller's `X-Request-Id` if sane, else a fresh UUID. */
    requestId: string;
    /** The app's logger, bound to this request's id. */
    log: Logger;
  }
}

/** Letters, digits and `._:-`, up to 128: anything else a caller sends is replaced. */
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The outermost middleware: gives every request an id (echoed as `X-Request-Id`, put in error
 * bodies and every log line), counts it in flight for a graceful shutdown, and when answered
 * logs one JSON line and counts it by route pattern and status.
 */
export function requestContext(deps: {
  logger: Logger;
  metrics: Metrics;
  lifecycle: Lifecycle;
}): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const log = deps.logger.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.header('X-Request-Id', requestId);
    deps.lifecycle.requestStarted();
    try {
      await next();
    } finally {
      deps.lifecycle.requestEnded();
    }
    if (!c.res.headers.has('X-Request-Id')) {
      try {
        c.res.headers.set('X-Request-Id', requestId);
      } catch {
        // an immutable response (a static file's): it simply goes without
      }
    }
    // The answering route, also when middleware (the authorisation gate) refused the request.
    const route = answeringRoute(c)?.path ?? (routePath(c) || 'unmatched');
    const status = c.res.status;
    deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(status) });
    const ms = Math.round((performance.now() - started) * 10) / 10;
    log[status >= 500 ? 'error' : 'info'](
      { method: c.req.method, path: c.req.path, route, status, ms },
      'request',
    );
  };
}
