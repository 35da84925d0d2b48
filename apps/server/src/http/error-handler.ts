import type { ErrorBody } from '@wms/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { ApiError } from './api-error';

/** Turns every failure into a JSON error body; unexpected ones are logged and answered 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const body: ErrorBody = {
      error: { code: err.code, message: err.message, ...err.extra, requestId: c.get('requestId') },
    };
    return c.json(body, err.status);
  }
  if (err instanceof ZodError) {
    // A schema parsed outside parseWith: still the caller's input, still a 400 naming the field.
    const fields = err.issues.map((i) => ({
      path: i.path.join('.') || '(input)',
      message: i.message,
    }));
    return c.json(
      {
        error: {
          code: 'invalid_request',
          message: fields.map((f) => `${f.path}: ${f.message}`).join('; '),
          fields,
          requestId: c.get('requestId'),
        },
      },
      400,
    );
  }
  if (err instanceof HTTPException) {
    const code = err.status === 413 ? 'payload_too_large' : 'http_error';
    return c.json(
      { error: { code, message: err.message || 'Request refused', requestId: c.get('requestId') } },
      err.status,
    );
  }
  const log = c.get('log') as Context['var']['log'] | undefined;
  if (log) log.error({ err, path: c.req.path }, 'unexpected error');
  else console.error(err);
  return c.json(
    {
      error: {
        code: 'internal',
        message: 'Something went wrong on the server',
        requestId: c.get('requestId'),
      },
    },
    500,
  );
}
