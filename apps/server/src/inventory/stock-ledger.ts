import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import type { STOCK_STATUSES } from '../db/schema';

export type StockStatus = (typeof STOCK_STATUSES)[number];

/** One signed change of one stock slot (bin × SKU × lot × expiry × status). */
export interface StockMovement {
  warehouseId: string;
  binId: string;
  skuId: string;
  lot: string | null;
  expiry: string | null;
  status: StockStatus;
  delta: number;
  reason:
    | 'initial'
    | 'put-back'
    | 'receipt'
    | 'count'
    | 'opening'
    | 'move'
    | 'adjust'
    | 'lot-correction'
    | 'qc'
    | 'put-away';
  // (`ship` rows are written by `recordShipment` only: they move no slot.)
  reasonCode?: string | null;
  userId?: string | null;
  note?: string | null;
  eventId?: string | null;
}

/**
 * The one way stock changes outside the pick path: each movement is a ledger row and the slot's
 * quantity moves by it, in the caller's transaction (the pool's `physical` follows the ledger by
 * trigger). Slots are locked in one order (bin, SKU, lot, expiry, status), so two writers never
 * deadlock. Returns each touched slot's quantity after the change.
 */
export async function moveStock(tx: Tx, movements: readonly StockMovement[], now: Date) {
  if (movements.length === 0) return [];
  const rows = movements.map((m, seq) => ({
    seq,
    w: m.warehouseId,
    b: m.binId,
    s: m.skuId,
    lot: m.lot,
    expiry: m.expiry,
    status: m.status,
    delta: m.delta,
    reason: m.reason,
    code: m.reasonCode ?? null,
    by: m.userId ?? null,
    note: m.note ?? null,
    event: m.eventId ?? null,
  }));
  const json = JSON.stringify(rows);
  const recordset = sql`jsonb_to_recordset(${json}::jsonb) as r(seq int, w text, b text, s text,
    lot text, expiry date, status text, delta int, reason text, code text, by text, note text, event uuid)`;
  await tx.execute(sql`
    insert into stock_movements (warehouse_id, bin_id, sku_id, lot, expiry, status, delta, reason,
                                 reason_code, user_id, note, event_id, at)
    select w, b, s, lot, expiry, status, delta, reason, code, by, note, event, ${now.toISOString()}::timestamptz
    from ${recordset} order by seq`);
  return queryRows<{
    binId: string;
    skuId: string;
    lot: string | null;
    status: string;
    qty: number;
  }>(
    tx,
    sql`
    insert into stock (warehouse_id, bin_id, sku_id, lot, expiry, status, qty)
    select w, b, s, lot, expiry, status, sum(delta)::int from ${recordset}
    group by w, b, s, lot, expiry, status
    order by b collate "C", s collate "C", lot collate "C" nulls first, expiry nulls first, status collate "C"
    on conflict (bin_id, sku_id, lot, expiry, status) do update set qty = stock.qty + excluded.qty
    returning bin_id as "binId", sku_id as "skuId", lot, status, qty`,
  );
}

/**
 * An order's units in hand leave the building (issue 16: every change of the pool's `physical`
 * is a ledger row): one `ship` row per pick line, of what was taken from bins for it and not put
 * back (picked, plus over-picks, less put-backs), naming the bin, lot and expiry the units came
 * from. A `ship` row moves no stock slot (the `pick` row already took the units out of the bin;
 * slots are the sum of their other rows) and the pool's trigger takes it out of `physical`.
 */
export async function recordShipment(tx: Tx, orderId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    with lines as (select * from pick_lines where order_id = ${orderId}),
    over_picks as (
      select pick_line_id, sum(qty)::int as qty from exceptions
      where kind = 'over-pick' and pick_line_id in (select id from lines) group by pick_line_id
    ), in_hand as (
      select l.id, l.warehouse_id, l.bin_id, l.sku_id, l.lot, l.expiry,
             l.picked_qty + coalesce(o.qty, 0) - l.put_back_qty as qty
      from lines l left join over_picks o on o.pick_line_id = l.id
    )
    insert into stock_movements (warehouse_id, bin_id, sku_id, lot, expiry, status, delta, reason, at)
    select warehouse_id, bin_id, sku_id, lot, expiry, 'available', -qty, 'ship',
           ${now.toISOString()}::timestamptz
    from in_hand where qty <> 0 order by id`);
}
