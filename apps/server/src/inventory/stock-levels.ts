import { availableQty, isBelowSafetyLevel } from '@wms/domain';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { notFound } from '../http/api-error';
import { expiredUnits } from './expired-units';
import { readSetting } from './hub-settings';

/**
 * A SKU's stock in the caller's warehouse (M3.6) with the storefront signal (M3.7): `onlyLeft` is
 * the available count when it is below the safety level, else null. Issue 15: another
 * warehouse's stock is not the caller's to read (the answer keeps its per-warehouse shape).
 */
export async function stockOfSku(db: Db, warehouseId: string, skuId: string, now: Date) {
  const safety = await readSetting(db, 'safety');
  const since = new Date(now.getTime() - safety.windowDays * 86_400_000);
  const rows = await queryRows<{
    warehouseId: string;
    physical: number;
    expired: number;
    reserved: number;
    inbound: number;
    inboundCoefficientBp: number;
    sold: number;
  }>(
    db,
    sql`
    select p.warehouse_id as "warehouseId", p.physical, ${expiredUnits('p', now)} as expired,
           p.reserved, p.inbound,
           p.inbound_coefficient_bp as "inboundCoefficientBp",
           coalesce((select sum(r.qty) from reservations r where r.warehouse_id = p.warehouse_id
                     and r.sku_id = p.sku_id and r.created_at > ${since.toISOString()}::timestamptz), 0)::int as sold
    from inventory_pool p where p.sku_id = ${skuId} and p.warehouse_id = ${warehouseId}`,
  );
  if (rows.length === 0)
    throw notFound(
      `No stock is kept for SKU ${skuId} in warehouse ${warehouseId}: check the SKU id`,
    );
  const warehouses = rows.map(({ sold, ...level }) => {
    const available = availableQty(level);
    const low = isBelowSafetyLevel(available, sold, safety.windowDays, safety.factor);
    return {
      ...level,
      available,
      averageDailySales: sold / safety.windowDays,
      belowSafetyLevel: low,
      onlyLeft: low ? Math.max(0, available) : null,
    };
  });
  const available = warehouses.reduce((sum, w) => sum + Math.max(0, w.available), 0);
  return { skuId, available, warehouses };
}

/** What a bin holds, SKU by SKU, as the bin `stock` table (the pickers' truth) says. */
export async function stockInBin(db: Db, warehouseId: string, binCode: string) {
  const rows = await queryRows<{ binId: string; skuId: string | null; qty: number | null }>(
    db,
    sql`select b.id as "binId", s.sku_id as "skuId", s.qty
        from bins b left join stock s on s.bin_id = b.id
        where b.warehouse_id = ${warehouseId} and b.code = ${binCode}
        order by s.sku_id`,
  );
  const first = rows[0];
  if (!first) throw notFound(`No bin ${binCode} in warehouse ${warehouseId}: check the bin code`);
  return {
    warehouseId,
    binCode,
    binId: first.binId,
    stock: rows.flatMap((r) => (r.skuId === null ? [] : [{ skuId: r.skuId, qty: r.qty ?? 0 }])),
  };
}
