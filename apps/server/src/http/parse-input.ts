import { type FieldError, idSchema } from '@wms/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, badRequest } from './api-error';

/** Reads and validates a JSON body; a bad one becomes a 400 naming every field at fault. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
  }
  return parseWith(schema, body);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  const summary = fields
    .slice(0, 3)
    .map((f) => `${f.path}: ${f.message}`)
    .join('; ');
  throw badRequest(summary, fields);
}

/** A path parameter, validated (an id by default); a bad one is a 400 naming the parameter. */
export function pathParam<S extends z.ZodType = typeof idSchema>(
  c: Context,
  name: string,
  schema?: S,
): z.infer<S> {
  return parseWith(z.object({ [name]: schema ?? idSchema }), { [name]: c.req.param(name) })[
    name
  ] as z.infer<S>;
}
