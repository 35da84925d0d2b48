import type { ErrorCode, ErrorParams, FieldError } from '@wms/protocol';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ApiErrorCode = Exclude<ErrorCode, 'http_error' | 'internal'>;

/** An expected failure that a client meets: it becomes a 4xx with `errorBodySchema`'s body. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { fields?: FieldError[]; expectedSeq?: number; params?: ErrorParams } = {},
  ) {
    super(status, { message });
  }
}

export const badRequest = (message: string, fields?: FieldError[]) =>
  new ApiError(400, 'invalid_request', message, fields ? { fields } : {});
/** Why a caller is not let in; each code tells the device what to do next. */
export type UnauthenticatedCode = Extract<
  ApiErrorCode,
  | 'unauthenticated'
  | 'bad_credentials'
  | 'device_unknown'
  | 'device_superseded'
  | 'device_revoked'
  | 'enrolment_code_invalid'
  | 'enrolment_required'
>;
export const unauthenticated = (message: string, code: UnauthenticatedCode = 'unauthenticated') =>
  new ApiError(401, code, message);
export const forbidden = (message: string, fields?: FieldError[], params?: ErrorParams) =>
  new ApiError(403, 'forbidden', message, { ...(fields && { fields }), ...(params && { params }) });
/** Not there, or not the caller's: `params` names what was looked for (`{ orderId }`). */
export const notFound = (message: string, params?: ErrorParams) =>
  new ApiError(404, 'not_found', message, params ? { params } : {});

/**
 * The `params` of an error body: those given, else what the extras say (the first field at
 * fault, the seq expected), so that every error can be worded from code + params.
 */
export function paramsOf(error: ApiError): ErrorParams {
  const { params, fields, expectedSeq } = error.extra;
  if (params) return params;
  return {
    ...(fields?.[0] && { field: fields[0].path }),
    ...(expectedSeq !== undefined && { expectedSeq }),
  };
}
/** The thing exists already (a bin code, a badge...): `fields` names what clashes. */
export const conflict = (message: string, fields?: FieldError[]) =>
  new ApiError(409, 'conflict', message, fields ? { fields } : {});

/** The work is finished (a closed notice, a done task): nothing is left to give anyone. */
export const alreadyDone = (message: string, field: string) =>
  new ApiError(409, 'already_done', message, { fields: [{ path: field, message: 'done' }] });
