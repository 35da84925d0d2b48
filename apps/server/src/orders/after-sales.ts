import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { badRequest } from '../http/api-error';
import { expectReturnInbound } from '../inbound/expect-return';
import type { StepRow } from './intake-run';

/**
 * Returns and exchanges at intake (issue 21, M5.3): ALL return-order handling of intake lives
 * here and in `IntakeRun.acceptAfterSales`, which calls it. A return is goods coming in: it is
 * stored `awaiting-return` in its original order's warehouse, is never reserved, waved or
 * picked, and the hold and dedup rules do not run on it. An exchange's outbound part is a normal
 * sale-like order linked to its return (or to the sale when there is no return).
 */

/** The order a return or exchange names, as intake reads it before deciding. */
export interface AfterSalesOriginal {
  id: string;
  warehouseId: string;
  orderType: 'sale' | 'return' | 'exchange';
  /** For a return or exchange: the order it follows. */
  originalOrderId: string | null;
}

/** A return or exchange intake created, for the writes after the orders are stored. */
export interface AfterSalesLink {
  kind: 'return' | 'exchange';
  orderId: string;
  warehouseId: string;
  /** The order it names. */
  originalOrderId: string;
  /** The sale it all started from (the return's original for an exchange of a return). */
  saleOrderId: string;
  lines: readonly { skuId: string; qty: number; unitPriceCents: number }[];
}

/** The orders the batch's returns and exchanges name, in one read. */
export async function loadAfterSalesOriginals(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, AfterSalesOriginal>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<AfterSalesOriginal>(
    tx,
    sql`select id, warehouse_id as "warehouseId", order_type as "orderType",
               original_order_id as "originalOrderId"
        from orders where id = any(array(select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb)))`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The original a return or exchange names, or the 400 that names the field. */
export function assertOriginal(
  originals: ReadonlyMap<string, AfterSalesOriginal>,
  kind: 'return' | 'exchange',
  originalOrderId: string | undefined,
): AfterSalesOriginal {
  const found = originalOrderId ? originals.get(originalOrderId) : undefined;
  if (!found) {
    throw badRequest(
      `originalOrderId: no order ${originalOrderId ?? '(none)'}: a ${kind} must name an order we received (its SO- number)`,
      [{ path: 'originalOrderId', message: `no order ${originalOrderId ?? '(none)'}` }],
    );
  }
  if (kind === 'return' && found.orderType === 'return') {
    throw badRequest(`originalOrderId: ${found.id} is itself a return: name the sale`, [
      { path: 'originalOrderId', message: `${found.id} is a return` },
    ]);
  }
  return found;
}

/** The steps the sale (and, for an exchange of a return, the return) gets in its trace. */
export function afterSalesSteps(link: AfterSalesLink): StepRow[] {
  const valueCents = link.lines.reduce((sum, l) => sum + l.qty * l.unitPriceCents, 0);
  const detail = { orderId: link.orderId, lines: link.lines, valueCents };
  if (link.kind === 'return') {
    return [{ orderId: link.saleOrderId, kind: 'return-requested', detail }];
  }
  const steps: StepRow[] = [{ orderId: link.saleOrderId, kind: 'exchange-created', detail }];
  if (link.originalOrderId !== link.saleOrderId)
    steps.push({ orderId: link.originalOrderId, kind: 'exchange-created', detail });
  return steps;
}

/**
 * After the batch's orders are stored, in the batch's transaction: each return's goods are
 * expected back as a 'return' inbound notice in its warehouse (received and graded on the
 * handheld, issue 23), never a reservation or a pick.
 */
export async function writeAfterSales(
  tx: Tx,
  links: readonly AfterSalesLink[],
  now: Date,
): Promise<void> {
  for (const r of links) {
    if (r.kind !== 'return') continue;
    await expectReturnInbound(
      tx,
      { id: r.orderId, warehouseId: r.warehouseId, lines: r.lines },
      now,
    );
  }
}
