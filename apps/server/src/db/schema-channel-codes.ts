import type { OrderInput } from '@wms/protocol';
import { jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { now } from './columns';

/** A channel's SKU code mapped to ours, per warehouse, channel and shop ('' = every shop). */
export const channelSkuCodes = pgTable(
  'channel_sku_codes',
  {
    warehouseId: text('warehouse_id').notNull(),
    channel: text('channel').notNull(),
    shopId: text('shop_id').notNull().default(''),
    code: text('code').notNull(),
    skuId: text('sku_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.channel, t.shopId, t.code] })],
);

/**
 * Orders parked because a line's SKU code was neither ours nor mapped: kept whole, shown with the
 * codes, sent on once they are mapped. One per channel order.
 */
export const skuReviews = pgTable(
  'sku_reviews',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    channel: text('channel').notNull(),
    channelOrderId: text('channel_order_id').notNull(),
    unmappedCodes: jsonb('unmapped_codes').$type<string[]>().notNull(),
    input: jsonb('input').$type<OrderInput>().notNull(),
    receivedAt: now('received_at'),
  },
  (t) => [uniqueIndex('sku_reviews_channel_order').on(t.channel, t.channelOrderId)],
);
