import type { ErrorBody } from '@wms/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { ApiError, paramsOf } from './api-error';
import { databaseUnavailableReason } from './database-unavailable';

/** Turns every failure into a JSON error body; unexpected ones are logged and answered 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const body: ErrorBody = {
      error: {
        code: err.code,
        message: err.message,
        params: paramsOf(err),
        ...(err.extra.fields && { fields: err.extra.fields }),
        ...(err.extra.expectedSeq !== undefined && { expectedSeq: err.extra.expectedSeq }),
        requestId: c.get('requestId'),
      },
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
          params: { field: fields[0]?.path ?? '(input)' },
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
      {
        error: {
          code,
          message: err.message || 'Request refused',
          params: { status: err.status },
          requestId: c.get('requestId'),
        },
      },
      err.status,
    );
  }
  const log = c.get('log') as Context['var']['log'] | undefined;
  const databaseDown = databaseUnavailableReason(err);
  if (databaseDown) {
    log?.warn({ reason: databaseDown, path: c.req.path, err: err.message }, 'database unavailable');
    c.header('Retry-After', '1');
    return c.json(
      {
        error: {
          code: 'database_unavailable',
          message: `The database cannot take this now (${databaseDown}): resend in a moment`,
          params: { reason: databaseDown },
          requestId: c.get('requestId'),
        },
      },
      503,
    );
  }
  if (log) log.error({ err, path: c.req.path }, 'unexpected error');
  else console.error(err);
  return c.json(
    {
      error: {
        code: 'internal',
        message: 'Something went wrong on the server',
        params: {},
        requestId: c.get('requestId'),
      },
    },
    500,
  );
}
