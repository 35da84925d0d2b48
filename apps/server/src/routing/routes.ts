import { documented } from '../api-docs/documented';
import {
  routingQueueSchema,
  manuallyRoutedSchema,
  routingRulesAnswerSchema,
} from '../api-docs/response-schemas';
import { manualRouteSchema, type RoutingRule, routingRulesSchema } from '@wms/protocol';
import { getTableColumns, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { assertHubAdmin } from '../auth/hub-admin';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { writeRowsAsJson } from '../db/bulk-rows';
import { routingRules } from '../db/schema';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { sheetResponse } from '../spreadsheets/sheet-response';
import { tableOfRequest } from '../spreadsheets/table-request';
import { loadRoutingRules } from './load-routing-rules';
import { routeManually } from './route-manually';
import { routingRulesFromCsv, routingRulesToSheet } from './routing-csv';

/** The routing rule table (JSON or CSV) and the manual routing queue. */
export function routingRoutes(deps: AppDeps) {
  const staff = requireCaller(deps, ['supervisor', 'admin', 'integration']);
  const admin = requireCaller(deps, ['admin']);
  const replace = (rules: RoutingRule[]) =>
    deps.db.transaction(async (tx) => {
      await tx.delete(routingRules);
      // A rule table from Excel runs to thousands of rows: one statement, one parameter.
      await writeRowsAsJson(tx, routingRules, rules, Object.keys(getTableColumns(routingRules)));
      return { rules: await loadRoutingRules(tx) };
    });
  return new Hono<SessionEnv>()
    .get(
      '/rules',
      documented({ summary: 'The routing rule table', response: routingRulesSchema }),
      staff,
      async (c) => c.json({ rules: await loadRoutingRules(deps.db) }),
    )
    .put(
      '/rules',
      documented({
        summary: 'Replace the routing rule table',
        body: routingRulesSchema,
        response: routingRulesSchema,
      }),
      admin,
      async (c) => c.json(await replace((await parseBody(c, routingRulesSchema)).rules)),
    )
    .get(
      '/rules.csv',
      documented({ summary: 'Export the routing rule table as CSV' }),
      staff,
      async (c) =>
        sheetResponse(
          c,
          'routing-rules',
          'csv',
          routingRulesToSheet(await loadRoutingRules(deps.db)),
        ),
    )
    .get(
      '/rules.xlsx',
      documented({ summary: 'Export the routing rule table as .xlsx' }),
      staff,
      async (c) =>
        sheetResponse(
          c,
          'routing-rules',
          'xlsx',
          routingRulesToSheet(await loadRoutingRules(deps.db)),
        ),
    )
    .post(
      '/rules.csv',
      documented({
        response: routingRulesAnswerSchema,
        summary: 'Import the routing rule table from CSV or .xlsx (all rows or none)',
        csv: true,
      }),
      admin,
      async (c) => c.json(await replace(routingRulesFromCsv(await tableOfRequest(c)))),
    )
    .get(
      '/queue',
      documented({
        response: routingQueueSchema,
        summary: 'Orders no rule matched, waiting for manual routing',
      }),
      staff,
      async (c) =>
        c.json({
          orders: await queryRows(
            deps.db,
            sql`select id, channel, channel_order_id as "channelOrderId", province, city, district, paid_cents as "paidCents", ${isoTime('created_at')} as "receivedAt"
              from orders where status = 'unrouted' order by placed_at, id limit 500`,
          ),
        }),
    )
    .post(
      '/orders/:orderId',
      documented({
        response: manuallyRoutedSchema,
        summary: 'Route an order from the manual queue',
        body: manualRouteSchema,
      }),
      requireCaller(deps, ['supervisor', 'admin']),
      async (c) => {
        const target = await parseBody(c, manualRouteSchema);
        // A lead takes an unrouted order into their own warehouse; sending it elsewhere is the
        // hub's decision (006).
        if (target.warehouseId !== c.var.session.warehouseId)
          await assertHubAdmin(deps.db, c.var.session, {
            message: `Routing an order into warehouse ${target.warehouseId} (yours is ${c.var.session.warehouseId})`,
            params: { warehouseId: target.warehouseId },
          });
        return c.json(
          await routeManually(deps.db, c.var.session, pathParam(c, 'orderId'), target, deps.now()),
        );
      },
    );
}
