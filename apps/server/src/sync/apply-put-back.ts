import { creditPutBack, type ReturnableLine } from '@wms/domain';
import type { EventOutcome, PutBackEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { moveStock } from '../inventory/stock-ledger';
import { recordOrderSteps } from '../orders/order-timeline';

interface LockedLine extends ReturnableLine {
  orderId: string;
  waveId: string;
  assignedUserId: string | null;
  lot: string | null;
  expiry: string | null;
}

/**
 * Units returned to their bins after an order or a wave was pulled (put-back@1): each bin is
 * credited (stock + a `put-back` ledger row) with what the domain's `creditPutBack` allows, the
 * lines remember what went back, and each order's trace gets a `put-back` step. Set-based: one
 * statement per table. Earlier events of the same push (late picks, over-picks) are already
 * applied, so they count.
 */
export async function applyPutBack(
  tx: Tx,
  warehouseId: string,
  event: PutBackEvent,
  now: Date,
): Promise<EventOutcome> {
  const { items } = event.payload;
  const lines = await lockLines(tx, warehouseId, [...new Set(items.map((i) => i.pickLineId))]);
  if (lines.size === 0) return 'unknown-line';
  const bins = await binIds(tx, warehouseId, [...new Set(items.map((i) => i.binCode))]);
  const known = items.filter((item) => bins.has(item.binCode));
  const credited = creditPutBack([...lines.values()], known);
  const moves = known.flatMap((item, i) => {
    const qty = credited[i] ?? 0;
    const binId = bins.get(item.binCode);
    return qty > 0 && binId ? [{ ...item, qty, binId }] : [];
  });
  if (moves.length > 0) {
    // A lot-allocated line goes back into the lot the picker names, else its own; a line without
    // a lot (SKU not lot-tracked) stays without one.
    await moveStock(
      tx,
      moves.map((m) => {
        const line = lines.get(m.pickLineId);
        const lot = line?.lot == null ? null : (m.lot ?? line.lot);
        return {
          warehouseId,
          binId: m.binId,
          skuId: m.skuId,
          lot,
          expiry: lot !== null && lot === line?.lot ? line.expiry : null,
          status: 'available' as const,
          delta: m.qty,
          reason: 'put-back' as const,
          eventId: event.id,
        };
      }),
      now,
    );
    const json = JSON.stringify(moves.map((m) => ({ pick_line_id: m.pickLineId, delta: m.qty })));
    await tx.execute(sql`
      update pick_lines p set put_back_qty = p.put_back_qty + r.qty
      from (select pick_line_id, sum(delta)::int as qty
            from jsonb_to_recordset(${json}::jsonb) as r(pick_line_id text, delta int)
            group by pick_line_id) r
      where p.id = r.pick_line_id`);
  }
  await recordOrderSteps(tx, traceSteps(event, lines, moves), now);
  const line = lines.values().next().value;
  return line?.assignedUserId === event.userId ? 'applied' : 'stale-assignment';
}

/** One `put-back` step per order, with the units credited to each bin (none when all were back). */
function traceSteps(
  event: PutBackEvent,
  lines: ReadonlyMap<string, LockedLine>,
  moves: readonly {
    pickLineId: string;
    binCode: string;
    skuId: string;
    qty: number;
    lot?: string;
  }[],
) {
  const orders = new Map<
    string,
    { pickLineId: string; binCode: string; skuId: string; qty: number; lot?: string }[]
  >();
  for (const line of lines.values()) orders.set(line.orderId, orders.get(line.orderId) ?? []);
  for (const { pickLineId, binCode, skuId, qty, lot } of moves) {
    const orderId = lines.get(pickLineId)?.orderId;
    if (orderId)
      orders.get(orderId)?.push({ pickLineId, binCode, skuId, qty, ...(lot ? { lot } : {}) });
  }
  return [...orders].map(([orderId, credited]) => ({
    orderId,
    kind: 'put-back' as const,
    detail: { eventId: event.id, waveId: event.payload.waveId, userId: event.userId, credited },
  }));
}

/** Locks the lines (in id order, like picks) with what was taken and returned for each. */
async function lockLines(tx: Tx, warehouseId: string, ids: string[]) {
  const rows = await queryRows<LockedLine>(
    tx,
    sql`
    select pl.id, pl.order_id as "orderId", pl.wave_id as "waveId", pl.sku_id as "skuId",
           pl.picked_qty as "pickedQty", pl.put_back_qty as "putBackQty", pl.lot,
           to_char(pl.expiry, 'YYYY-MM-DD') as expiry,
           (pl.status = 'cancelled' or w.status = 'cancelled') as released,
           coalesce((select sum(e.qty) from exceptions e
                     where e.pick_line_id = pl.id and e.kind = 'over-pick'), 0)::int as "overQty",
           w.assigned_user_id as "assignedUserId"
    from pick_lines pl
    join waves w on w.id = pl.wave_id
    where pl.warehouse_id = ${warehouseId}
      and pl.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
    order by pl.id
    for update of pl`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function binIds(tx: Tx, warehouseId: string, codes: string[]) {
  const rows = await queryRows<{ id: string; code: string }>(
    tx,
    sql`select id, code from bins where warehouse_id = ${warehouseId}
        and code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
  return new Map(rows.map((row) => [row.code, row.id]));
}
