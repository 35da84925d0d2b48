import type { FieldError } from '@wms/protocol';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ApiErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unauthenticated'
  | 'bad_credentials'
  | 'device_unknown'
  | 'device_superseded'
  | 'device_revoked'
  | 'enrolment_code_invalid'
  | 'enrolment_required'
  | 'wrong_warehouse'
  | 'pin_locked'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'seq_gap'
  | 'event_conflict'
  | 'payload_too_large'
  | 'not_available';

/** An expected failure that a client meets: it becomes a 4xx with `errorBodySchema`'s body. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { fields?: FieldError[]; expectedSeq?: number } = {},
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
export const forbidden = (message: string, fields?: FieldError[]) =>
  new ApiError(403, 'forbidden', message, fields ? { fields } : {});
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
/** The thing exists already (a bin code, a badge...): `fields` names what clashes. */
export const conflict = (message: string, fields?: FieldError[]) =>
  new ApiError(409, 'conflict', message, fields ? { fields } : {});
