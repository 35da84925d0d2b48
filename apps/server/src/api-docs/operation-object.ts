import type { z } from 'zod';
import { ROUTE_ACCESS } from '../auth/route-access';
import { jsonSchemaOf, type JsonObject } from './json-schema';
import type { Operation } from './documented';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = { type: 'string', format: 'binary' };
const text = { type: 'string' };

/** What a download answers, by the extension its path ends in. */
const DOWNLOADS: Record<string, JsonObject> = {
  '.csv': { 'text/csv': { schema: text } },
  '.xlsx': { [XLSX]: { schema: binary } },
  '.pdf': { 'application/pdf': { schema: binary } },
  '.zpl': { 'application/vnd.zebra-zpl': { schema: text } },
};

const errorRef = (description: string) => ({ $ref: `#/components/responses/${description}` });

/**
 * A refusal of a page a person opens (a customer's link): the error as JSON for API callers, a
 * page in the browser's language for a browser (it asks for `text/html`).
 */
const pageOrJson = (name: string) => ({
  description: `${name}: JSON for API callers, an HTML page for a browser`,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    'text/html': { schema: text },
  },
});

/** The route as `ROUTE_ACCESS` keys it: `GET /api/orders/:orderId`. */
export const routeKeyOf = (op: Pick<Operation, 'method' | 'path'>) =>
  `${op.method.toUpperCase()} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`;

/**
 * A stable operationId from the method and path: `GET /api/orders/{orderId}/trace` is
 * `getOrdersByOrderIdTrace` (renaming a path renames its operation, as it should).
 */
export function operationIdOf(op: Pick<Operation, 'method' | 'path'>): string {
  const words = op.path
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter((w) => w !== '')
    .map((w) => (w.startsWith('{') ? `By${capitalised(w.slice(1, -1))}` : capitalised(w)));
  return op.method + words.join('');
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The OpenAPI operation object of one documented operation. */
export function operationObject(op: Operation): JsonObject {
  const access = ROUTE_ACCESS[routeKeyOf(op)];
  const isPublic = access === 'public';
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryFields = Object.entries(op.query?.shape ?? {}) as [string, z.ZodType][];
  const queryParams = queryFields.map(([name, schema]) => {
    const { description, ...rest } = jsonSchemaOf(schema, 'input');
    return {
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      ...(description !== undefined && { description }),
      schema: rest,
    };
  });
  return {
    operationId: operationIdOf(op),
    summary: op.summary,
    description: isPublic
      ? 'Public: no token (a signed link in the path is the key where there is one)'
      : `Callers: ${access ? access.callers.join(', ') : 'nobody (not in ROUTE_ACCESS)'}${access?.hubWide ? ' (hub admins only: the whole hub’s)' : ''}`,
    security: isPublic ? [] : [{ bearer: [] }],
    ...(params.length + queryParams.length > 0 ? { parameters: [...params, ...queryParams] } : {}),
    ...requestBodyOf(op),
    responses: {
      ...successesOf(op),
      '400': errorRef('BadRequest'),
      ...(!isPublic || op.refusals?.includes(401) ? { '401': errorRef('Unauthenticated') } : {}),
      ...(!isPublic || op.refusals?.includes(403) ? { '403': errorRef('Forbidden') } : {}),
      ...(params.length > 0 || op.refusals?.includes(404)
        ? { '404': op.html ? pageOrJson('NotFound') : errorRef('NotFound') }
        : {}),
      ...(op.refusals?.includes(409) ? { '409': errorRef('Conflict') } : {}),
      ...(op.method !== 'get' ? { '413': errorRef('PayloadTooLarge') } : {}),
      '426': errorRef('AppUpdateRequired'),
      ...(op.refusals?.includes(429) ? { '429': errorRef('RateLimited') } : {}),
      '503': errorRef('DatabaseUnavailable'),
    },
  };
}

function requestBodyOf(op: Operation): JsonObject {
  const content = op.form
    ? { 'application/x-www-form-urlencoded': { schema: jsonSchemaOf(op.form, 'input') } }
    : op.body
      ? { 'application/json': { schema: jsonSchemaOf(op.body, 'input') } }
      : op.csv
        ? { 'text/csv': { schema: text }, [XLSX]: { schema: binary } }
        : null;
  return content ? { requestBody: { required: true, content } } : {};
}

function successesOf(op: Operation): Record<string, JsonObject> {
  const answers: Record<string, JsonObject> = {
    [String(op.status ?? 200)]:
      op.status === 204
        ? { description: 'Done; no content' }
        : { description: op.status === 201 ? 'Created' : 'OK', ...contentOf(op) },
  };
  for (const [status, schema] of Object.entries(op.otherAnswers ?? {})) {
    answers[status] = {
      description: status === '202' ? 'Accepted, not yet done' : 'OK',
      content: { 'application/json': { schema: jsonSchemaOf(schema, 'output') } },
    };
  }
  return answers;
}

function contentOf(op: Operation): JsonObject {
  if (op.response)
    return { content: { 'application/json': { schema: jsonSchemaOf(op.response, 'output') } } };
  if (op.html) return { content: { 'text/html': { schema: text } } };
  if (op.stream) return { content: { 'text/event-stream': { schema: text } } };
  if (op.plainText) return { content: { 'text/plain': { schema: text } } };
  if (op.download)
    return {
      content: { [op.download]: { schema: op.download.startsWith('text/') ? text : binary } },
    };
  const extension = /\.\w+$/.exec(op.path)?.[0];
  if (op.method === 'get' && extension && DOWNLOADS[extension])
    return { content: DOWNLOADS[extension] };
  return { content: { 'application/json': { schema: { type: 'object' } } } };
}
