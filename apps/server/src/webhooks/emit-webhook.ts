import { randomUUID } from 'node:crypto';
import type { WebhookEventType } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRowsPrepared } from '../db/database';

/**
 * Which subscriptions receive a message: those of its warehouse, the hub-wide ones made before
 * subscriptions were scoped, and for an order not yet routed to a warehouse, every one.
 */
const RECEIVES = sql.raw(
  `(s.warehouse_id is null or m.warehouse_id is null or s.warehouse_id = m.warehouse_id)`,
);

/**
 * Puts an event in the transactional outbox: the message and one delivery per subscription to
 * its type are written in the caller's transaction, so they exist exactly when the change does
 * (a crash after commit loses nothing; a rollback sends nothing). The message carries its
 * order's warehouse (or, without an order, the `warehouseId` of its data: an exception, an
 * alert), and only that warehouse's subscriptions receive it (issue 15: a GZ exception went to
 * CD's subscribers).
 */
export async function emitWebhook(
  tx: Tx,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  const orderId = typeof data.orderId === 'string' ? data.orderId : null;
  const warehouseId = typeof data.warehouseId === 'string' ? data.warehouseId : null;
  const payload = { id, type, timestamp: now.toISOString(), data };
  await tx.execute(sql`
    with m as (
      insert into webhook_messages (id, type, order_id, payload, created_at, warehouse_id)
      values (${id}, ${type}, ${orderId}, ${JSON.stringify(payload)}::jsonb, ${now.toISOString()}::timestamptz,
              coalesce((select warehouse_id from orders where id = ${orderId}), ${warehouseId}::text))
      returning id, warehouse_id
    )
    insert into webhook_deliveries (id, message_id, subscription_id, next_attempt_at, created_at)
    select gen_random_uuid(), m.id, s.id, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from m join webhook_subscriptions s
      on s.active and s.deleted_at is null and s.event_types ? ${type} and ${RECEIVES}`);
  return id;
}

/** Many events in the outbox in one statement (an intake batch), in the order given. */
export async function emitWebhooks(
  tx: Tx,
  events: readonly { type: WebhookEventType; data: Record<string, unknown> }[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  const at = now.toISOString();
  const rows = events.map((e, seq) => {
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    const orderId = typeof e.data.orderId === 'string' ? e.data.orderId : null;
    return {
      seq,
      id,
      type: e.type,
      order_id: orderId,
      warehouse_id: typeof e.data.warehouseId === 'string' ? e.data.warehouseId : null,
      payload: { id, type: e.type, timestamp: at, data: e.data },
    };
  });
  await queryRowsPrepared(
    tx,
    sql`
    with m as (
      insert into webhook_messages (id, type, order_id, payload, created_at, warehouse_id)
      select r.id, r.type, r.order_id, r.payload, ${at}::timestamptz, coalesce(o.warehouse_id, r.warehouse_id)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(seq int, id text, type text, order_id text, warehouse_id text, payload jsonb)
        left join orders o on o.id = r.order_id
      order by r.seq
      returning id, type, warehouse_id
    )
    insert into webhook_deliveries (id, message_id, subscription_id, next_attempt_at, created_at)
    select gen_random_uuid(), m.id, s.id, ${at}::timestamptz, ${at}::timestamptz
    from m join webhook_subscriptions s
      on s.active and s.deleted_at is null and s.event_types ? m.type and ${RECEIVES}`,
  );
}
