import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { recordShipment } from '../inventory/stock-ledger';

/**
 * The order's units leave the building: its reservations are consumed and the pool's `physical`
 * drops by what leaves. The bins were debited when the units were picked (the ledger's `pick`
 * rows, decision 007); what is shipped here are units in hand, which no bin holds: they leave
 * through `ship` ledger rows, which move no stock slot and take them out of `physical` by the
 * ledger's trigger (in a warehouse without bins, which keeps only the pool: the reserved units).
 * The order becomes `shipped` with its first parcel's carrier and tracking number.
 */
export async function dispatchOrder(
  tx: Tx,
  orderId: string,
  shipment: { carrier: string; trackingNumber: string },
  now: Date,
): Promise<void> {
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
  await recordShipment(tx, orderId, now);
  await tx.execute(sql`
    update orders set status = 'shipped', carrier = ${shipment.carrier}, tracking_number = ${shipment.trackingNumber}
    where id = ${orderId}`);
}
