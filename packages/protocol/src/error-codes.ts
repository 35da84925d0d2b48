import { z } from 'zod';

/**
 * Every `error.code` the API answers with: stable, never renamed or reused. What each means and
 * which `params` it carries: `docs/errors.md`. Devices word them from code + params in the
 * user's language; `message` is English for logs and integrators.
 */
export const errorCodeSchema = z.enum([
  'invalid_request',
  'invalid_json',
  'unauthenticated',
  'bad_credentials',
  'device_unknown',
  'device_superseded',
  'device_revoked',
  'enrolment_code_invalid',
  'enrolment_required',
  'wrong_warehouse',
  'pin_locked',
  'forbidden',
  'not_found',
  'conflict',
  'seq_gap',
  'event_conflict',
  'payload_too_large',
  'not_available',
  'app_update_required',
  'rate_limited',
  // Issue 22: the e-waybill provider refused or was not reached.
  'waybill_refused',
  'http_error',
  'internal',
  // failover (issue 28)
  'database_unavailable',
  // Issue 23's console: inbound work that is finished cannot be given to anyone.
  'already_done',
  // Hub admins (issue 15): granting needs an active admin; the hub keeps at least one.
  'not_an_admin',
  'last_hub_admin',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The facts a device needs to word an error itself (`{ orderId: 'SO-1' }`, `{ expectedSeq: 7 }`). */
export const errorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ErrorParams = z.infer<typeof errorParamsSchema>;
