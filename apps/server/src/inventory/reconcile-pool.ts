import { poolDrift } from '@wms/domain';
import type { PoolDrift, Reconciliation } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';

/**
 * Units taken from bins for pick lines and not put back, per line: what was picked for the line,
 * plus over-picks, less put-backs. `where` narrows the lines (a warehouse, an order).
 */
export function unitsInHand(where: SQL) {
  return sql`
    select pl.warehouse_id, pl.sku_id,
           sum(pl.picked_qty + coalesce(ov.qty, 0) - pl.put_back_qty)::int as qty
    from pick_lines pl
    left join (select pick_line_id, sum(qty)::int as qty from exceptions
               where kind = 'over-pick' and pick_line_id is not null group by pick_line_id) ov
           on ov.pick_line_id = pl.id
    where ${where}
    group by pl.warehouse_id, pl.sku_id`;
}

/**
 * Compares, per SKU of a warehouse with bins, the pool's `physical` with the floor: units in bins
 * plus units in hand (picked for orders not shipped yet, not put back). With `correct`, sets each
 * drifting pool row to the floor's count (the bins are what people counted) and records the
 * correction; in one transaction that locks the warehouse's pool rows, so no reservation or
 * shipment moves the counts while they are compared. A warehouse without bins keeps only the
 * pool: nothing to compare.
 */
export async function reconcilePool(
  db: Db,
  warehouseId: string,
  correct: { by: string } | null,
  now: Date,
): Promise<Reconciliation> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      select 1 from inventory_pool where warehouse_id = ${warehouseId} order by sku_id for update`);
    const balances = await balancesOf(tx, warehouseId);
    const drifts: PoolDrift[] = balances
      .map((b) => ({ ...b, warehouseId, drift: poolDrift(b) }))
      .filter((b) => b.drift !== 0);
    if (correct && drifts.length > 0) await correctPool(tx, warehouseId, drifts, correct.by, now);
    return { warehouseId, checkedSkus: balances.length, drifts, corrected: correct !== null };
  });
}

async function balancesOf(tx: Tx, warehouseId: string) {
  const [hasBins] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from bins where warehouse_id = ${warehouseId}`,
  );
  if (!hasBins || hasBins.n === 0) return [];
  return queryRows<{ skuId: string; physical: number; inBins: number; inHand: number }>(
    tx,
    sql`
    with in_bins as (
      select sku_id, sum(qty)::int as qty from stock where warehouse_id = ${warehouseId} group by sku_id
    ), in_hand as (
      ${unitsInHand(sql`pl.warehouse_id = ${warehouseId}
        and exists (select 1 from orders o where o.id = pl.order_id and o.status <> 'shipped')`)}
    ), skus as (
      select sku_id from inventory_pool where warehouse_id = ${warehouseId}
      union select sku_id from in_bins union select sku_id from in_hand
    )
    select k.sku_id as "skuId", coalesce(p.physical, 0) as physical,
           coalesce(b.qty, 0) as "inBins", coalesce(h.qty, 0) as "inHand"
    from skus k
    left join inventory_pool p on p.warehouse_id = ${warehouseId} and p.sku_id = k.sku_id
    left join in_bins b on b.sku_id = k.sku_id
    left join in_hand h on h.sku_id = k.sku_id
    order by k.sku_id`,
  );
}

async function correctPool(
  tx: Tx,
  warehouseId: string,
  drifts: readonly PoolDrift[],
  by: string,
  now: Date,
) {
  const json = JSON.stringify(
    drifts.map((d) => ({
      sku_id: d.skuId,
      before: d.physical,
      after: d.inBins + d.inHand,
      in_bins: d.inBins,
      in_hand: d.inHand,
    })),
  );
  await tx.execute(sql`
    insert into inventory_pool (warehouse_id, sku_id, physical)
    select ${warehouseId}, sku_id, after
    from jsonb_to_recordset(${json}::jsonb) as r(sku_id text, after int)
    on conflict (warehouse_id, sku_id) do update set physical = excluded.physical`);
  await tx.execute(sql`
    insert into pool_corrections (warehouse_id, sku_id, physical_before, physical_after, in_bins, in_hand, by, at)
    select ${warehouseId}, sku_id, before, after, in_bins, in_hand, ${by}, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as r(sku_id text, before int, after int, in_bins int, in_hand int)`);
}
