import {
  adjustmentReasonSchema,
  channelSchema,
  fieldErrorSchema,
  inboundNoticeSchema,
  orderStatusSchema,
  routingRuleSchema,
  stockHistoryEntrySchema,
  stockStatusSchema,
  storedHoldRuleSchema,
} from '@wms/protocol';
import { z } from 'zod';

/**
 * The JSON answers of operations whose routes build them from SQL rows rather than from a
 * `@wms/protocol` schema: written here for the API document (and so for the contract check,
 * which validates every test answer against them, and the generated client's types). Objects
 * are open (`z.looseObject`): a field added to an answer is not a break; a field named here is.
 */

/** RFC 3339 in UTC, as `Date.toISOString()` writes it (the contract check also checks that). */
const time = z.string().describe('RFC 3339 time');
const id = z.string().min(1);

/** `GET /api/orders/by-channel/{channel}/{channelOrderId}`. */
export const channelOrderLookupSchema = z.looseObject({
  orderId: id,
  /** A duplicate merged into another order: `orderId` is the order it went into. */
  merged: z.boolean(),
});

const traceEntrySchema = z.looseObject({
  at: time,
  /** `received`, `routed`, `reserved`, `held`, `scan`, `webhook`, `shipped`… (`archived` once pruned). */
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** `GET /api/orders/{orderId}/trace`: the order, then its whole life as one timeline (M5.2). */
export const orderTraceSchema = z.looseObject({
  order: z.looseObject({
    id,
    /** null while the order waits in the manual routing queue. */
    warehouseId: id.nullable(),
    channel: z.string(),
    channelOrderId: z.string(),
    /** Absent once retention pruned the order (then `archived` says where it went). */
    status: orderStatusSchema.optional(),
    archived: z.looseObject({ file: z.string(), prunedAt: time }).optional(),
  }),
  timeline: z.array(traceEntrySchema),
  /** Returns and refunds after shipping (absent once pruned). */
  afterSales: z.unknown().optional(),
  /** Issue 27: each parcel's confirmation on the marketplace the order came from. */
  platformConfirmations: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** `POST /api/orders/{orderId}/cancel`. */
export const cancelledOrderSchema = z.looseObject({ orderId: id, status: z.literal('cancelled') });

/** `GET /api/holds`: the review queue. */
export const holdQueueSchema = z.looseObject({
  holds: z.array(
    z.looseObject({
      id: z.guid(),
      orderId: id,
      /** null for a hold made by hand. */
      ruleId: z.string().nullable(),
      kind: z.string(),
      evidence: z.unknown(),
      raisedAt: time,
      orderStatus: orderStatusSchema,
      channel: channelSchema,
      channelOrderId: z.string(),
      paidCents: z.int(),
    }),
  ),
});

/** `POST /api/holds/orders/{orderId}`: held now, or why not (an order past picking is not). */
export const manualHoldAnswerSchema = z.looseObject({
  orderId: id,
  status: orderStatusSchema,
  held: z.boolean(),
});

/** `POST /api/holds/orders/{orderId}/decision`: released (back to routed or unrouted) or cancelled. */
export const holdDecisionAnswerSchema = z.looseObject({
  orderId: id,
  status: z.enum(['received', 'unrouted', 'cancelled']),
});

/** `GET /api/holds/rules`. */
export const holdRulesSchema = z.looseObject({
  rules: z.array(storedHoldRuleSchema.extend({ updatedAt: time })),
});

/** `GET /api/routing/queue`: orders no rule matched. */
export const routingQueueSchema = z.looseObject({
  orders: z.array(
    z.looseObject({
      id,
      channel: channelSchema,
      channelOrderId: z.string(),
      province: z.string().nullable(),
      city: z.string().nullable(),
      district: z.string().nullable(),
      paidCents: z.int(),
      receivedAt: time,
    }),
  ),
});

/** `POST /api/routing/orders/{orderId}`. */
export const manuallyRoutedSchema = z.looseObject({
  orderId: id,
  status: z.literal('received'),
  warehouseId: id,
  carrier: z.string(),
});

/** `GET /api/inventory/stock/{skuId}`: the caller's warehouse's stock, with "only N left". */
export const skuStockSchema = z.looseObject({
  skuId: id,
  /** Units that can still be sold (never below 0). */
  available: z.int(),
  warehouses: z.array(
    z.looseObject({
      warehouseId: id,
      physical: z.int(),
      reserved: z.int(),
      inbound: z.int(),
      inboundCoefficientBp: z.int(),
      available: z.number(),
      averageDailySales: z.number(),
      belowSafetyLevel: z.boolean(),
      /** Set when below the safety level: what a storefront shows as "only N left". */
      onlyLeft: z.number().nullable(),
    }),
  ),
});

/** `GET /api/inventory/bins/{binCode}`. */
export const binStockSchema = z.looseObject({
  warehouseId: id,
  binCode: z.string(),
  binId: id,
  stock: z.array(z.looseObject({ skuId: id, qty: z.int() })),
});

/** `GET /api/inventory/alerts`. */
export const stockAlertsSchema = z.looseObject({
  alerts: z.array(
    z.looseObject({
      id: z.guid(),
      warehouseId: id,
      kind: z.string(),
      skuId: z.string().nullable(),
      orderId: z.string().nullable(),
      message: z.string(),
      raisedAt: time,
    }),
  ),
});

const keyScope = {
  /** A warehouse key's warehouse (null for a channel key). */
  warehouseId: id.nullable(),
  /** A channel key's channel (null for a warehouse key). */
  channel: z.string().nullable(),
};

/** `POST /api/integration-keys`: the key itself is in this answer only. */
export const issuedApiKeySchema = z.looseObject({
  id: z.guid(),
  name: z.string(),
  ...keyScope,
  /** `wk_…`: send it as `Authorization: Bearer`; only its hash is kept. */
  key: z.string().regex(/^wk_/),
});

/** `GET /api/integration-keys`: the caller's keys, never the secrets. */
export const apiKeyListSchema = z.looseObject({
  keys: z.array(
    z.looseObject({
      id: z.guid(),
      name: z.string(),
      ...keyScope,
      createdAt: time,
      revokedAt: time.nullable(),
    }),
  ),
});

/** `GET /api/webhooks/deliveries`. */
export const webhookDeliveriesSchema = z.looseObject({
  deliveries: z.array(
    z.looseObject({
      id: z.guid(),
      messageId: z.string(),
      type: z.string(),
      orderId: z.string().nullable(),
      url: z.string(),
      status: z.string(),
      attempts: z.int(),
      nextAttemptAt: time.nullable(),
      lastError: z.string().nullable(),
      deliveredAt: time.nullable(),
      createdAt: time,
    }),
  ),
});

/** `GET /api/webhooks/deliveries/{deliveryId}/attempts`. */
export const webhookAttemptsSchema = z.looseObject({
  attempts: z.array(
    z.looseObject({
      at: time,
      /** null when the endpoint was not reached (`error` says why). */
      statusCode: z.int().nullable(),
      error: z.string().nullable(),
      durationMs: z.int(),
    }),
  ),
});

/** `POST /api/admin/archive-scan-events`. */
export const archiveAnswerSchema = z.looseObject({
  cutoff: time,
  archived: z.int(),
  alreadyArchived: z.int(),
  conflicts: z.int(),
  /** Another archiving run held the lock: nothing was done this time. */
  busy: z.boolean(),
});

/** `DELETE /api/webhooks/subscriptions/{subscriptionId}`. */
export const webhookDeletedSchema = z.looseObject({
  deleted: z.guid(),
  pendingDeliveriesAbandoned: z.int(),
});

/** `POST /api/exceptions/{exceptionId}/resolve`. */
export const exceptionResolvedSchema = z.looseObject({
  id: z.guid(),
  status: z.string(),
  resolvedAt: time.nullable(),
  /** When a lead first acted on it (the console's response time). */
  answeredAt: time.nullable(),
});

/** `POST /api/tasks/{taskId}/resolve`. */
export const taskResolvedSchema = z.looseObject({
  id: z.guid(),
  status: z.string(),
  doneAt: time.nullable(),
  answeredAt: time.nullable(),
});

/** `POST /api/exceptions/{exceptionId}/assign` and `POST /api/tasks/{taskId}/assign`. */
export const assignedSchema = z.looseObject({
  id: z.guid(),
  assignedUserId: id,
  /** The person's name, for the console. */
  assignedTo: z.string(),
  answeredAt: time.nullable(),
});

/** `POST /api/exceptions/{exceptionId}/count-task`: the count task (null: the bin has one open). */
export const countTaskOpenedSchema = z.looseObject({
  exceptionId: z.guid(),
  taskId: z.guid().nullable(),
  binId: z.string().nullable(),
});

/** `PUT /api/devices/{deviceId}`. */
export const renamedDeviceSchema = z.looseObject({ id: z.guid(), label: z.string() });

/** `POST /api/devices/{deviceId}/revoke`. */
export const revokedDeviceSchema = z.looseObject({
  id: z.guid(),
  label: z.string(),
  revokedAt: time,
});

/** `GET /api/exceptions`: the warehouse's exceptions, newest first (up to 500). */
export const exceptionListSchema = z.looseObject({
  exceptions: z.array(
    z.looseObject({
      id: z.guid(),
      warehouseId: id,
      kind: z.string(),
      status: z.enum(['open', 'resolved']),
      waveId: z.string().nullable(),
      pickLineId: z.string().nullable(),
      binId: z.string().nullable(),
      skuId: z.string().nullable(),
      qty: z.int().nullable(),
      message: z.string(),
      openedAt: time,
    }),
  ),
});

/** `GET /api/exceptions?status=`: open (the default) or resolved ones. */
export const exceptionListQuery = z.looseObject({
  status: z.enum(['open', 'resolved']).optional(),
});

/** `GET /api/waves/{waveId}`: a wave as a supervisor inspects it. */
export const waveDetailSchema = z.looseObject({
  wave: z.looseObject({
    id,
    warehouseId: id,
    code: z.string(),
    status: z.enum(['open', 'picking', 'done', 'cancelled']),
    assignedUserId: z.string().nullable(),
    assignmentVersion: z.int(),
  }),
  lines: z.array(
    z.looseObject({
      id,
      orderId: id,
      skuId: id,
      qty: z.int(),
      pickedQty: z.int(),
      status: z.enum(['open', 'picked', 'short', 'cancelled']),
    }),
  ),
  /** Every scan event stored for the wave (archived ones too), in the order received. */
  events: z.array(
    z.looseObject({
      id: z.guid(),
      deviceId: z.guid(),
      epoch: z.int(),
      seq: z.int(),
      userId: z.string(),
      type: z.string(),
      outcome: z.string(),
    }),
  ),
  exceptions: z.array(
    z.looseObject({ id: z.guid(), kind: z.string(), status: z.string(), message: z.string() }),
  ),
});

/** `POST /api/waves/{waveId}/cancel`: its open lines cancelled, its orders back to be waved. */
export const cancelledWaveSchema = z.looseObject({
  waveId: id,
  status: z.literal('cancelled'),
  ordersReleased: z.int(),
});

/** `GET /api/openapi.json`: an OpenAPI 3.1 document (its own schema is the OpenAPI one). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
  webhooks: z.record(z.string(), z.looseObject({})),
});

/** `POST /api/waves/build`: the waves built, and how many orders wait for stock. */
export const builtWavesSchema = z.looseObject({
  waves: z.array(
    z.looseObject({
      waveId: id,
      code: z.string(),
      /** The carrier and cutoff the wave was grouped by (null when not grouped by them). */
      carrier: z.string().nullable(),
      cutoff: z.string().nullable(),
      orders: z.int().min(0),
      lines: z.int().min(0),
      assignedUserId: z.string().nullable(),
    }),
  ),
  backordered: z.int().min(0),
});

/** `POST /api/exceptions/webhook-deliveries/{deliveryId}/replay`, `POST /api/webhooks/replay`. */
export const replayedSchema = z.looseObject({ replayed: z.int().min(0) });

/** `POST /api/orders/import.csv`: one report per order of the file (its rows, its result). */
export const orderCsvImportSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      /** The data rows of the order (1 = the first row under the header). */
      rows: z.array(z.int().min(1)),
      ok: z.boolean(),
      orderId: id.optional(),
      status: z.string().optional(),
      fields: z.array(fieldErrorSchema).optional(),
    }),
  ),
});

/** `POST /api/inventory/receipts`: the expected receipt. */
export const expectedReceiptSchema = z.looseObject({
  id: z.guid(),
  status: z.literal('expected'),
  warehouseId: id,
  skuId: id,
  qty: z.int().min(1),
  expectedAt: time,
});

/** `POST /api/inventory/receipts/{receiptId}/receive`. */
export const receivedReceiptSchema = z.looseObject({
  id: z.guid(),
  status: z.literal('received'),
  warehouseId: id,
  skuId: id,
  qty: z.int().min(1),
  /** The bin it was put away in (none in a warehouse without bins). */
  binCode: z.string().nullable().optional(),
});

/** `POST /api/inventory/opening-balances.csv`: one line per data row. */
export const openingBalanceReportSchema = z.looseObject({
  imported: z.int().min(0),
  rows: z.array(
    z.looseObject({
      row: z.int().min(1),
      binCode: z.string(),
      skuId: id,
      lot: z.string().nullable(),
      qty: z.int(),
    }),
  ),
});

/** `POST /api/inventory/moves`: the move as done. */
export const stockMovedSchema = z.looseObject({
  reason: z.enum(['move', 'lot-correction']),
  fromBinCode: z.string(),
  toBinCode: z.string(),
  skuId: id,
  lot: z.string().optional(),
  qty: z.int().min(1),
  status: stockStatusSchema,
  toLot: z.string().nullable(),
  toExpiry: z.string().nullable(),
  toStatus: stockStatusSchema,
});

/** `POST /api/inventory/adjustments`: the bin's quantity before and after. */
export const stockAdjustedSchema = z.looseObject({
  binCode: z.string(),
  skuId: id,
  lot: z.string().optional(),
  expiry: z.string().optional(),
  status: stockStatusSchema,
  delta: z.int(),
  reasonCode: adjustmentReasonSchema,
  note: z.string().optional(),
  before: z.int(),
  after: z.int(),
});

/** `GET /api/inventory/history/{skuId}`: every ledger row of the SKU, newest first. */
export const stockHistorySchema = z.looseObject({
  skuId: id,
  entries: z.array(stockHistoryEntrySchema.extend({ at: time })),
});

/** `POST /api/routing/rules.csv`: the rules now in force (the file replaced them all). */
export const routingRulesAnswerSchema = z.looseObject({ rules: z.array(routingRuleSchema) });

const supplierSchema = z.looseObject({
  id,
  name: z.string(),
  nameZh: z.string(),
  qcRequired: z.boolean(),
  active: z.boolean(),
});

/** `POST /api/inbound/suppliers`. */
export const createdSupplierSchema = supplierSchema;

/** `GET /api/inbound/suppliers`. */
export const supplierListSchema = z.looseObject({ suppliers: z.array(supplierSchema) });

/** `POST /api/inbound/notices.csv`: the notices created, one per notice code of the file. */
export const importedNoticesSchema = z.looseObject({
  imported: z.int().min(0),
  notices: z.array(z.looseObject({ id, code: z.string(), lines: z.int().min(1) })),
});

/** `POST /api/inbound/notices/{noticeId}/expected-date`: the notice re-dated, and pre-sale orders. */
export const rescheduledNoticeSchema = z.looseObject({
  notice: inboundNoticeSchema,
  previousDate: z.iso.date(),
  note: z.string().nullable(),
  presale: z.looseObject({
    /** Orders released now (their stock came earlier than promised). */
    released: z.array(id),
    delayed: z.array(
      z.looseObject({
        skuId: id,
        affectedOrders: z.int().min(0),
        promisedDates: z.array(z.string()),
      }),
    ),
  }),
});

/** `POST /api/orders/{orderId}/parcels/{parcelNo}/waybill`: the carrier's waybill number. */
export const issuedWaybillSchema = z.looseObject({
  orderId: id,
  parcelNo: z.int().min(1),
  carrier: z.string(),
  waybillNo: z.string().min(1),
  provider: z.string(),
});

/** `DELETE /api/orders/{orderId}/parcels/{parcelNo}/waybill`: the waybill number cancelled. */
export const cancelledWaybillSchema = z.looseObject({
  orderId: id,
  parcelNo: z.int().min(1),
  cancelled: z.string().min(1),
});
