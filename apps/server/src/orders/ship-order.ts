import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { assertOrderInScope } from '../auth/caller-scope';
import { badRequest, notFound } from '../http/api-error';
import { unitsInHand } from '../inventory/reconcile-pool';
import { releaseReservations } from '../inventory/reserve-stock';
import { pullFromWaves } from '../holds/raise-holds';
import { emitWebhook } from '../webhooks/emit-webhook';
import { recordOrderSteps } from './order-timeline';

/**
 * Pack & ship (M1.6): the packer scans the order's package and records carrier and tracking
 * number; the order becomes shipped, its reservations are consumed, and the units picked for it
 * leave the pool's physical (in a warehouse without bins: the reserved units).
 */
export async function shipOrder(
  db: Db,
  session: Session,
  orderId: string,
  shipment: { carrier: string; trackingNumber: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [order] = await queryRows<{ status: string; warehouseId: string; channel: string }>(
      tx,
      sql`select status, warehouse_id as "warehouseId", channel from orders where id = ${orderId} for update`,
    );
    assertOrderInScope(session, order, orderId, 'scan the package label again');
    if (order.status !== 'picked') {
      throw badRequest(
        `Order ${orderId} is ${order.status}: only a fully picked order can be shipped`,
        [{ path: 'orderId', message: `order is ${order.status}` }],
      );
    }
    await tx.execute(sql`
      with shipped as (
        update reservations set status = 'shipped' where order_id = ${orderId} and status = 'active'
        returning warehouse_id, sku_id, qty
      ), per_sku as (select warehouse_id, sku_id, sum(qty)::int as qty from shipped group by 1, 2)
      update inventory_pool p set reserved = p.reserved - s.qty,
             physical = p.physical - case when exists (select 1 from bins b where b.warehouse_id = p.warehouse_id)
                                          then 0 else s.qty end
      from per_sku s where p.warehouse_id = s.warehouse_id and p.sku_id = s.sku_id`);
    // In a warehouse with bins, what leaves the building is what was taken from the bins for the
    // order and not put back: the pool stays bins + units in hand (decision 002).
    await tx.execute(sql`
      with in_hand as (${unitsInHand(sql`pl.order_id = ${orderId}`)})
      update inventory_pool p set physical = p.physical - h.qty
      from in_hand h where p.warehouse_id = h.warehouse_id and p.sku_id = h.sku_id and h.qty <> 0`);
    await tx.execute(sql`
      update orders set status = 'shipped', carrier = ${shipment.carrier}, tracking_number = ${shipment.trackingNumber}
      where id = ${orderId}`);
    const detail = { ...shipment, by: session.userId };
    await recordOrderSteps(tx, [{ orderId, kind: 'shipped', detail }], now);
    await emitWebhook(tx, 'order.shipped', { orderId, ...shipment }, now);
    return { orderId, status: 'shipped' as const, ...shipment };
  });
}

/** Cancels an order that has not shipped: out of its wave, reservations released. */
export async function cancelOrder(
  db: Db,
  session: Session,
  orderId: string,
  reason: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [order] = await queryRows<{ status: string; warehouseId: string; channel: string }>(
      tx,
      sql`select status, warehouse_id as "warehouseId", channel from orders where id = ${orderId} for update`,
    );
    assertOrderInScope(session, order, orderId);
    if (order.status === 'shipped' || order.status === 'cancelled')
      throw notFound(`No cancellable order ${orderId}: it is ${order.status} already`);
    await tx.execute(sql`update orders set status = 'cancelled' where id = ${orderId}`);
    await pullFromWaves(
      tx,
      orderId,
      '订单已取消:停止拣货,已拣商品放回原库位 · Order cancelled: put picked items back',
    );
    await releaseReservations(tx, orderId);
    await recordOrderSteps(
      tx,
      [{ orderId, kind: 'cancelled', detail: { reason, by: session.userId } }],
      now,
    );
    return { orderId, status: 'cancelled' as const };
  });
}
