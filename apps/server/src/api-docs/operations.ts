import * as p from '@wms/protocol';
import { z } from 'zod';
import * as r from './response-schemas';
import { archiveRequestSchema } from '../ops/admin-routes';
import { ADMIN_OPERATIONS } from './admin-operations';
import { HUB_OPERATIONS } from './hub-operations';
import { INBOUND_OPERATIONS } from './inbound-operations';
import { CONNECTOR_OPERATIONS } from './connector-operations';

/** One documented operation of the hub's API; who may call it is `ROUTE_ACCESS`'s. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType;
  /** Query parameters, one per field (optional fields are optional parameters). */
  query?: z.ZodObject;
  /** The body is text/csv, not JSON. */
  csv?: boolean;
  /** The JSON answer on success. */
  response?: z.ZodType;
  /** The success status when it is not 200 (`response` is its body; 204 has none). */
  status?: 201 | 204;
  /** Further success answers and their JSON bodies (e.g. an order parked for review is 202). */
  otherAnswers?: Partial<Record<200 | 202, z.ZodType>>;
  /** The body is an HTML form (`application/x-www-form-urlencoded`) of this schema. */
  form?: z.ZodType;
  /** The answer is an HTML page, not JSON. */
  html?: true;
  /** The answer is a stream of server-sent events. */
  stream?: true;
  /** The answer is plain text (what a platform expects back from a push, e.g. `success`). */
  plainText?: true;
  /**
   * Refusals this operation gives beyond those of every route (400, 413, 426, 503, and 401 and
   * 403 where a token is needed); 404 is implied by a path parameter.
   */
  refusals?: readonly (401 | 403 | 404 | 409 | 429)[];
}

/** The hub's operations, documented from the same zod schemas the routes validate with. */
export const OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/orders',
    status: 201,
    otherAnswers: { 200: p.orderAcceptedSchema, 202: p.skuReviewSchema },
    summary: 'Take in one channel order (idempotent on channel + channelOrderId)',
    body: p.orderInputSchema,
    response: p.orderAcceptedSchema,
  },
  {
    method: 'post',
    path: '/api/orders/batch',
    summary: 'Take in up to 500 orders; answered order by order',
    body: p.orderBatchSchema,
    response: p.batchResultSchema,
  },
  {
    method: 'post',
    path: '/api/orders/import.csv',
    summary:
      'Import orders from a CSV (UTF-8, GBK, UTF-16) or .xlsx, one row per line, all or nothing (400 names rows.N.column)',
    csv: true,
  },
  {
    method: 'get',
    path: '/api/orders/by-channel/{channel}/{channelOrderId}',
    response: r.channelOrderLookupSchema,
    summary: 'Find our order id from a channel order id (merged duplicates point at their order)',
  },
  {
    method: 'get',
    path: '/api/orders/{orderId}/trace',
    response: r.orderTraceSchema,
    summary: "An order's whole life as one timeline (M5.2)",
  },
  {
    method: 'post',
    path: '/api/orders/{orderId}/ship',
    response: p.shippedOrderSchema,
    summary: 'Pack & ship: carrier and tracking number; the order becomes shipped',
    body: p.shipOrderSchema,
  },
  {
    method: 'post',
    path: '/api/orders/{orderId}/cancel',
    response: r.cancelledOrderSchema,
    summary: 'Cancel an unshipped order; its reservations are released',
    body: p.cancelOrderSchema,
  },
  {
    method: 'get',
    path: '/api/holds',
    response: r.holdQueueSchema,
    summary: 'The review queue: open holds with rule and evidence',
  },
  {
    method: 'post',
    path: '/api/holds/orders/{orderId}',
    response: r.manualHoldAnswerSchema,
    summary: 'Hold an order by hand (pulls it out of its wave)',
    body: p.manualHoldSchema,
  },
  {
    method: 'post',
    path: '/api/holds/orders/{orderId}/decision',
    response: r.holdDecisionAnswerSchema,
    summary: 'Release or cancel a held order',
    body: p.holdDecisionSchema,
  },
  {
    method: 'post',
    path: '/api/holds/orders/{orderId}/address-change',
    summary:
      "M4.7: an address change. Before dispatch a customer's change holds the order (once; a new request replaces the pending one) and answers the signed confirmation link, also sent as the webhook order.address-confirmation-requested; source 'platform' (a marketplace's channel key) applies at once; after dispatch it is an exception",
    body: p.addressChangeSchema,
    response: p.addressChangeAnswerSchema,
  },
  {
    method: 'get',
    path: '/api/address-confirmations/{token}',
    refusals: [429],
    summary:
      "The customer's address-confirmation page (HTML, zh-CN or en by ?lang= or Accept-Language): the order's masked current address, the new one, confirm or reject. Public, opened by the signed link, rate-limited per address and per link (429 rate_limited); an expired, replaced or answered link is 404",
    html: true,
  },
  {
    method: 'post',
    path: '/api/address-confirmations/{token}',
    refusals: [429],
    summary:
      "The customer's answer (form POST from the page): confirm changes the address (cleaned, re-routed, re-checked by the hold rules; webhook order.address-changed), reject keeps the old address; both release the change's hold",
    form: p.addressConfirmationDecisionSchema,
    html: true,
  },
  {
    method: 'get',
    path: '/api/holds/rules',
    response: r.holdRulesSchema,
    summary: 'The hold rules and their thresholds',
  },
  {
    method: 'put',
    path: '/api/holds/rules/{ruleId}',
    summary: 'Change a hold rule',
    body: p.holdRuleUpdateSchema,
    response: p.storedHoldRuleSchema,
  },
  {
    method: 'get',
    path: '/api/routing/rules',
    summary: 'The routing rule table',
    response: p.routingRulesSchema,
  },
  {
    method: 'put',
    path: '/api/routing/rules',
    summary: 'Replace the routing rule table',
    body: p.routingRulesSchema,
    response: p.routingRulesSchema,
  },
  {
    method: 'get',
    path: '/api/routing/rules.csv',
    summary: 'Export the routing rule table as CSV',
  },
  {
    method: 'get',
    path: '/api/routing/rules.xlsx',
    summary: 'Export the routing rule table as .xlsx',
  },
  {
    method: 'post',
    path: '/api/routing/rules.csv',
    summary: 'Import the routing rule table from CSV or .xlsx (all rows or none)',
    csv: true,
  },
  {
    method: 'get',
    path: '/api/routing/queue',
    response: r.routingQueueSchema,
    summary: 'Orders no rule matched, waiting for manual routing',
  },
  {
    method: 'post',
    path: '/api/routing/orders/{orderId}',
    response: r.manuallyRoutedSchema,
    summary: 'Route an order from the manual queue',
    body: p.manualRouteSchema,
  },
  {
    method: 'get',
    path: '/api/inventory/stock/{skuId}',
    response: r.skuStockSchema,
    summary: 'Stock of a SKU in your warehouse, with "only N left"',
  },
  {
    method: 'get',
    path: '/api/inventory/bins/{binCode}',
    response: r.binStockSchema,
    summary: 'What one bin of your warehouse holds, SKU by SKU (the bin stock pickers take from)',
  },
  {
    method: 'post',
    path: '/api/inventory/receipts',
    status: 201,
    refusals: [403],
    summary:
      'Expect an inbound delivery into your warehouse (`warehouseId` must be yours: else 403)',
    body: p.inboundReceiptSchema,
  },
  {
    method: 'post',
    path: '/api/inventory/receipts/{receiptId}/receive',
    summary:
      'Receive an inbound delivery (inbound → physical), put away in a bin where the warehouse has bins',
    body: p.receiveInboundSchema,
  },
  {
    method: 'get',
    path: '/api/inventory/reconciliation',
    summary:
      'Check that the pool follows the stock ledger: SKUs whose pool physical differs from available bin stock + units in hand, and stock slots that differ from their ledger (both empty unless something wrote around the ledger)',
    response: p.reconciliationSchema,
  },
  {
    method: 'post',
    path: '/api/inventory/opening-balances.csv',
    status: 201,
    csv: true,
    summary:
      'Load go-live stock (CSV: bin_code, sku_id, lot, expiry, qty, status): all rows or none, each bad row named',
  },
  {
    method: 'post',
    path: '/api/inventory/moves',
    status: 201,
    refusals: [409],
    summary: 'Move units of a lot between bins, or correct their lot, expiry or status',
    body: p.stockMoveSchema,
  },
  {
    method: 'get',
    path: '/api/moves/work',
    summary:
      'Moves on the handheld: your warehouse’s active bins (check digits), available stock per bin, SKU and lot with the units open waves do not plan, and the SKUs held. Moves are pushed as stock-moved@1 events (POST /api/sync/push)',
    response: p.moveWorkSchema,
  },
  {
    method: 'post',
    path: '/api/inventory/adjustments',
    status: 201,
    summary: 'Adjust a bin’s stock with a reason code (found, damaged, lost…)',
    body: p.stockAdjustmentSchema,
  },
  {
    method: 'get',
    path: '/api/inventory/history/{skuId}',
    summary: 'A SKU’s stock history in your warehouse: every ledger row, newest first',
  },
  {
    method: 'post',
    path: '/api/tasks/{taskId}/count',
    summary:
      'Record a cycle count: the bin moves by the difference through the ledger (the pool follows); the task closes',
    body: p.cycleCountSchema,
    response: p.cycleCountResultSchema,
  },
  {
    method: 'get',
    path: '/api/inventory/alerts',
    response: r.stockAlertsSchema,
    summary: 'Transfer, replenishment and peak alerts of your warehouse',
  },
  {
    method: 'post',
    path: '/api/waves/build',
    status: 201,
    summary: 'Build waves from released orders',
    body: p.waveBuildSchema,
  },
  {
    method: 'post',
    path: '/api/webhooks/subscriptions',
    status: 201,
    summary: 'Subscribe a URL to event types (the answer is the only one that shows the secret)',
    body: p.webhookSubscriptionInputSchema,
    response: p.webhookSubscriptionWithSecretSchema,
  },
  {
    method: 'get',
    path: '/api/webhooks/subscriptions',
    response: z.object({ subscriptions: z.array(p.webhookSubscriptionSchema) }),
    summary: 'The subscriptions, without their secrets',
  },
  {
    method: 'get',
    path: '/api/webhooks/subscriptions/{subscriptionId}',
    summary: 'One subscription, without its secret',
    response: p.webhookSubscriptionSchema,
  },
  {
    method: 'patch',
    path: '/api/webhooks/subscriptions/{subscriptionId}',
    summary: 'Pause or resume (active), or change the URL or event types',
    body: p.webhookSubscriptionPatchSchema,
    response: p.webhookSubscriptionSchema,
  },
  {
    method: 'delete',
    path: '/api/webhooks/subscriptions/{subscriptionId}',
    response: r.webhookDeletedSchema,
    summary: 'Delete: nothing more is sent, pending deliveries are abandoned, the log stays',
  },
  {
    method: 'post',
    path: '/api/webhooks/subscriptions/{subscriptionId}/rotate-secret',
    summary:
      'A new secret (shown once); the old one signs beside it for graceHours (default 24), so receivers switch without a gap',
    body: p.webhookRotateSecretSchema,
    response: p.webhookSubscriptionWithSecretSchema,
  },
  {
    method: 'get',
    path: '/api/webhooks/deliveries',
    response: r.webhookDeliveriesSchema,
    summary: 'The delivery log (?status=, ?messageId=)',
  },
  {
    method: 'get',
    path: '/api/webhooks/deliveries/{deliveryId}/attempts',
    response: r.webhookAttemptsSchema,
    summary: 'Every attempt of one delivery',
  },
  {
    method: 'post',
    path: '/api/webhooks/deliveries/{deliveryId}/replay',
    response: z.object({ replayed: z.int().min(0) }),
    summary: 'Send a delivery again: attempts start from zero with a new 24-hour retry window',
  },
  {
    method: 'post',
    path: '/api/integration-keys',
    response: r.issuedApiKeySchema,
    status: 201,
    summary: 'Issue an integration API key (shown once)',
    body: p.apiKeyRequestSchema,
  },
  {
    method: 'put',
    path: '/api/hub-settings',
    response: p.hubSettingsSchema,
    summary: 'Change the dedup window and safety level',
    body: p.hubSettingsSchema,
  },
  {
    method: 'get',
    path: '/api/console/board',
    summary: "The supervisor's live board of their warehouse (M2.2)",
    response: p.boardSchema,
  },
  {
    method: 'get',
    path: '/api/waves/{waveId}/move-preview',
    summary:
      "What moving a wave would do (?mode=wave|remaining|split): the picker's backlog, last seen, lines moving",
    response: p.wavePreviewSchema,
  },
  {
    method: 'post',
    path: '/api/waves/{waveId}/assign',
    summary:
      "Give a wave, its remaining lines, or the lines past the picker's position to another picker (M2.1)",
    body: p.waveAssignSchema,
    response: p.waveAssignedSchema,
  },
  {
    method: 'get',
    path: '/api/exceptions/queue',
    summary:
      'The exceptions queue: exceptions with evidence, open tasks, held orders, dead webhook deliveries',
    response: p.exceptionQueueSchema,
  },
  {
    method: 'post',
    path: '/api/exceptions/{exceptionId}/resolve',
    response: r.exceptionResolvedSchema,
    summary: 'Resolve an exception (stamps answered and resolved times)',
    body: p.exceptionResolveSchema,
  },
  {
    method: 'post',
    path: '/api/exceptions/{exceptionId}/assign',
    response: r.assignedSchema,
    summary: 'Give an exception to a person of the warehouse',
    body: p.exceptionAssignSchema,
  },
  {
    method: 'post',
    path: '/api/exceptions/{exceptionId}/count-task',
    response: r.countTaskOpenedSchema,
    status: 201,
    summary: "Open a cycle-count task for the exception's bin",
  },
  {
    method: 'post',
    path: '/api/exceptions/webhook-deliveries/{deliveryId}/replay',
    summary:
      'Send a failed webhook of the queue again (the warehouse’s own subscriptions), a new 24-hour retry window',
  },
  {
    method: 'get',
    path: '/api/console/kpis',
    summary:
      'Order health index (day, live) with its ratios, per-picker rates, sync lag p95, red alerts (raised once each)',
    response: p.kpisSchema,
  },
  {
    method: 'get',
    path: '/api/admin/backup',
    refusals: [409],
    summary:
      'A consistent backup of the embedded database while it runs (gzipped tarball); 409 not_available on Postgres (use pg_dump)',
  },
  {
    method: 'post',
    path: '/api/admin/archive-scan-events',
    response: r.archiveAnswerSchema,
    refusals: [409],
    summary:
      'Move scan events older than olderThanDays (default SCAN_EVENT_RETENTION_DAYS) to the archive now',
    body: archiveRequestSchema,
  },
  // Pack and ship (issue 22).
  {
    method: 'get',
    path: '/api/packing/orders/{code}',
    summary:
      'The pack bench: an order (by id or tote) with lines, barcodes, SKU weights, lots picked, parcels so far, boxes and the weight tolerance. Packing itself is pushed as events parcel-packed@1 and pack-weight-mismatch@1 (POST /api/sync/push)',
    response: p.packOrderSchema,
  },
  {
    method: 'post',
    path: '/api/orders/{orderId}/parcels/{parcelNo}/waybill',
    refusals: [409],
    summary:
      'Get an e-waybill (电子面单) number for a packed parcel from the configured provider (KDNiao); the order ships when its last parcel has a number. 409 waybill_refused when the provider refuses, not_available when none is configured',
    body: p.parcelWaybillRequestSchema,
  },
  {
    method: 'delete',
    path: '/api/orders/{orderId}/parcels/{parcelNo}/waybill',
    refusals: [409],
    summary:
      'Cancel an unused e-waybill (the order has not shipped); the parcel has no number again',
  },
  {
    method: 'get',
    path: '/api/orders/{orderId}/parcels/{parcelNo}/waybill.pdf',
    summary: 'The parcel’s waybill as PDF (100 × 150 mm, Chinese in Noto Sans SC, 本人签收 mark)',
  },
  {
    method: 'get',
    path: '/api/orders/{orderId}/parcels/{parcelNo}/waybill.zpl',
    summary: 'The parcel’s waybill as ZPL II (203 dpi, resident CJK font)',
  },
  {
    method: 'post',
    path: '/api/parcels/tracking-events',
    summary:
      'Carrier tracking events per parcel (in-transit, delivered, failed) from a warehouse integration key; stored once per carrier event id',
    body: p.trackingEventsSchema,
    response: p.trackingEventsResultSchema,
  },
  {
    method: 'get',
    path: '/api/order-status/{token}',
    refusals: [429],
    summary:
      'The customer’s order status through the signed link of order.shipped (statusUrl); public, rate-limited per address (429 rate_limited), each query counted for the health index',
    response: p.orderStatusPageSchema,
  },
  ...HUB_OPERATIONS,
  ...ADMIN_OPERATIONS,
  ...INBOUND_OPERATIONS,
  ...CONNECTOR_OPERATIONS,
];
