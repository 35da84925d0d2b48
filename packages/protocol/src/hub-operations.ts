import { z } from 'zod';
import { binCodeSchema, idSchema, isoTimeSchema } from './codes';
import { holdRuleSchema, routingRuleSchema } from './hub-rules';
import { addressInputSchema, channelSchema } from './order-intake';

/** `POST /api/orders/:orderId/ship`: the packer scanned the package (M1.6). */
export const shipOrderSchema = z.strictObject({
  carrier: z.string().trim().min(1).max(32),
  trackingNumber: z.string().trim().min(6).max(40),
});

/** The answer to a ship: the order is `shipped` with this carrier and tracking number. */
export const shippedOrderSchema = z.object({
  orderId: idSchema,
  status: z.literal('shipped'),
  carrier: z.string(),
  trackingNumber: z.string(),
});

/** `POST /api/orders/:orderId/cancel`. */
export const cancelOrderSchema = z.strictObject({ reason: z.string().trim().min(1).max(300) });

/**
 * `POST /api/holds/orders/:orderId/address-change` (M4.7): the new address on one line, or its
 * fields. `source: 'platform'` (a marketplace's channel key only) is a change the platform has
 * already confirmed with its buyer: it applies at once while the order is not dispatched. A
 * `customer` change holds the order until the customer confirms it on the signed page.
 */
export const addressChangeSchema = z.strictObject({
  newAddress: z.union([z.string().trim().min(4).max(300), addressInputSchema]),
  source: z.enum(['customer', 'platform']).default('customer'),
});

/** What an address change did: held for the customer, applied, or an exception (dispatched). */
export const addressChangeAnswerSchema = z.object({
  orderId: idSchema,
  status: z.string(),
  outcome: z.enum(['hold', 'applied', 'exception']),
  /** The customer's confirmation page (`hold` only); also sent in the webhook. */
  confirmationUrl: z.string().nullable(),
  expiresAt: isoTimeSchema.nullable(),
});

/** The customer's answer on the confirmation page (a form POST). */
export const addressConfirmationDecisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'reject']),
  lang: z.enum(['zh-CN', 'en']).optional(),
});

/** `POST /api/routing/orders/:orderId`: route an order from the manual queue. */
export const manualRouteSchema = z.strictObject({
  warehouseId: idSchema,
  carrier: z.string().trim().min(1).max(32),
});

/** `PUT /api/routing/rules`: the whole rule table at once. */
export const routingRulesSchema = z.strictObject({ rules: z.array(routingRuleSchema).max(1000) });

/** `PUT /api/holds/rules/:ruleId`. */
export const holdRuleUpdateSchema = z.strictObject({ enabled: z.boolean(), rule: holdRuleSchema });

/** `POST /api/waves/build`: waves from the warehouse's released orders. */
export const waveBuildSchema = z.strictObject({
  maxOrders: z.int().min(1).max(200).default(20),
  maxLines: z.int().min(1).max(1000).default(60),
  /** Only this carrier's orders (e.g. the next cut-off's). */
  carrier: z.string().min(1).max(32).optional(),
  /** A picker of the warehouse to give the new waves to. */
  assignTo: idSchema.optional(),
});

/** `POST /api/inventory/receipts`: goods expected (counted at the pool's coefficient until received). */
export const inboundReceiptSchema = z.strictObject({
  warehouseId: idSchema,
  skuId: idSchema,
  qty: z.int().min(1).max(1_000_000),
  expectedAt: isoTimeSchema,
});

/**
 * `POST /api/inventory/receipts/:receiptId/receive`: the bin the goods were put away in. Required
 * in a warehouse with bins (the pool's physical is its bins plus units in pickers' hands), not in
 * one without (a third-party cloud warehouse keeps only the pool).
 */
export const receiveInboundSchema = z.strictObject({
  binCode: binCodeSchema.optional(),
  /** The lot received (required for a lot-tracked SKU) and its expiry (else from its shelf life). */
  lot: z.string().trim().min(1).max(20).optional(),
  expiry: z.iso.date().optional(),
});

/** One SKU of a warehouse whose pool `physical` differs from its bins plus the units in hand. */
export const poolDriftSchema = z.object({
  warehouseId: idSchema,
  skuId: idSchema,
  /** The pool's promised-stock count. */
  physical: z.int(),
  /** Units in the warehouse's bins (the `stock` table). */
  inBins: z.int(),
  /** Units taken from bins for orders not shipped yet and not put back. */
  inHand: z.int(),
  /** physical − (inBins + inHand): positive, the pool promises units the bins do not have. */
  drift: z.int(),
});

/** A stock slot whose quantity differs from the sum of its ledger rows (issue 16). */
export const ledgerDriftSchema = z.object({
  binId: idSchema,
  skuId: idSchema,
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  status: z.string(),
  inStock: z.int(),
  inLedger: z.int(),
});

/**
 * `GET /api/inventory/reconciliation`: a check that the pool and the stock follow the ledger. Both
 * lists are empty unless something wrote around the ledger (issue 16: the pool's physical is
 * derived from the stock ledger, so there is nothing to correct).
 */
export const reconciliationSchema = z.object({
  warehouseId: idSchema,
  checkedSkus: z.int(),
  drifts: z.array(poolDriftSchema),
  ledgerDrifts: z.array(ledgerDriftSchema),
  /** @deprecated always false: the pool is no longer corrected, it follows the ledger. */
  corrected: z.boolean(),
});

/** `POST /api/tasks/:taskId/count`: what a person counted in the task's bin for its SKU. */
export const cycleCountSchema = z.strictObject({ countedQty: z.int().min(0).max(1_000_000) });

/** The answer to a cycle count: the bin's stock before, the count, and the change to bin and pool. */
export const cycleCountResultSchema = z.object({
  taskId: z.string(),
  binCode: binCodeSchema,
  skuId: idSchema,
  before: z.int(),
  counted: z.int(),
  delta: z.int(),
});

/** `POST /api/integration-keys`: the key is in the answer, once. */
export const apiKeyRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    /** A warehouse key (WMS, TMS, carrier): that warehouse's orders, stock and holds. */
    warehouseId: idSchema.optional(),
    /** A channel key (a storefront): intake, cancel and address change of its channel's orders. */
    channel: channelSchema.optional(),
  })
  .refine((r) => (r.warehouseId === undefined) !== (r.channel === undefined), {
    message: 'give either warehouseId (a warehouse key) or channel (a channel key), not both',
    path: ['warehouseId'],
  });

/** `PUT /api/hub-settings`: the thresholds that are data. */
export const hubSettingsSchema = z.strictObject({
  dedup: z.strictObject({ windowMinutes: z.int().min(0).max(1440) }).optional(),
  safety: z
    .strictObject({ factor: z.number().min(0).max(100), windowDays: z.int().min(1).max(90) })
    .optional(),
  /** M2.3 red alerts: their thresholds (console). */
  redAlerts: z
    .strictObject({
      ordersWaiting: z.int().min(0).max(1_000_000),
      returnRateRisePct: z.number().min(0).max(1000),
      syncLagP95Seconds: z.int().min(1).max(86_400),
      trailingDays: z.int().min(1).max(90),
    })
    .optional(),
  /** Console KPIs: rates per hour only after this many minutes of a picker's activity. */
  kpis: z.strictObject({ minActiveMinutes: z.int().min(1).max(480) }).optional(),
  /** Each carrier's cut-off, minutes after midnight China time (`SF: 960` is 16:00). */
  carrierCutoffs: z.record(z.string().min(1).max(32), z.int().min(0).max(1439)).optional(),
  /** Issue 22: the pack bench's weighing check (称重复核) tolerance: a share, never under a floor. */
  packing: z
    .strictObject({
      weightTolerancePct: z.number().min(0).max(100),
      weightToleranceMinGrams: z.int().min(0).max(10_000),
    })
    .optional(),
});

export type ShipOrder = z.infer<typeof shipOrderSchema>;
export type ShippedOrder = z.infer<typeof shippedOrderSchema>;
export type WaveBuild = z.infer<typeof waveBuildSchema>;
export type InboundReceipt = z.infer<typeof inboundReceiptSchema>;
export type PoolDrift = z.infer<typeof poolDriftSchema>;
export type Reconciliation = z.infer<typeof reconciliationSchema>;
export type CycleCountResult = z.infer<typeof cycleCountResultSchema>;
export type AddressChange = z.infer<typeof addressChangeSchema>;
export type AddressChangeAnswer = z.infer<typeof addressChangeAnswerSchema>;
