import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { insertNotice } from './insert-notice';

/** What a return order gives its expected inbound. */
export interface ReturnOrder {
  id: string;
  warehouseId: string | null;
  lines: readonly { skuId: string; qty: number }[];
}

/**
 * A return order's goods are expected back: a 'return' notice `RT-<order id>` in the order's
 * warehouse with one line per SKU, expected today, in the caller's transaction (the intake's).
 * Called again for the same order it adds nothing. An order without a warehouse (unrouted)
 * expects nothing yet. Returns the notice id, or null.
 *
 * @example
 * await expectReturnInbound(tx, { id: 'SO-R-1', warehouseId: 'GZ', lines: [{ skuId: 'SKU-00042', qty: 1 }] })
 */
export async function expectReturnInbound(
  tx: Tx,
  order: ReturnOrder,
  now: Date = new Date(),
): Promise<string | null> {
  if (!order.warehouseId || order.lines.length === 0) return null;
  const code = `RT-${order.id.toUpperCase()}`.slice(0, 40);
  const [existing] = await queryRows<{ id: string }>(
    tx,
    sql`select id from inbound_notices where warehouse_id = ${order.warehouseId} and code = ${code}`,
  );
  if (existing) return existing.id;
  const bySku = new Map<string, number>();
  for (const l of order.lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.qty);
  const { id } = await insertNotice(tx, {
    warehouseId: order.warehouseId,
    code,
    kind: 'return',
    supplierId: null,
    orderId: order.id,
    expectedDate: now.toISOString().slice(0, 10),
    createdBy: null,
    lines: [...bySku].map(([skuId, expectedQty]) => ({ skuId, expectedQty })),
  });
  return id;
}
