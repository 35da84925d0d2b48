/**
 * The wire version. Bump it when a message changes shape; never give an old field a new
 * meaning (mark it `@deprecated` and add a new one).
 *
 * History:
 * - 1: device registration, badge login, push (pick@1), pull by xid watermark, SSE pokes.
 * - 2: additive: pick line status `cancelled` (held order pulled from a wave), role `integration`.
 */
export const PROTOCOL_VERSION = 2;
