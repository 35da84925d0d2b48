import type { MoveWork } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

/**
 * What a handheld keeps to move stock offline, for the caller's warehouse: its active bins with
 * their check digits, the available stock of each bin × SKU × lot (with how much of it open
 * waves do not plan: what may move), and the SKUs held (names, barcodes, lot tracking).
 */
export async function moveWork(db: Db, warehouseId: string): Promise<MoveWork> {
  const [bins, slots] = await Promise.all([
    queryRows<MoveWork['bins'][number]>(
      db,
      sql`select code, check_digits as "checkDigits" from bins
          where warehouse_id = ${warehouseId} and active order by path_seq, code`,
    ),
    queryRows<MoveWork['slots'][number]>(
      db,
      sql`
      select b.code as "binCode", s.sku_id as "skuId", s.lot,
             to_char(s.expiry, 'YYYY-MM-DD') as expiry, s.qty,
             greatest(s.qty - coalesce((
               select sum(l.qty - l.picked_qty) from pick_lines l
               where l.sku_id = s.sku_id and l.bin_id = s.bin_id and l.status = 'open'
                 and l.lot is not distinct from s.lot), 0), 0)::int as free
      from stock s
      join bins b on b.id = s.bin_id and b.active
      where s.warehouse_id = ${warehouseId} and s.status = 'available' and s.qty > 0
      order by b.path_seq, s.sku_id, s.expiry nulls first, s.lot nulls first`,
    ),
  ]);
  const skuIds = [...new Set(slots.map((s) => s.skuId))];
  const skus = await queryRows<MoveWork['skus'][number]>(
    db,
    sql`select k.id, k.name, k.name_zh as "nameZh", k.lot_tracked as "lotTracked",
               coalesce((select json_agg(b.barcode order by b.barcode) from sku_barcodes b
                         where b.sku_id = k.id), '[]'::json) as barcodes
        from skus k where k.id in (select jsonb_array_elements_text(${JSON.stringify(skuIds)}::jsonb))
        order by k.id`,
  );
  return { bins, skus, slots };
}
