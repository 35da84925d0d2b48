import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';

/** A change of the units still expected of a SKU in a warehouse (open notice lines). */
export interface InboundDelta {
  warehouseId: string;
  skuId: string;
  delta: number;
}

/**
 * The units a line still expects: what it expected less what came, never below zero (an
 * over-receipt expects nothing more). Only open notices' lines expect anything.
 */
export const openQty = (line: { expectedQty: number; receivedQty: number }) =>
  Math.max(line.expectedQty - line.receivedQty, 0);

/**
 * Moves the pool's `inbound` by what open notice lines expect, in the caller's transaction: the
 * one writer of that figure (decision 010). Pool rows are touched in (warehouse, SKU) order, as
 * reservations lock them, so the two never wait on each other in a cycle.
 */
export async function movePoolInbound(tx: Tx, deltas: readonly InboundDelta[]): Promise<void> {
  const summed = new Map<string, InboundDelta>();
  for (const d of deltas) {
    const key = `${d.warehouseId}\u0000${d.skuId}`;
    const known = summed.get(key);
    if (known) known.delta += d.delta;
    else summed.set(key, { ...d });
  }
  const rows = [...summed.values()]
    .filter((d) => d.delta !== 0)
    .map((d) => ({ w: d.warehouseId, s: d.skuId, d: d.delta }));
  if (rows.length === 0) return;
  await queryRows(
    tx,
    sql`
    insert into inventory_pool (warehouse_id, sku_id, inbound)
    select w, s, d from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(w text, s text, d int)
    order by w, s
    on conflict (warehouse_id, sku_id) do update set inbound = inventory_pool.inbound + excluded.inbound`,
  );
}
