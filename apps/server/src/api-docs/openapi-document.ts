import { errorBodySchema, webhookMessageSchema } from '@wms/protocol';
import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations';

type JsonObject = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

/**
 * The OpenAPI 3.1 document of the hub's API, generated from the zod schemas the routes validate
 * with (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
export function openApiDocument(): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wave picking — orders and inventory hub',
      version: '2',
      description:
        'Order intake, holds, routing, inventory, waves and webhooks. Authenticate with `Authorization: Bearer <login token>` or an integration key `Bearer wk_…`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: jsonSchema(errorBodySchema, 'output'),
        WebhookMessage: jsonSchema(webhookMessageSchema, 'output'),
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

function operationObject(op: Operation): JsonObject {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const error = {
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  return {
    summary: op.summary,
    description: op.public ? 'Public: the signed link is the key' : `Roles: ${op.roles.join(', ')}`,
    ...(op.public ? { security: [] } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(op.form
      ? {
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': { schema: jsonSchema(op.form, 'input') },
            },
          },
        }
      : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
          },
        }
      : op.csv
        ? {
            requestBody: {
              required: true,
              content: {
                'text/csv': { schema: { type: 'string', format: 'binary' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            },
          }
        : {}),
    responses: {
      '200': {
        description: 'OK',
        ...(op.response
          ? { content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } }
          : {}),
        ...(op.html ? { content: { 'text/html': { schema: { type: 'string' } } } } : {}),
      },
      '400': {
        description: 'Invalid input: every field at fault is named in `error.fields`',
        ...error,
      },
      '401': { description: 'No valid token or API key', ...error },
      '403': { description: 'Your role may not do this', ...error },
    },
  };
}
