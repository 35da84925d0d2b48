import { documented } from '../api-docs/documented';
import {
  webhookDeletedSchema,
  webhookDeliveriesSchema,
  webhookAttemptsSchema,
  replayedSchema,
} from '../api-docs/response-schemas';
import { randomUUID } from 'node:crypto';
import {
  isoTimeSchema,
  type WebhookSubscription,
  webhookRotateSecretSchema,
  webhookSubscriptionInputSchema,
  webhookSubscriptionPatchSchema,
  webhookSubscriptionWithSecretSchema,
  webhookSubscriptionSchema,
} from '@wms/protocol';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { type Db, queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
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

/**
 * Subscriptions, the delivery log and replay: for admins, each of their own warehouse (a
 * subscription receives that warehouse's events; see `emit-webhook.ts`). Subscriptions made before
 * scoping (no warehouse) stay visible to every admin until recreated.
 */
export function webhookRoutes(deps: AppDeps) {
  const wh = (c: Context<SessionEnv>) => c.get('session').warehouseId;
  return new Hono<SessionEnv>()
    .use(requireCaller(deps, ['admin']))
    .post(
      '/subscriptions',
      documented({
        status: 201,
        summary:
          'Subscribe a URL to event types (the answer is the only one that shows the secret)',
        body: webhookSubscriptionInputSchema,
        response: webhookSubscriptionWithSecretSchema,
      }),
      async (c) => {
        const input = await parseBody(c, webhookSubscriptionInputSchema);
        const [row] = await deps.db
          .insert(webhookSubscriptions)
          .values({
            id: randomUUID(),
            url: input.url,
            eventTypes: input.eventTypes,
            secret: input.secret ?? newWebhookSecret(),
            warehouseId: wh(c),
          })
          .returning();
        // The only answer that carries the secret: lists and reads never show it again.
        return c.json({ ...publicView(row!), secret: row!.secret }, 201);
      },
    )
    .get(
      '/subscriptions',
      documented({
        response: z.object({ subscriptions: z.array(webhookSubscriptionSchema) }),
        summary: 'The subscriptions, without their secrets',
      }),
      async (c) => {
        const rows = await deps.db
          .select()
          .from(webhookSubscriptions)
          .where(and(isNull(webhookSubscriptions.deletedAt), visibleTo(wh(c))))
          .orderBy(webhookSubscriptions.createdAt);
        return c.json({ subscriptions: rows.map(publicView) });
      },
    )
    .get(
      '/subscriptions/:subscriptionId',
      documented({
        summary: 'One subscription, without its secret',
        response: webhookSubscriptionSchema,
      }),
      async (c) =>
        c.json(
          publicView(await liveSubscription(deps, pathParam(c, 'subscriptionId', z.uuid()), wh(c))),
        ),
    )
    .patch(
      '/subscriptions/:subscriptionId',
      documented({
        summary: 'Pause or resume (active), or change the URL or event types',
        body: webhookSubscriptionPatchSchema,
        response: webhookSubscriptionSchema,
      }),
      async (c) => {
        const id = pathParam(c, 'subscriptionId', z.uuid());
        const patch = await parseBody(c, webhookSubscriptionPatchSchema);
        await liveSubscription(deps, id, wh(c));
        const [row] = await deps.db
          .update(webhookSubscriptions)
          .set(patch)
          .where(eq(webhookSubscriptions.id, id))
          .returning();
        return c.json(publicView(row!));
      },
    )
    .delete(
      '/subscriptions/:subscriptionId',
      documented({
        response: webhookDeletedSchema,
        summary: 'Delete: nothing more is sent, pending deliveries are abandoned, the log stays',
      }),
      async (c) => {
        const id = pathParam(c, 'subscriptionId', z.uuid());
        await liveSubscription(deps, id, wh(c));
        const now = deps.now().toISOString();
        const abandoned = await deps.db.transaction(async (tx) => {
          await tx
            .update(webhookSubscriptions)
            .set({ active: false, deletedAt: new Date(now) })
            .where(eq(webhookSubscriptions.id, id));
          return queryRows(
            tx,
            sql`update webhook_deliveries set status = 'dead', last_error = 'subscription deleted'
              where subscription_id = ${id}::uuid and status = 'pending' returning id`,
          );
        });
        return c.json({ deleted: id, pendingDeliveriesAbandoned: abandoned.length });
      },
    )
    .post(
      '/subscriptions/:subscriptionId/rotate-secret',
      documented({
        summary:
          'A new secret (shown once); the old one signs beside it for graceHours (default 24), so receivers switch without a gap',
        body: webhookRotateSecretSchema,
        response: webhookSubscriptionWithSecretSchema,
      }),
      async (c) => {
        const id = pathParam(c, 'subscriptionId', z.uuid());
        const { graceHours } = await parseBody(c, webhookRotateSecretSchema);
        const current = await liveSubscription(deps, id, wh(c));
        const expiresAt = new Date(deps.now().getTime() + graceHours * 3_600_000);
        const [row] = await deps.db
          .update(webhookSubscriptions)
          .set({
            secret: newWebhookSecret(),
            previousSecret: graceHours > 0 ? current.secret : null,
            previousSecretExpiresAt: graceHours > 0 ? expiresAt : null,
          })
          .where(eq(webhookSubscriptions.id, id))
          .returning();
        return c.json({ ...publicView(row!), secret: row!.secret });
      },
    )
    .get(
      '/deliveries',
      documented({
        response: webhookDeliveriesSchema,
        summary: 'The delivery log (?status=, ?messageId=)',
      }),
      async (c) => {
        const q = parseWith(deliveriesQuerySchema, c.req.query());
        const deliveries = await queryRows(
          deps.db,
          sql`select d.id, d.message_id as "messageId", m.type, m.order_id as "orderId", s.url, d.status, d.attempts,
                   ${isoTime('d.next_attempt_at')} as "nextAttemptAt", d.last_error as "lastError", ${isoTime('d.delivered_at')} as "deliveredAt", ${isoTime('d.created_at')} as "createdAt"
            from webhook_deliveries d join webhook_messages m on m.id = d.message_id join webhook_subscriptions s on s.id = d.subscription_id
            where (${q.status ?? null}::text is null or d.status = ${q.status ?? null})
              and (${q.messageId ?? null}::text is null or d.message_id = ${q.messageId ?? null})
              and (s.warehouse_id is null or s.warehouse_id = ${wh(c)})
            order by d.created_at desc limit 500`,
        );
        return c.json({ deliveries });
      },
    )
    .get(
      '/deliveries/:deliveryId/attempts',
      documented({ response: webhookAttemptsSchema, summary: 'Every attempt of one delivery' }),
      async (c) =>
        c.json({
          attempts: await queryRows(
            deps.db,
            sql`select ${isoTime('a.at')} as at, a.status_code as "statusCode", a.error, a.duration_ms as "durationMs"
              from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
                join webhook_subscriptions s on s.id = d.subscription_id
              where a.delivery_id = ${pathParam(c, 'deliveryId', z.uuid())}::uuid
                and (s.warehouse_id is null or s.warehouse_id = ${wh(c)})
              order by a.id`,
          ),
        }),
    )
    .post(
      '/deliveries/:deliveryId/replay',
      documented({
        response: replayedSchema,
        summary: 'Send a delivery again: attempts start from zero with a new 24-hour retry window',
      }),
      async (c) =>
        c.json(
          await replayDelivery(deps.db, wh(c), pathParam(c, 'deliveryId', z.uuid()), deps.now()),
        ),
    )
    .post(
      '/replay',
      documented({
        summary: 'Send again every delivery created since a time (attempts start from zero)',
        body: z.strictObject({ since: isoTimeSchema }),
        response: replayedSchema,
      }),
      async (c) => {
        const { since } = await parseBody(c, replaySinceSchema);
        const rows = await queryRows(
          deps.db,
          sql`update webhook_deliveries set status = 'pending', attempts = 0, last_error = null,
              next_attempt_at = ${deps.now().toISOString()}::timestamptz, replayed_at = ${deps.now().toISOString()}::timestamptz
            where created_at >= ${since}::timestamptz and status <> 'pending' and ${liveSubscriptionOf(wh(c))} returning id`,
        );
        return c.json({ replayed: rows.length });
      },
    );
}

/** Replays go only to subscriptions that still exist, of the caller's warehouse. */
/**
 * Sends a delivery again from now, with a new 24-hour retry window: for the warehouse's own (or
 * unscoped) live subscriptions; another warehouse's delivery is a 404 like an unknown one. The
 * admins' delivery log and the supervisors' queue (a failed webhook) both replay through here.
 */
export async function replayDelivery(db: Db, warehouseId: string, id: string, now: Date) {
  const rows = await queryRows(
    db,
    sql`update webhook_deliveries set status = 'pending', attempts = 0, last_error = null,
          next_attempt_at = ${now.toISOString()}::timestamptz, replayed_at = ${now.toISOString()}::timestamptz
        where id = ${id}::uuid and status <> 'pending' and ${liveSubscriptionOf(warehouseId)} returning id`,
  );
  if (rows.length === 0) throw notFound(`No webhook delivery ${id}`);
  return { replayed: rows.length };
}

const liveSubscriptionOf = (
  warehouseId: string,
) => sql`exists (select 1 from webhook_subscriptions s
  where s.id = webhook_deliveries.subscription_id and s.deleted_at is null
    and (s.warehouse_id is null or s.warehouse_id = ${warehouseId}))`;

const visibleTo = (warehouseId: string) =>
  or(isNull(webhookSubscriptions.warehouseId), eq(webhookSubscriptions.warehouseId, warehouseId));

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

function publicView(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes as WebhookSubscription['eventTypes'],
    active: row.active,
    createdAt: new Date(row.createdAt).toISOString(),
    previousSecretExpiresAt: row.previousSecretExpiresAt
      ? new Date(row.previousSecretExpiresAt).toISOString()
      : null,
    warehouseId: row.warehouseId,
  };
}

async function liveSubscription(
  deps: AppDeps,
  id: string,
  warehouseId: string,
): Promise<SubscriptionRow> {
  const [row] = await deps.db
    .select()
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.id, id),
        isNull(webhookSubscriptions.deletedAt),
        visibleTo(warehouseId),
      ),
    );
  if (!row) throw notFound(`No webhook subscription ${id}`);
  return row;
}
