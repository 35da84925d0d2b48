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
 * - 4: every request sends X-Protocol-Version; a version the server cannot read is a 426
 *      `app_update_required` (the device keeps its outbox); error bodies carry `params`.
 *      Additive (history): a removed wave's reason may be `finished` (done a shift ago: it left
 *      the device's scope, which is today's work). The poke stream opens with a stream ticket
 *      (POST /api/sync/stream-ticket), no longer with the session token in its URL.
 *      Additive (inventory): pick lines carry the lot and expiry to pick (FEFO); order status
 *      `backordered`.
 *      Additive (issue 21, hub only): order status `awaiting-return`; webhook events
 *      `order.address-confirmation-requested` and `order.address-changed`; the address change
 *      takes the four fields or one line and `source`, and answers the confirmation link.
 * - 5: additive (inbound): events inbound-received@1, qc-decided@1, put-away@1, inbound-closed@1;
 *      push outcome `over-receipt`; GET /api/inbound/work.
 *      Additive in 5 too (pack bench, issue 22): events parcel-packed@1 and pack-weight-mismatch@1;
 *      GET /api/packing/orders/:orderId (what to pack).
 *      Additive in 5 too (inbound console, issue 23): inbound notices and tasks carry their
 *      assignee; a pull may say `inboundChanged` (inbound work given to or taken from this picker);
 *      POST /api/inbound/tasks/:taskId/assign and /api/inbound/notices/:noticeId/assign.
 *      Additive in 5 too (handheld, issue 18): GET /api/sync/unlock-verifiers.
 * - 6: additive (issue 16, moves on the handheld): event stock-moved@1, push outcome
 *      `move-refused`; GET /api/moves/work (bins, SKUs and free stock to move offline).
 *      Additive in 6 too (inbound on the handheld, issue 23): event return-graded@1 (a returned unit graded
 *      resellable, damaged or wrong item); the inbound work carries `skus` (blind receipts look
 *      barcodes up offline) and lines carry `wrongItemQty`; bins carry `volumeCm3` and
 *      per-SKU `capacities` (admin master data). Hub only: order status `returned` (a return
 *      whose every line came in and was graded).
 */
export const PROTOCOL_VERSION = 6;

/**
 * The oldest version this server still reads (raise it only when a change is not additive: the
 * devices below it then get 426 and update before they send again).
 */
export const OLDEST_READABLE_PROTOCOL_VERSION = 1;

/** The request header a device names its protocol version in. */
export const PROTOCOL_VERSION_HEADER = 'X-Protocol-Version';

/** What a device that sends no header speaks: the last version before the header (3). */
export const PRE_HEADER_PROTOCOL_VERSION = 3;
