import { sql } from 'drizzle-orm';
import { type Tx, queryRowsPrepared } from '../db/database';

/** The steps of an order's life (M5.2), as recorded in `order_events`. */
export type OrderStep =
  | 'received'
  | 'cleaned'
  | 'deduplicated'
  | 'routed'
  | 'unrouted'
  | 'held'
  | 'flagged'
  | 'released'
  | 'cancelled'
  | 'reserved'
  | 'reservation-short'
  | 'backordered'
  | 'waved'
  | 'picked'
  | 'pulled-from-wave'
  | 'put-back'
  | 'address-change'
  | 'packed'
  | 'waybill'
  | 'tracking'
  | 'shipped'
  // Issue 21: returns and exchanges, address changes the customer confirms, ship-together.
  | 'return-expected'
  | 'return-requested'
  | 'exchange-created'
  | 'address-confirmation-requested'
  | 'address-changed'
  | 'address-change-rejected'
  | 'ship-together'
  | 'dedup-review'
  | 'presale-delayed'
  // Issue 27: a platform's later version of the order, and the shipment confirmed on it.
  | 'platform-change'
  | 'platform-confirmed'
  | 'platform-confirm-failed'
  // Issue 23: a returned unit graded at the dock, with the refund it credits.
  | 'return-graded'
  // Every line of the return came in and was graded: the order is `returned`.
  | 'returned'
  // A supervisor decided a returned wrong item's held refund (its exception resolved).
  | 'return-refund-decided';

/** Appends steps to orders' timelines, in one statement. */
export async function recordOrderSteps(
  tx: Tx,
  steps: readonly { orderId: string; kind: OrderStep; detail: Record<string, unknown> }[],
  now: Date,
): Promise<void> {
  if (steps.length === 0) return;
  const rows = steps.map((s, seq) => ({
    seq,
    order_id: s.orderId,
    kind: s.kind,
    detail: s.detail,
  }));
  await queryRowsPrepared(
    tx,
    sql`
    insert into order_events (order_id, kind, detail, at)
    select order_id, kind, detail, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(seq int, order_id text, kind text, detail jsonb)
    order by seq`,
  );
}
