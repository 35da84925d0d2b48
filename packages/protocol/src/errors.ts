import { z } from 'zod';
import { errorParamsSchema } from './error-codes';

/** One problem with one field of a request: `path` is the dotted field name, e.g. `events.3.seq`. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/**
 * Every 4xx/5xx answer of the API has this body. `code` is stable and machine-readable;
 * `message` is for people. Extra members depend on the code (e.g. `expectedSeq` for `seq_gap`).
 */
export const errorBodySchema = z.object({
  error: z.object({
    /** One of `errorCodeSchema` (a string here: a newer server may add codes). */
    code: z.string(),
    /** English, for logs and integrators; devices word the error from `code` and `params`. */
    message: z.string(),
    /** Absent from servers before protocol 4. */
    params: errorParamsSchema.optional(),
    fields: z.array(fieldErrorSchema).optional(),
    expectedSeq: z.int().optional(),
    /** The request's id (its `X-Request-Id`), to find it in the server's logs. */
    requestId: z.string().optional(),
  }),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
