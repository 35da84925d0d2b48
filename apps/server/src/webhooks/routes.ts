import { randomUUID } from 'node:crypto';
import { isoTimeSchema, webhookSubscriptionInputSchema } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { queryRows } from '../db/database';
import { webhookSubscriptions } from '../db/schema';
import { notFound } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { parseBody, parseWith, pathParam } from '../http/parse-input';
import { newWebhookSecret } from './sign-webhook';

const deliveriesQuerySchema = z.strictObject({
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  messageId: z.string().max(64).optional(),
});
const replaySinceSchema = z.strictObject({ since: isoTimeSchema });

/** Subscriptions, the delivery log and replay: for admins. */
export function webhookRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireCaller(deps, ['admin']))
    .post('/subscriptions', async (c) => {
      const input = await parseBody(c, webhookSubscriptionInputSchema);
      const [row] = await deps.db
        .insert(webhookSubscriptions)
        .values({
          id: randomUUID(),
          url: input.url,
          eventTypes: input.eventTypes,
          secret: input.secret ?? newWebhookSecret(),
        })
        .returning();
      return c.json(row, 201);
    })
    .get('/subscriptions', async (c) =>
      c.json({ subscriptions: await deps.db.select().from(webhookSubscriptions) }),
    )
    .get('/deliveries', async (c) => {
      const q = parseWith(deliveriesQuerySchema, c.req.query());
      const deliveries = await queryRows(
        deps.db,
        sql`select d.id, d.message_id as "messageId", m.type, m.order_id as "orderId", s.url, d.status, d.attempts,
                   d.next_attempt_at as "nextAttemptAt", d.last_error as "lastError", d.delivered_at as "deliveredAt", d.created_at as "createdAt"
            from webhook_deliveries d join webhook_messages m on m.id = d.message_id join webhook_subscriptions s on s.id = d.subscription_id
            where (${q.status ?? null}::text is null or d.status = ${q.status ?? null})
              and (${q.messageId ?? null}::text is null or d.message_id = ${q.messageId ?? null})
            order by d.created_at desc limit 500`,
      );
      return c.json({ deliveries });
    })
    .get('/deliveries/:deliveryId/attempts', async (c) =>
      c.json({
        attempts: await queryRows(
          deps.db,
          sql`select at, status_code as "statusCode", error, duration_ms as "durationMs" from webhook_attempts
              where delivery_id = ${pathParam(c, 'deliveryId', z.uuid())}::uuid order by id`,
        ),
      }),
    )
    .post('/deliveries/:deliveryId/replay', async (c) => {
      const id = pathParam(c, 'deliveryId', z.uuid());
      const rows = await queryRows(
        deps.db,
        sql`update webhook_deliveries set status = 'pending', next_attempt_at = ${deps.now().toISOString()}::timestamptz
            where id = ${id}::uuid returning id`,
      );
      if (rows.length === 0) throw notFound(`No webhook delivery ${id}`);
      return c.json({ replayed: rows.length });
    })
    .post('/replay', async (c) => {
      const { since } = await parseBody(c, replaySinceSchema);
      const rows = await queryRows(
        deps.db,
        sql`update webhook_deliveries set status = 'pending', next_attempt_at = ${deps.now().toISOString()}::timestamptz
            where created_at >= ${since}::timestamptz returning id`,
      );
      return c.json({ replayed: rows.length });
    });
}
