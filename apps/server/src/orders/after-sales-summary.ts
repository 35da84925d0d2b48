import { type GradedReturnLine, returnRefund } from '@wms/domain';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

interface AfterSalesOrder {
  orderId: string;
  orderType: 'return' | 'exchange';
  originalOrderId: string;
  status: string;
  valueCents: number;
  /** A return's lines as graded at the dock (its return notice's), with the unit price paid. */
  graded: GradedReturnLine[];
}

/**
 * A sale's after-sales (M5.3, issue 21): its returns, the exchanges that follow it or its
 * returns, and the money. `returnedCents` is what the returns claim (qty × unit price as the
 * return states it); what is refunded follows the grading at the dock (decision 021,
 * `returnRefund`): units graded resellable or damaged are `refundableCents`, wrong items
 * `refundHeldCents` until a supervisor resolves them, units not graded yet
 * `refundAwaitingCents`. The refund due is what was graded refundable less the value of the goods
 * sent out again in exchange, never below 0. Null for an order that has none.
 */
export async function afterSalesOf(db: Db, orderId: string) {
  const rows = await queryRows<AfterSalesOrder>(
    db,
    sql`
    with recursive linked as (
      select id, order_type, original_order_id, status from orders where original_order_id = ${orderId}
      union
      select o.id, o.order_type, o.original_order_id, o.status
      from orders o join linked l on o.original_order_id = l.id
    )
    select l.id as "orderId", l.order_type as "orderType", l.original_order_id as "originalOrderId",
           l.status,
           coalesce((select sum(ol.qty * ol.unit_price_cents) from order_lines ol
                     where ol.order_id = l.id), 0)::int as "valueCents",
           coalesce((
             select json_agg(json_build_object(
                      'expectedQty', il.expected_qty,
                      'resellableQty', il.received_qty - il.damaged_qty,
                      'damagedQty', il.damaged_qty, 'wrongItemQty', il.wrong_item_qty,
                      'wrongItemRefundedQty', il.wrong_item_refunded_qty,
                      'wrongItemRefusedQty', il.wrong_item_refused_qty,
                      'unitPriceCents', coalesce((
                        select (sum(ol.qty * ol.unit_price_cents) / nullif(sum(ol.qty), 0))::int
                        from order_lines ol where ol.order_id = l.id and ol.sku_id = il.sku_id), 0)))
             from inbound_notices n join inbound_lines il on il.notice_id = n.id
             where l.order_type = 'return' and n.order_id = l.id and n.kind = 'return'), '[]'::json)
             as graded
    from linked l
    order by l.id`,
  );
  if (rows.length === 0) return null;
  const returns = rows
    .filter((r) => r.orderType === 'return')
    .map(({ graded, ...r }) => ({ ...r, ...returnRefund(graded) }));
  const exchanges = rows
    .filter((r) => r.orderType === 'exchange')
    .map(({ graded: _graded, ...r }) => r);
  const returnedCents = sum(returns, (r) => r.valueCents);
  const exchangedCents = sum(exchanges, (r) => r.valueCents);
  const refundableCents = sum(returns, (r) => r.refundableCents);
  return {
    returns,
    exchanges,
    returnedCents,
    exchangedCents,
    refundableCents,
    refundHeldCents: sum(returns, (r) => r.heldCents),
    refundAwaitingCents: sum(returns, (r) => r.awaitingCents),
    refundDueCents: Math.max(0, refundableCents - exchangedCents),
  };
}

const sum = <T>(rows: readonly T[], cents: (row: T) => number) =>
  rows.reduce((total, row) => total + cents(row), 0);
