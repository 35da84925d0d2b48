import type { MiddlewareHandler } from 'hono';
import { COMPOSED_HANDLER } from 'hono/utils/constants';
import type { z } from 'zod';

/** What a route declares about itself for the API document; who may call it is `ROUTE_ACCESS`'s. */
export interface RouteSpec {
  summary: string;
  body?: z.ZodType;
  /** Query parameters, one per field (optional fields are optional parameters). */
  query?: z.ZodObject;
  /** The body is text/csv, not JSON. */
  csv?: boolean;
  /** The JSON answer on success. */
  response?: z.ZodType;
  /** The success status when it is not 200 (`response` is its body; 204 has none). */
  status?: 201 | 204;
  /** Further success answers and their JSON bodies (e.g. an order parked for review is 202). */
  otherAnswers?: Partial<Record<200 | 202, z.ZodType>>;
  /** The body is an HTML form (`application/x-www-form-urlencoded`) of this schema. */
  form?: z.ZodType;
  /** The answer is an HTML page, not JSON. */
  html?: true;
  /** The answer is a stream of server-sent events. */
  stream?: true;
  /** The answer is plain text (what a platform expects back from a push, e.g. `success`). */
  plainText?: true;
  /** The answer is a download of this media type (binary unless it is text/…). */
  download?: string;
  /**
   * Refusals this operation gives beyond those of every route (400, 413, 426, 503, and 401 and
   * 403 where a token is needed); 404 is implied by a path parameter.
   */
  refusals?: readonly (401 | 403 | 404 | 409 | 429)[];
}

/** One documented operation: a route's spec with the method and OpenAPI path it is mounted at. */
export interface Operation extends RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path (`/api/orders/{orderId}`). */
  path: string;
}

const SPEC = Symbol('route spec');

type Documented = MiddlewareHandler & { [SPEC]: RouteSpec };

/**
 * A pass-through middleware that carries its route's spec, placed first in the route's handlers:
 * `.post('/', documented({ summary, body, response }), requireCaller(…), handler)`. The document
 * is generated from the assembled app's route table (`operationsOf`).
 */
export function documented(spec: RouteSpec): MiddlewareHandler {
  const handler: MiddlewareHandler = (_c, next) => next();
  return Object.assign(handler, { [SPEC]: spec }) satisfies Documented;
}

/**
 * The spec a handler carries, looking through the wrapper Hono puts around a sub-app's handler
 * when the sub-app has an error handler of its own (`COMPOSED_HANDLER` names the original).
 */
export function specOf(handler: unknown): RouteSpec | undefined {
  if (typeof handler !== 'function') return undefined;
  const carried = handler as Partial<Documented> & { [COMPOSED_HANDLER]?: unknown };
  return carried[SPEC] ?? specOf(carried[COMPOSED_HANDLER]);
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Every documented operation of an assembled app, from its route table (Hono lists each handler
 * with its full method and path): the entries that carry a spec, `:param` written `{param}`.
 */
export function operationsOf(app: {
  routes: readonly { method: string; path: string; handler: unknown }[];
}): Operation[] {
  const operations = new Map<string, Operation>();
  for (const route of app.routes) {
    const method = route.method.toLowerCase();
    const spec = specOf(route.handler);
    if (!spec || !METHODS.has(method)) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    operations.set(`${method} ${path}`, { method: method as Operation['method'], path, ...spec });
  }
  return [...operations.values()];
}
