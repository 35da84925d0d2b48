import { PACK_BOXES } from '@wms/domain';
import type { PackOrder } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { assertOrderInScope } from '../auth/caller-scope';
import { type Db, queryRows } from '../db/database';
import { readSetting } from '../inventory/hub-settings';
import { isSignatureRequired, orderParcels } from './parcels';

/**
 * What the pack bench needs for one order, found by its id or by the tote it was picked into
 * (the tote's latest pick in the caller's warehouse). Another warehouse's order is unknown (404).
 */
export async function packOrder(db: Db, session: Session, code: string): Promise<PackOrder> {
  const [byTote] = await queryRows<{ orderId: string }>(
    db,
    sql`select pl.order_id as "orderId" from scan_events e
        join pick_lines pl on pl.id = e.payload->>'pickLineId'
        where e.warehouse_id = ${session.warehouseId} and e.type = 'pick@1'
          and e.payload->>'toteCode' = ${code}
        order by e.received_at desc limit 1`,
  );
  const orderId = byTote?.orderId ?? code;
  const [order] = await queryRows<{
    warehouseId: string;
    channel: string;
    status: string;
    carrier: string | null;
    flags: string[];
  }>(
    db,
    sql`select warehouse_id as "warehouseId", channel, status, carrier, flags from orders where id = ${orderId}`,
  );
  assertOrderInScope(session, order, orderId, 'scan the package label again');
  const lines = await queryRows<PackOrder['lines'][number]>(
    db,
    sql`select l.sku_id as "skuId", s.name, s.name_zh as "nameZh", sum(l.qty)::int as qty,
               s.weight_grams as "weightGrams", s.lot_tracked as "lotTracked",
               coalesce((select jsonb_agg(b.barcode order by b.barcode) from sku_barcodes b where b.sku_id = l.sku_id), '[]'::jsonb) as barcodes,
               coalesce((select jsonb_agg(distinct pl.lot) from pick_lines pl
                         where pl.order_id = ${orderId} and pl.sku_id = l.sku_id and pl.lot is not null
                           and pl.picked_qty > 0), '[]'::jsonb) as lots
        from order_lines l join skus s on s.id = l.sku_id
        where l.order_id = ${orderId}
        group by l.sku_id, s.name, s.name_zh, s.weight_grams, s.lot_tracked
        order by l.sku_id`,
  );
  const parcels = await orderParcels(db, orderId);
  const setting = await readSetting(db, 'packing');
  return {
    orderId,
    status: order.status,
    carrier: order.carrier,
    signatureRequired: isSignatureRequired(order),
    lines,
    parcels: parcels.map(({ parcelNo, items, trackingNumber }) => ({
      parcelNo,
      items,
      trackingNumber,
    })),
    boxes: [...PACK_BOXES],
    tolerance: { pct: setting.weightTolerancePct, minGrams: setting.weightToleranceMinGrams },
  };
}
