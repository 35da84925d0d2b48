import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { badRequest, notFound } from '../http/api-error';
import { reserveStock } from '../inventory/reserve-stock';
import { recordOrderSteps } from '../orders/order-timeline';

/** A supervisor routes an order from the manual queue: warehouse and carrier, then reservation. */
export async function routeManually(
  db: Db,
  session: Session,
  orderId: string,
  target: { warehouseId: string; carrier: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [known] = await queryRows<{ id: string }>(
      tx,
      sql`select id from warehouses where id = ${target.warehouseId}`,
    );
    if (!known)
      throw badRequest(`warehouseId: no warehouse ${target.warehouseId}`, [
        { path: 'warehouseId', message: 'unknown warehouse' },
      ]);
    const reason = `routed by hand by ${session.userId}`;
    const [order] = await queryRows<{ id: string }>(
      tx,
      sql`update orders set status = 'received', warehouse_id = ${target.warehouseId}, carrier = ${target.carrier},
            route_rule_id = 'manual', route_reason = ${reason}
          where id = ${orderId} and status = 'unrouted' returning id`,
    );
    if (!order) throw notFound(`No order ${orderId} in the manual routing queue`);
    const lines = await queryRows<{ skuId: string; qty: number }>(
      tx,
      sql`select sku_id as "skuId", qty from order_lines where order_id = ${orderId}`,
    );
    await recordOrderSteps(
      tx,
      [{ orderId, kind: 'routed', detail: { ruleId: 'manual', reason, ...target } }],
      now,
    );
    const reserved = await reserveStock(
      tx,
      { id: orderId, warehouseId: target.warehouseId },
      lines,
      now,
    );
    await recordOrderSteps(
      tx,
      reserved.map((r) => ({
        orderId,
        kind: r.reserved ? 'reserved' : 'reservation-short',
        detail: { ...r },
      })),
      now,
    );
    return { orderId, status: 'received' as const, ...target };
  });
}
