import { z } from 'zod';
import { idSchema, isoTimeSchema } from './codes';

/** The sales channels orders arrive from (M3.1): a closed list, never free text. */
export const channelSchema = z.enum([
  'taobao',
  'tmall',
  'douyin',
  'pinduoduo',
  'jd',
  'meituan',
  'mini-program',
  /** 微信小店, the WeChat Channels shop (issue 27's connector). */
  'wechat-shop',
  'b2b-portal',
]);

/** A sale, or after-sales work that must name the order it follows (M5.3). */
export const orderTypeSchema = z.enum(['sale', 'return', 'exchange']);

/** Money is integer cents (fen): 12.50 yuan is 1250. */
export const centsSchema = z.int().min(0).max(1_000_000_000);

export const orderLineInputSchema = z.strictObject({
  skuId: idSchema,
  qty: z.int().min(1).max(10_000),
  /** What the customer pays per unit, after promotions, in cents. */
  unitPriceCents: centsSchema,
});

/**
 * A delivery address: the four fields, or the whole address on one line as marketplaces send it
 * (`text`: "浙江省杭州市西湖区文三路 90 号", with or without the province, short forms allowed),
 * which the hub takes apart. Province may be left empty: the city or district tells it.
 */
export const addressInputSchema = z
  .strictObject({
    province: z.string().trim().max(32).default(''),
    city: z.string().trim().max(32).default(''),
    district: z.string().trim().max(32).default(''),
    detail: z.string().trim().max(200).default(''),
    text: z.string().trim().min(4).max(300).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.text !== undefined) return;
    for (const field of ['city', 'district', 'detail'] as const) {
      if (a[field] === '') {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} is required (or send the whole address as text)`,
        });
      }
    }
  });

/**
 * `POST /api/orders`: one channel order, with the standardised mandatory fields. Idempotent on
 * `channel` + `channelOrderId`: sending the same order again returns the stored one.
 */
export const orderInputSchema = z
  .strictObject({
    channel: channelSchema,
    channelOrderId: z.string().trim().min(1).max(64),
    /** The channel's shop, for its own SKU codes (see `channelSkuCodeSchema`). */
    shopId: z.string().trim().min(1).max(64).optional(),
    orderType: orderTypeSchema.default('sale'),
    /** The order this return or exchange follows (required for them). */
    originalOrderId: idSchema.optional(),
    placedAt: isoTimeSchema,
    customerId: z.string().trim().min(1).max(64),
    vip: z.boolean().default(false),
    consignee: z.strictObject({
      name: z.string().trim().min(1).max(64),
      phone: z.string().trim().min(5).max(32),
      /** The buyer's ID card number where the channel gives it (M4.1 counts orders per ID). */
      idNumber: z.string().trim().max(32).optional(),
    }),
    address: addressInputSchema,
    paidCents: centsSchema,
    couponCents: centsSchema.default(0),
    freightCents: centsSchema.default(0),
    lines: z.array(orderLineInputSchema).min(1).max(200),
  })
  .refine((o) => o.orderType === 'sale' || o.originalOrderId !== undefined, {
    path: ['originalOrderId'],
    message: 'a return or exchange must name its original order',
  });

/** `POST /api/orders/batch`: up to 500 orders; each is accepted or refused on its own. */
export const orderBatchSchema = z.strictObject({ orders: z.array(z.unknown()).min(1).max(500) });

export const orderStatusSchema = z.enum([
  'received',
  /** Waiting for stock: no wave could allocate all its lines yet (issue 16). */
  'backordered',
  'held',
  'unrouted',
  /** Issue 21: a return, waiting for its goods to come in (never reserved, waved or picked). */
  'awaiting-return',
  /**
   * Issue 23: a return whose every line came in and was graded at the dock (its refund decided
   * per unit in the trace). Final, as `shipped` is for a sale.
   */
  'returned',
  'cancelled',
  'waved',
  'picking',
  'picked',
  'shipped',
]);

/** What intake made of one order. */
export const orderAcceptedSchema = z.object({
  orderId: idSchema,
  /** False when this channel order was already stored (a retry): nothing new was done. */
  created: z.boolean(),
  status: orderStatusSchema,
  /** Set when the order was merged into an earlier one (same phone and SKU within the window). */
  mergedInto: idSchema.nullable(),
  warehouseId: idSchema.nullable(),
  carrier: z.string().nullable(),
  holds: z.array(z.string()),
  flags: z.array(z.string()),
});

/** An order parked because a line's SKU code is unknown: nothing is lost, a person maps it. */
export const skuReviewSchema = z.object({
  reviewId: z.string(),
  channel: channelSchema,
  channelOrderId: z.string(),
  status: z.literal('sku-review'),
  /** The channel's codes that name no SKU of ours and have no mapping. */
  unmappedSkuCodes: z.array(z.string()),
});
export type SkuReview = z.infer<typeof skuReviewSchema>;

export const batchResultSchema = z.object({
  results: z.array(
    z.union([
      z.object({ index: z.int(), ok: z.literal(true), order: orderAcceptedSchema }),
      z.object({ index: z.int(), ok: z.literal(true), review: skuReviewSchema }),
      z.object({
        index: z.int(),
        ok: z.literal(false),
        fields: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    ]),
  ),
});

export type Channel = z.infer<typeof channelSchema>;
export type OrderType = z.infer<typeof orderTypeSchema>;
export type OrderInput = z.infer<typeof orderInputSchema>;
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type OrderAccepted = z.infer<typeof orderAcceptedSchema>;
export type BatchResult = z.infer<typeof batchResultSchema>;
