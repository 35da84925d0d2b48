import { documented } from '../api-docs/documented';
import {
  holdQueueSchema,
  manualHoldAnswerSchema,
  holdDecisionAnswerSchema,
  holdRulesSchema,
} from '../api-docs/response-schemas';
import {
  addressChangeSchema,
  holdDecisionSchema,
  holdRuleUpdateSchema,
  manualHoldSchema,
  addressChangeAnswerSchema,
  storedHoldRuleSchema,
} from '@wms/protocol';
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { holdRules } from '../db/schema';
import { notFound } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { decideHold } from './decide-hold';
import { holdOrder } from './hold-order';
import { requestAddressChange } from '../address-changes/request-address-change';

/** The review queue, decisions, and the rules themselves (admin). */
export function holdRoutes(deps: AppDeps) {
  const staff = requireCaller(deps, ['supervisor', 'admin', 'integration']);
  const supervisors = requireCaller(deps, ['supervisor', 'admin']);
  return new Hono<SessionEnv>()
    .get(
      '/',
      documented({
        response: holdQueueSchema,
        summary: 'The review queue: open holds with rule and evidence',
      }),
      staff,
      async (c) =>
        c.json({
          holds: await queryRows(
            deps.db,
            sql`select h.id, h.order_id as "orderId", h.rule_id as "ruleId", h.kind, h.evidence, ${isoTime('h.raised_at')} as "raisedAt",
                     o.status as "orderStatus", o.channel, o.channel_order_id as "channelOrderId", o.paid_cents as "paidCents"
              from order_holds h join orders o on o.id = h.order_id
              where h.warehouse_id = ${c.var.session.warehouseId} and h.status = 'open'
              order by h.raised_at, h.id limit 500`,
          ),
        }),
    )
    .post(
      '/orders/:orderId/decision',
      documented({
        response: holdDecisionAnswerSchema,
        summary: 'Release or cancel a held order',
        body: holdDecisionSchema,
      }),
      supervisors,
      async (c) => {
        const decision = await parseBody(c, holdDecisionSchema);
        return c.json(
          await decideHold(deps.db, c.var.session, pathParam(c, 'orderId'), decision, deps.now()),
        );
      },
    )
    .post(
      '/orders/:orderId',
      documented({
        response: manualHoldAnswerSchema,
        summary: 'Hold an order by hand (pulls it out of its wave)',
        body: manualHoldSchema,
      }),
      staff,
      async (c) => {
        const { reason } = await parseBody(c, manualHoldSchema);
        return c.json(
          await holdOrder(deps.db, c.var.session, pathParam(c, 'orderId'), reason, deps.now()),
        );
      },
    )
    .post(
      '/orders/:orderId/address-change',
      documented({
        summary:
          "M4.7: an address change. Before dispatch a customer's change holds the order (once; a new request replaces the pending one) and answers the signed confirmation link, also sent as the webhook order.address-confirmation-requested; source 'platform' (a marketplace's channel key) applies at once; after dispatch it is an exception",
        body: addressChangeSchema,
        response: addressChangeAnswerSchema,
      }),
      staff,
      async (c) => {
        const change = await parseBody(c, addressChangeSchema);
        return c.json(
          await requestAddressChange(deps.db, c.var.session, pathParam(c, 'orderId'), change, {
            secret: deps.authSecret,
            origin: new URL(c.req.url).origin,
            now: deps.now(),
          }),
        );
      },
    )
    .get(
      '/rules',
      documented({ response: holdRulesSchema, summary: 'The hold rules and their thresholds' }),
      staff,
      async (c) => c.json({ rules: await deps.db.select().from(holdRules).orderBy(holdRules.id) }),
    )
    .put(
      '/rules/:ruleId',
      documented({
        summary: 'Change a hold rule',
        body: holdRuleUpdateSchema,
        response: storedHoldRuleSchema,
      }),
      requireCaller(deps, ['admin']),
      async (c) => {
        const update = await parseBody(c, holdRuleUpdateSchema);
        const [row] = await deps.db
          .update(holdRules)
          .set({ ...update, updatedAt: deps.now() })
          .where(eq(holdRules.id, pathParam(c, 'ruleId')))
          // The answer is `storedHoldRuleSchema`.
          .returning({ id: holdRules.id, enabled: holdRules.enabled, rule: holdRules.rule });
        if (!row) throw notFound(`No hold rule ${pathParam(c, 'ruleId')}`);
        return c.json(row);
      },
    );
}
