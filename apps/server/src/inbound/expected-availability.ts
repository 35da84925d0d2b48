import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';

/**
 * When `quantity` units of a SKU are expected in a warehouse: the expected date of the open
 * notice line that, taken in date order with those before it, first covers the quantity (the
 * latest date needed), or null when the open notices together expect fewer. Stock on hand is not
 * counted: the caller (pre-sale holds) asks for what it lacks.
 *
 * @example
 * await expectedAvailability(db, 'GZ', 'SKU-00042', 30) // → '2026-12-09'
 */
export async function expectedAvailability(
  db: Db | Tx,
  warehouseId: string,
  skuId: string,
  quantity: number,
): Promise<string | null> {
  const [row] = await queryRows<{ expectedDate: string | null }>(
    db,
    sql`
    with open as (
      select n.expected_date, n.created_at, l.id,
             greatest(l.expected_qty - l.received_qty, 0) as qty
      from inbound_lines l join inbound_notices n on n.id = l.notice_id
      where l.warehouse_id = ${warehouseId} and l.sku_id = ${skuId} and n.status = 'open'
    ), running as (
      select expected_date,
             sum(qty) over (order by expected_date, created_at, id) as covered
      from open where qty > 0
    )
    select to_char(min(expected_date), 'YYYY-MM-DD') as "expectedDate"
    from running where covered >= ${quantity}`,
  );
  return row?.expectedDate ?? null;
}
