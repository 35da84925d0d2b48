import { randomUUID } from 'node:crypto';
import { unitsToPack } from '@wms/domain';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { assertOrderInScope } from '../auth/caller-scope';
import { badRequest, notFound } from '../http/api-error';
import { releaseReservations } from '../inventory/reserve-stock';
import { pullFromWaves } from '../holds/raise-holds';
import { lockOrder, orderParcels, orderedUnits, shipIfComplete } from '../packing/parcels';
import { recordOrderSteps } from './order-timeline';

/**
 * Pack & ship (M1.6), typed: the packer scans the order's package and records carrier and tracking
 * number. The units not in a parcel yet become one more parcel with that tracking number (a
 * parcel packed at the bench without one gets it too), and the order ships as one whose units are
 * all in parcels (`shipIfComplete`: reservations consumed, units leave the pool, `order.shipped`).
 */
export async function shipOrder(
  db: Db,
  session: Session,
  orderId: string,
  shipment: { carrier: string; trackingNumber: string },
  now: Date,
  linkSecret?: string,
) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    assertOrderInScope(session, order, orderId, 'scan the package label again');
    if (order.status !== 'picked') {
      throw badRequest(
        `Order ${orderId} is ${order.status}: only a fully picked order can be shipped`,
        [{ path: 'orderId', message: `order is ${order.status}` }],
      );
    }
    const parcels = await orderParcels(tx, orderId);
    const left = unitsToPack(
      await orderedUnits(tx, orderId),
      parcels.flatMap((p) => p.items),
    );
    const items = [...left].flatMap(([skuId, qty]) => (qty > 0 ? [{ skuId, qty }] : []));
    await tx.execute(sql`
      update parcels set carrier = ${shipment.carrier}, tracking_number = ${shipment.trackingNumber}
      where order_id = ${orderId} and tracking_number is null`);
    if (items.length > 0) {
      // Not through recordParcel's webhook: the order ships in the same breath.
      await tx.execute(sql`
        insert into parcels (id, warehouse_id, order_id, parcel_no, items, carrier, tracking_number, packed_by, packed_at)
        values (${randomUUID()}, ${order.warehouseId}, ${orderId}, ${parcels.length + 1},
                ${JSON.stringify(items)}::jsonb, ${shipment.carrier}, ${shipment.trackingNumber},
                ${session.userId}, ${now.toISOString()}::timestamptz)`);
    }
    await shipIfComplete(tx, order, session.userId, now, linkSecret);
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
    if (order.status === 'shipped' || order.status === 'cancelled' || order.status === 'returned')
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
