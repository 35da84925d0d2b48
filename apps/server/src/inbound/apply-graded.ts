import { randomUUID } from 'node:crypto';
import type { EventOutcome, ReturnGradedEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { moveStock } from '../inventory/stock-ledger';
import { recordOrderSteps } from '../orders/order-timeline';
import { receivingBin, suggestedBin } from './inbound-bins';
import { movePoolInbound, openQty } from './pool-inbound';

interface GradedLine {
  noticeId: string;
  noticeCode: string;
  status: 'open' | 'closed';
  orderId: string | null;
  lineId: string;
  skuId: string;
  expectedQty: number;
  receivedQty: number;
}

/**
 * `return-graded@1`: returned units graded at the dock, against their return notice's line (under
 * the notice's lock, so two devices grading one return add up). `resellable` units count as
 * received (the pool's inbound falls by what the line expected of them), wait at the dock as
 * received-not-put-away with a put-away task whose id is this event's; `damaged` ones count as
 * received and damaged and go to quarantine at the dock (out of physical); `wrong-item` units are
 * not the line's SKU: they count on the line apart (the pool still expects the right item) and
 * open a `return-wrong-item` exception for a supervisor. The return order's trace gets the grade
 * and the refund it credits (decision 021). Not a return notice of this warehouse, or a line not
 * of it: `unknown-line`, nothing moved.
 */
export async function applyReturnGraded(
  tx: Tx,
  warehouseId: string,
  event: ReturnGradedEvent,
  now: Date,
): Promise<EventOutcome> {
  const { payload } = event;
  const line = await lockGradedLine(tx, warehouseId, payload.noticeId, payload.lineId);
  if (!line) return 'unknown-line';
  const counted = payload.grade === 'wrong-item' ? 0 : payload.qty;
  await tx.execute(sql`
    update inbound_lines set received_qty = received_qty + ${counted},
           damaged_qty = damaged_qty + ${payload.grade === 'damaged' ? payload.qty : 0},
           wrong_item_qty = wrong_item_qty + ${payload.grade === 'wrong-item' ? payload.qty : 0}
    where id = ${line.lineId}::uuid`);
  const after = line.receivedQty + counted;
  if (line.status === 'open' && counted > 0)
    await movePoolInbound(tx, [
      {
        warehouseId,
        skuId: line.skuId,
        delta: openQty({ ...line, receivedQty: after }) - openQty(line),
      },
    ]);
  if (payload.grade === 'wrong-item') await openWrongItem(tx, warehouseId, line, event, now);
  else await placeAtDock(tx, warehouseId, line, event, now);
  if (line.orderId) {
    await traceGrade(tx, line, event, now);
    await closeReturnWhenIn(tx, line, now);
  }
  return after > line.expectedQty ? 'over-receipt' : 'applied';
}

async function lockGradedLine(
  tx: Tx,
  warehouseId: string,
  noticeId: string,
  lineId: string,
): Promise<GradedLine | null> {
  const [notice] = await queryRows<{ id: string }>(
    tx,
    sql`select id from inbound_notices
        where id = ${noticeId}::uuid and warehouse_id = ${warehouseId} and kind = 'return' for update`,
  );
  if (!notice) return null;
  const [line] = await queryRows<GradedLine>(
    tx,
    sql`select n.id as "noticeId", n.code as "noticeCode", n.status, n.order_id as "orderId",
               l.id as "lineId", l.sku_id as "skuId", l.expected_qty as "expectedQty",
               l.received_qty as "receivedQty"
        from inbound_lines l join inbound_notices n on n.id = l.notice_id
        where l.id = ${lineId}::uuid and l.notice_id = ${noticeId}::uuid`,
  );
  return line ?? null;
}

/** Resellable units wait at the dock for put-away; damaged ones are quarantined there. */
async function placeAtDock(
  tx: Tx,
  warehouseId: string,
  line: GradedLine,
  event: ReturnGradedEvent,
  now: Date,
) {
  const { payload } = event;
  const dock = await receivingBin(tx, warehouseId);
  const resellable = payload.grade === 'resellable';
  await moveStock(
    tx,
    [
      {
        warehouseId,
        binId: dock,
        skuId: line.skuId,
        lot: null,
        expiry: null,
        status: resellable ? 'received-not-put-away' : 'quarantined',
        delta: payload.qty,
        reason: 'receipt',
        reasonCode: `return-${payload.grade}`,
        userId: event.userId,
        eventId: event.id,
        note: payload.note ?? null,
      },
    ],
    now,
  );
  if (!resellable) return;
  const suggested = await suggestedBin(tx, warehouseId, line.skuId, payload.qty);
  await tx.execute(sql`
    insert into inbound_tasks (id, warehouse_id, kind, notice_id, line_id, sku_id, from_bin_id,
                               suggested_bin_id, qty, created_at)
    values (${event.id}::uuid, ${warehouseId}, 'put-away', ${line.noticeId}::uuid,
            ${line.lineId}::uuid, ${line.skuId}, ${dock}, ${suggested}, ${payload.qty},
            ${now.toISOString()}::timestamptz)`);
}

async function openWrongItem(
  tx: Tx,
  warehouseId: string,
  line: GradedLine,
  event: ReturnGradedEvent,
  now: Date,
) {
  const { payload } = event;
  const came = payload.scannedCode ? `came ${payload.scannedCode}` : 'came something else';
  const message =
    `Return ${line.noticeCode}${line.orderId ? ` (order ${line.orderId})` : ''}: ` +
    `${payload.qty} × ${line.skuId} expected, ${came}: decide the refund and where it goes (退货错货)`;
  await tx.execute(sql`
    insert into exceptions (id, warehouse_id, kind, event_id, inbound_line_id, sku_id, qty, message,
                            opened_at)
    values (${randomUUID()}::uuid, ${warehouseId}, 'return-wrong-item', ${event.id}::uuid,
            ${line.lineId}::uuid, ${line.skuId}, ${payload.qty}, ${message},
            ${now.toISOString()}::timestamptz)`);
}

/** The grade in the return order's trace, with what it credits: the unit price of the order's line. */
async function traceGrade(tx: Tx, line: GradedLine, event: ReturnGradedEvent, now: Date) {
  const { payload } = event;
  const [price] = await queryRows<{ unitPriceCents: number | null }>(
    tx,
    sql`select (sum(qty * unit_price_cents) / nullif(sum(qty), 0))::int as "unitPriceCents"
        from order_lines where order_id = ${line.orderId} and sku_id = ${line.skuId}`,
  );
  const unitPriceCents = price?.unitPriceCents ?? 0;
  const refundable = payload.grade === 'wrong-item' ? 0 : payload.qty;
  await recordOrderSteps(
    tx,
    [
      {
        orderId: line.orderId!,
        kind: 'return-graded',
        detail: {
          noticeCode: line.noticeCode,
          skuId: line.skuId,
          qty: payload.qty,
          grade: payload.grade,
          scannedCode: payload.scannedCode ?? null,
          by: event.userId,
          eventId: event.id,
          creditedCents: refundable * unitPriceCents,
          heldCents: (payload.qty - refundable) * unitPriceCents,
        },
      },
    ],
    now,
  );
}

/**
 * The return order is `returned` once every line of its notice came in and was graded (right
 * items counted received, wrong ones apart): it leaves `awaiting-return` in the console, takes no
 * address change or cancellation, and ages out with the finished orders (retention).
 */
async function closeReturnWhenIn(tx: Tx, line: GradedLine, now: Date) {
  const [waiting] = await queryRows<{ lines: number }>(
    tx,
    sql`select count(*)::int as lines from inbound_lines
        where notice_id = ${line.noticeId}::uuid and received_qty + wrong_item_qty < expected_qty`,
  );
  if (!waiting || waiting.lines > 0) return;
  const closed = await queryRows<{ id: string }>(
    tx,
    sql`update orders set status = 'returned'
        where id = ${line.orderId} and status = 'awaiting-return' returning id`,
  );
  if (closed.length === 0) return;
  await recordOrderSteps(
    tx,
    [{ orderId: line.orderId!, kind: 'returned', detail: { noticeCode: line.noticeCode } }],
    now,
  );
}
