/**
 * The wire version. Bump it when a message changes shape; never give an old field a new
 * meaning (mark it `@deprecated` and add a new one).
 *
 * History:
 * - 1: device registration, badge login, push (pick@1), pull by xid watermark, SSE pokes.
 * - 2: additive (hub): pick line status `cancelled` (held order pulled from a wave), role `integration`.
 *      (handheld): events short@1 and bin-label-failed@1; pick@1 may carry lot, expiry and toteCode; pick lines carry
 *      checkDigits and lotTracked; GET /api/tasks (reprint-label and cycle-count tasks).
 * - 3: additive (console): removed waves carry keptPicks; assign takes a mode (wave, remaining,
 *      split); GET /api/console/board, GET /api/waves/:waveId/move-preview;
 *      event put-back@1 (units returned to their bins after an order or wave was pulled).
 * - 4: additive (inventory, issue 16): pick lines carry the lot and expiry to pick (FEFO);
 *      order status `backordered`.
 */
export const PROTOCOL_VERSION = 4;
