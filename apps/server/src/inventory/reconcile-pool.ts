import { poolDrift } from '@wms/domain';
import { type PoolDrift, type Reconciliation, orderStatusSchema } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';
import { advanceLedgerCheckpoint, ledgerSlotSums } from './ledger-checkpoint';

/**
 * The stock statuses the pool's `physical` counts (the ledger trigger's list, migration 0014):
 * usable stock, and received units on their way to it (issue 23).
 */
const PHYSICAL_STATUSES = sql`('available', 'received-not-put-away', 'awaiting-qc')`;

/**
 * The order statuses whose pick lines may hold picked units, as a positive list: every status but
 * `shipped` (its units left) and `cancelled` (read through its pulled lines instead), so the
 * orders index finds the few live orders, not a year of shipped or cancelled ones (issue 19).
 */
const LIVE = sql`(${sql.join(
  orderStatusSchema.options
    .filter((s) => s !== 'shipped' && s !== 'cancelled')
    .map((s) => sql`${s}`),
  sql`, `,
)})`;

/**
 * Units taken from bins for pick lines and not put back, per SKU of a warehouse: what was picked
 * for each line of an order not shipped, plus over-picks, less put-backs.
 *
 * A cancelled order's units in hand are on the lines it had in waves when it was cancelled: those
 * lines were pulled (`cancelled`), or, where their wave was cancelled before, kept their status in
 * that wave. Only those are read (two partial indexes), not every cancelled order of the 400 days
 * they are kept: most are cancelled before a wave and never had a line.
 */
export function unitsInHand(warehouseId: string) {
  return sql`
    with lines as (
      select pl.id, pl.sku_id, pl.picked_qty, pl.put_back_qty from pick_lines pl
      where pl.warehouse_id = ${warehouseId}
        and pl.order_id in (select o.id from orders o
                            where o.warehouse_id = ${warehouseId} and o.status in ${LIVE})
      union all
      select pl.id, pl.sku_id, pl.picked_qty, pl.put_back_qty from pick_lines pl
      join orders o on o.id = pl.order_id and o.status = 'cancelled'
      where pl.warehouse_id = ${warehouseId} and pl.status = 'cancelled'
      union all
      select pl.id, pl.sku_id, pl.picked_qty, pl.put_back_qty
      from waves w
      join pick_lines pl on pl.wave_id = w.id and pl.status <> 'cancelled'
      join orders o on o.id = pl.order_id and o.status = 'cancelled'
      where w.warehouse_id = ${warehouseId} and w.status = 'cancelled'
    ), over as (
      select e.pick_line_id, sum(e.qty)::int as qty from exceptions e
      where e.kind = 'over-pick' and e.pick_line_id in (select id from lines)
      group by e.pick_line_id
    )
    select l.sku_id, sum(l.picked_qty + coalesce(ov.qty, 0) - l.put_back_qty)::int as qty
    from lines l left join over ov on ov.pick_line_id = l.id
    group by l.sku_id`;
}

/**
 * Checks that the pool and the stock follow the ledger (issue 16): per SKU of a warehouse with
 * bins, the pool's `physical` against bin stock (available, or received and on its way to it) plus units in hand (picked for
 * orders not shipped yet, not put back); per stock slot, its quantity against the sum of its
 * ledger rows. The pool's physical is moved by the ledger itself (a trigger), so both lists are
 * empty unless something wrote around it; nothing is corrected (`pool_corrections` is history).
 * Read in one transaction that locks the warehouse's pool rows, so no reservation or shipment
 * moves the counts while they are compared. A warehouse without bins keeps only the pool.
 */
export async function reconcilePool(db: Db, warehouseId: string): Promise<Reconciliation> {
  await advanceLedgerCheckpoint(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      select 1 from inventory_pool where warehouse_id = ${warehouseId} order by sku_id for update`);
    const balances = await balancesOf(tx, warehouseId);
    const drifts: PoolDrift[] = balances
      .map((b) => ({ ...b, warehouseId, drift: poolDrift(b) }))
      .filter((b) => b.drift !== 0);
    const ledgerDrifts = await ledgerDriftsOf(tx, warehouseId);
    return { warehouseId, checkedSkus: balances.length, drifts, ledgerDrifts, corrected: false };
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
      select sku_id, sum(qty)::int as qty from stock
      where warehouse_id = ${warehouseId} and status in ${PHYSICAL_STATUSES} group by sku_id
    ), in_hand as (${unitsInHand(warehouseId)}
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

/**
 * Stock slots whose quantity is not the sum of their ledger rows (`ship` rows move no slot), the
 * sums read from the checkpoint and the rows after it (`ledger-checkpoint.ts`).
 */
async function ledgerDriftsOf(tx: Tx, warehouseId: string) {
  return queryRows<Reconciliation['ledgerDrifts'][number]>(
    tx,
    sql`
    with ledger as (${ledgerSlotSums(warehouseId)}
    ), slots as (
      select bin_id, sku_id, lot, expiry, status, qty from stock where warehouse_id = ${warehouseId}
    )
    select coalesce(s.bin_id, l.bin_id) as "binId", coalesce(s.sku_id, l.sku_id) as "skuId",
           coalesce(s.lot, l.lot) as lot, to_char(coalesce(s.expiry, l.expiry), 'YYYY-MM-DD') as expiry,
           coalesce(s.status, l.status) as status,
           coalesce(s.qty, 0) as "inStock", coalesce(l.qty, 0) as "inLedger"
    from slots s
    full join ledger l on l.bin_id = s.bin_id and l.sku_id = s.sku_id and l.status = s.status
      and l.lot is not distinct from s.lot and l.expiry is not distinct from s.expiry
    where coalesce(s.qty, 0) <> coalesce(l.qty, 0)
    order by 1, 2, 3, 4, 5`,
  );
}
