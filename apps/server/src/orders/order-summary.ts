import type { OrderAccepted } from '@wms/protocol';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { orderHolds, orders } from '../db/schema';
import { notFound } from '../http/api-error';

/** An order as intake answers it (without `created` / `mergedInto`, which the caller knows). */
export async function orderSummary(
  tx: Tx,
  orderId: string,
): Promise<Omit<OrderAccepted, 'created' | 'mergedInto'>> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound(`No order ${orderId}`);
  const holds = await tx
    .select({ kind: orderHolds.kind })
    .from(orderHolds)
    .where(and(eq(orderHolds.orderId, orderId), eq(orderHolds.status, 'open')));
  return {
    orderId,
    status: order.status,
    warehouseId: order.status === 'unrouted' ? null : order.warehouseId,
    carrier: order.carrier,
    holds: holds.map((h) => h.kind),
    flags: order.flags,
  };
}
