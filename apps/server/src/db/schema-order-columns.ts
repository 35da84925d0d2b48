import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The hub's columns of `orders` (intake, cleaning, routing, reconciliation), kept apart so the
 * base table stays readable. All nullable or defaulted: the demo's pre-waved orders need none.
 */
export function orderHubColumns() {
  return {
    district: text('district'),
    addressDetail: text('address_detail'),
    /** The cleaned 11-digit mobile number. */
    phone: text('phone'),
    idNumber: text('id_number'),
    customerId: text('customer_id'),
    vip: boolean('vip').notNull().default(false),
    orderType: text('order_type', { enum: ['sale', 'return', 'exchange'] })
      .notNull()
      .default('sale'),
    originalOrderId: text('original_order_id'),
    paidCents: integer('paid_cents').notNull().default(0),
    couponCents: integer('coupon_cents').notNull().default(0),
    freightCents: integer('freight_cents').notNull().default(0),
    carrier: text('carrier'),
    routeRuleId: text('route_rule_id'),
    routeReason: text('route_reason'),
    trackingNumber: text('tracking_number'),
    /** Marks such as `suspected-duplicate`, `signature-required`. */
    flags: jsonb('flags')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The order exactly as the channel sent it, before cleaning. */
    original: jsonb('original'),
    placedAt: timestamp('placed_at', { withTimezone: true }),
    /**
     * Issue 21: a duplicate merged as "ship together" names the first order of its group (each
     * order keeps its own lines, trace and write-back); null when it ships alone.
     */
    shipWithOrderId: text('ship_with_order_id'),
  };
}
