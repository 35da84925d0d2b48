import { randomUUID } from 'node:crypto';
import type { WebhookEventType } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRowsPrepared } from '../db/database';

/**
 * Puts an event in the transactional outbox: the message and one delivery per subscription to
 * its type are written in the caller's transaction, so they exist exactly when the change does
 * (a crash after commit loses nothing; a rollback sends nothing).
 */
export async function emitWebhook(
  tx: Tx,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  const orderId = typeof data.orderId === 'string' ? data.orderId : null;
  const payload = { id, type, timestamp: now.toISOString(), data };
  await tx.execute(sql`
    with message as (
      insert into webhook_messages (id, type, order_id, payload, created_at)
      values (${id}, ${type}, ${orderId}, ${JSON.stringify(payload)}::jsonb, ${now.toISOString()}::timestamptz)
      returning id
    )
    insert into webhook_deliveries (id, message_id, subscription_id, next_attempt_at, created_at)
    select gen_random_uuid(), (select id from message), s.id, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from webhook_subscriptions s
    where s.active and s.deleted_at is null and s.event_types ? ${type}`);
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
      payload: { id, type: e.type, timestamp: at, data: e.data },
    };
  });
  await queryRowsPrepared(
    tx,
    sql`
    with message as (
      insert into webhook_messages (id, type, order_id, payload, created_at)
      select id, type, order_id, payload, ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(seq int, id text, type text, order_id text, payload jsonb)
      order by seq
      returning id, type
    )
    insert into webhook_deliveries (id, message_id, subscription_id, next_attempt_at, created_at)
    select gen_random_uuid(), m.id, s.id, ${at}::timestamptz, ${at}::timestamptz
    from message m join webhook_subscriptions s on s.active and s.deleted_at is null and s.event_types ? m.type`,
  );
}
