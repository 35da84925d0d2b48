import { errorBodySchema, webhookMessageSchema } from '@wms/protocol';
import { jsonSchemaOf, type JsonObject } from './json-schema';
import { operationObject } from './operation-object';
import { operationsOf } from './documented';
import { webhooksObject } from './webhooks-object';

const refusal = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The refusals, each a stable `error.code` with `params` (see the Error schema). */
const RESPONSES = {
  BadRequest: refusal('Invalid input: every field at fault is named in `error.fields`'),
  Unauthenticated: refusal('No valid token or API key'),
  Forbidden: refusal('Your role or scope may not do this'),
  NotFound: refusal('No such thing in your scope (another warehouse’s is not found either)'),
  Conflict: refusal('It clashes with what is there (a code in use, a closed notice, a seq gap…)'),
  PayloadTooLarge: refusal('The body is larger than this route takes (`params.maxKiB`)'),
  AppUpdateRequired: refusal(
    'The device’s protocol version is one this server cannot read: update the app (its unsent scans are kept)',
  ),
  RateLimited: refusal('Too many requests from this caller: retry after `params.retryAfterS`'),
  DatabaseUnavailable: refusal('The database is unreachable for now: retry'),
};

/**
 * The OpenAPI 3.1 document of the hub's API, generated from the zod schemas the routes validate
 * with (JSON Schema 2020-12, which OpenAPI 3.1 uses as is), walking the assembled app's route
 * table: each route declares its operation where it is defined (`documented({…})`, first in its
 * handlers). Every route carries one (`route-table.test.ts`), and the server tests check responses
 * against the document (`contract-check.ts`).
 */
export function openApiDocument(app: Parameters<typeof operationsOf>[0]): JsonObject & {
  paths: Record<string, Record<string, JsonObject>>;
  webhooks: Record<string, JsonObject>;
} {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of operationsOf(app)) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Wave picking — orders and inventory hub',
      version: '2',
      description:
        'Order intake, holds, routing, inventory, waves and webhooks. Authenticate with `Authorization: Bearer <login token>` or an integration key `Bearer wk_…`. Times are RFC 3339.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: jsonSchemaOf(errorBodySchema, 'output'),
        WebhookMessage: jsonSchemaOf(webhookMessageSchema, 'output'),
      },
      responses: RESPONSES,
    },
    security: [{ bearer: [] }],
    paths,
    webhooks: webhooksObject(),
  };
}
