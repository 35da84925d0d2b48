import { z } from 'zod';
import { idSchema } from './codes';
import { channelSchema, skuReviewSchema } from './order-intake';

/**
 * A channel's own SKU code mapped to ours (`PUT /api/admin/channel-sku-codes`), per channel and
 * shop (`shopId` empty: every shop of the channel). Intake takes either code on a line; a code
 * that is neither ours nor mapped parks the order for review instead of refusing it.
 */
export const channelSkuCodeSchema = z.strictObject({
  channel: channelSchema,
  shopId: z.string().trim().max(64).default(''),
  code: z.string().trim().min(1).max(64),
  skuId: idSchema,
});
export const channelSkuCodeListSchema = z.object({ codes: z.array(channelSkuCodeSchema) });

export const skuReviewListSchema = z.object({ reviews: z.array(skuReviewSchema) });

export type ChannelSkuCode = z.infer<typeof channelSkuCodeSchema>;
