import { documented } from '../api-docs/documented';
import { channelSkuCodeSchema, channelSkuCodeListSchema, skuReviewListSchema } from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { parseBody } from '../http/parse-input';
import { acceptOrders } from '../orders/accept-orders';
import {
  deleteChannelSkuCode,
  listChannelSkuCodes,
  listSkuReviews,
  parkedOrders,
  putChannelSkuCode,
  resolveChannelSkus,
  unpark,
} from './channel-sku-codes';

const mappingKeySchema = channelSkuCodeSchema.omit({ skuId: true });

/**
 * Channel SKU codes of the admin's warehouse (`/api/admin/channel-sku-codes`) and the orders
 * parked on unmapped codes (`/api/admin/sku-reviews`); `POST /api/admin/sku-reviews/send` sends
 * on every parked order whose codes are now all mapped.
 * A mapping is removed with `POST /api/admin/channel-sku-codes/remove`.
 */
export function channelCodeRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['admin']))
    .get(
      '/channel-sku-codes',
      documented({
        summary: "List the channel SKU codes mapped to ours in the admin's warehouse",
        response: channelSkuCodeListSchema,
      }),
      async (c) => c.json({ codes: await listChannelSkuCodes(db, c.get('session').warehouseId) }),
    )
    .put(
      '/channel-sku-codes',
      documented({
        summary: "Map a channel's SKU code (per shop, or every shop) to one of our SKUs",
        body: channelSkuCodeSchema,
        response: channelSkuCodeSchema,
      }),
      async (c) =>
        c.json(
          await putChannelSkuCode(
            db,
            c.get('session').warehouseId,
            await parseBody(c, channelSkuCodeSchema),
          ),
        ),
    )
    .post(
      '/channel-sku-codes/remove',
      documented({
        status: 204,
        summary: 'Remove a channel SKU code mapping',
        body: channelSkuCodeSchema.omit({ skuId: true }),
      }),
      async (c) => {
        await deleteChannelSkuCode(
          db,
          c.get('session').warehouseId,
          await parseBody(c, mappingKeySchema),
        );
        return c.body(null, 204);
      },
    )
    .get(
      '/sku-reviews',
      documented({
        summary: 'Orders parked on SKU codes that are neither ours nor mapped, with the codes',
        response: skuReviewListSchema,
      }),
      async (c) => c.json({ reviews: await listSkuReviews(db, c.get('session').warehouseId) }),
    )
    .post(
      '/sku-reviews/send',
      documented({
        summary: 'Send on every parked order whose codes are now all mapped',
        response: z.object({ sent: z.int(), stillParked: z.int() }),
      }),
      async (c) => {
        await parseBody(c, z.strictObject({}));
        const parked = await parkedOrders(db, c.get('session').warehouseId);
        const resolved = await resolveChannelSkus(
          db,
          c.get('session').warehouseId,
          parked.map((p) => p.input),
        );
        const ready = parked.flatMap((p, i) => {
          const r = resolved[i];
          return r && 'input' in r ? [{ id: p.id, input: r.input }] : [];
        });
        const outcomes = await acceptOrders(
          db,
          ready.map((r) => r.input),
          deps.now(),
        );
        const sent = ready.filter((_, i) => outcomes[i]?.ok);
        await unpark(
          db,
          sent.map((r) => r.id),
        );
        return c.json({ sent: sent.length, stillParked: parked.length - sent.length });
      },
    );
}
