import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

interface AfterSalesOrder {
  orderId: string;
  orderType: 'return' | 'exchange';
  originalOrderId: string;
  status: string;
  valueCents: number;
}

/**
 * A sale's after-sales (M5.3, issue 21): its returns, the exchanges that follow it or its
 * returns, and the refund due to the customer: the value of the returned lines (qty × unit price
 * as the return states it) less the value of the goods sent out again in exchange, never below 0.
 * Null for an order that has none.
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
                     where ol.order_id = l.id), 0)::int as "valueCents"
    from linked l
    order by l.id`,
  );
  if (rows.length === 0) return null;
  const returns = rows.filter((r) => r.orderType === 'return');
  const exchanges = rows.filter((r) => r.orderType === 'exchange');
  const returnedCents = sum(returns);
  const exchangedCents = sum(exchanges);
  return {
    returns,
    exchanges,
    returnedCents,
    exchangedCents,
    refundDueCents: Math.max(0, returnedCents - exchangedCents),
  };
}

const sum = (orders: readonly AfterSalesOrder[]) => orders.reduce((s, o) => s + o.valueCents, 0);
