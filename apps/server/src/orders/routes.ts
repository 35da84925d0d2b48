import { documented } from '../api-docs/documented';
import {
  channelOrderLookupSchema,
  orderTraceSchema,
  cancelledOrderSchema,
  orderCsvImportSchema,
} from '../api-docs/response-schemas';
import {
  cancelOrderSchema,
  channelSchema,
  shipOrderSchema,
  type BatchResult,
  type FieldError,
  type OrderInput,
  orderBatchSchema,
  orderInputSchema,
  orderAcceptedSchema,
  skuReviewSchema,
  batchResultSchema,
  shippedOrderSchema,
} from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { assertChannelOfCaller, channelRefusal, isOrderInScope } from '../auth/caller-scope';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { ApiError, notFound } from '../http/api-error';
import { channelOrders, orders } from '../db/schema';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../http/app-deps';
import { parseBody, parseWith, pathParam } from '../http/parse-input';
import { tableOfRequest } from '../spreadsheets/table-request';
import { parkForSkuReview, resolveChannelSkus } from '../channel-codes/channel-sku-codes';
import { acceptOrder, acceptOrders } from './accept-orders';
import { orderTrace } from './order-trace';
import { importOrdersCsv } from './import-orders-csv';
import { cancelOrder, shipOrder } from './ship-order';

const INTAKE = ['integration', 'admin'] as const;

/**
 * An order's schema compiled ahead of time (zod's generated fast path, the same results and
 * errors), as for the push body: a batch parses up to 500 orders, 4–6 µs each with the runtime
 * parser, a fraction of that compiled. Server only (compiling uses `new Function`).
 */
const orderSchema = z.compile(orderInputSchema);
const STAFF = ['supervisor', 'admin', 'integration'] as const;

/** Order intake for channels (single, batch) and order reads. */
export function orderRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .post(
      '/',
      documented({
        status: 201,
        otherAnswers: { 200: orderAcceptedSchema, 202: skuReviewSchema },
        summary: 'Take in one channel order (idempotent on channel + channelOrderId)',
        body: orderInputSchema,
        response: orderAcceptedSchema,
      }),
      requireCaller(deps, INTAKE),
      async (c) => {
        const sent = await parseBody(c, orderSchema);
        assertChannelOfCaller(c.var.session, sent.channel);
        const warehouseId = c.get('session').warehouseId;
        const [resolved] = await resolveChannelSkus(deps.db, warehouseId, [sent]);
        if (resolved && 'unmapped' in resolved) {
          return c.json(await parkForSkuReview(deps.db, warehouseId, sent, resolved.unmapped), 202);
        }
        const input = resolved?.input ?? sent;
        const accepted = await acceptOrder(deps.db, input, deps.now());
        return c.json(accepted, accepted.created ? 201 : 200);
      },
    )
    .post(
      '/batch',
      documented({
        summary: 'Take in up to 500 orders; answered order by order',
        body: orderBatchSchema,
        response: batchResultSchema,
      }),
      requireCaller(deps, INTAKE),
      async (c) => {
        const { orders } = await parseBody(c, orderBatchSchema);
        const results: BatchResult['results'] = [];
        const valid: { index: number; input: OrderInput }[] = [];
        for (const [index, raw] of orders.entries()) {
          try {
            const input = parseWith(orderSchema, raw);
            const refusal = channelRefusal(c.var.session, input.channel);
            if (refusal)
              results.push({ index, ok: false, fields: [{ path: 'channel', message: refusal }] });
            else valid.push({ index, input });
          } catch (err) {
            if (!(err instanceof ApiError) || err.status !== 400) throw err;
            results.push({ index, ok: false, fields: fieldsOf(err) });
          }
        }
        const warehouseId = c.get('session').warehouseId;
        const resolved = await resolveChannelSkus(
          deps.db,
          warehouseId,
          valid.map((v) => v.input),
        );
        const ready: typeof valid = [];
        for (const [k, r] of resolved.entries()) {
          const { index, input } = valid[k]!;
          if ('input' in r) ready.push({ index, input: r.input });
          else
            try {
              const review = await parkForSkuReview(deps.db, warehouseId, input, r.unmapped);
              results.push({ index, ok: true, review });
            } catch (err) {
              if (!(err instanceof ApiError) || err.status !== 400) throw err;
              results.push({ index, ok: false, fields: fieldsOf(err) });
            }
        }
        const outcomes = await acceptOrders(
          deps.db,
          ready.map((v) => v.input),
          deps.now(),
        );
        outcomes.forEach((outcome, k) => {
          const { index } = ready[k]!;
          results.push(
            outcome.ok
              ? { index, ok: true, order: outcome.order }
              : { index, ok: false, fields: fieldsOf(outcome.error) },
          );
        });
        results.sort((a, b) => a.index - b.index);
        return c.json({ results } satisfies BatchResult);
      },
    )
    .post(
      '/import.csv',
      documented({
        response: orderCsvImportSchema,
        summary:
          'Import orders from a CSV (UTF-8, GBK, UTF-16) or .xlsx, one row per line, all or nothing (400 names rows.N.column)',
        csv: true,
      }),
      requireCaller(deps, INTAKE),
      async (c) =>
        c.json({ results: await importOrdersCsv(deps.db, await tableOfRequest(c), deps.now()) }),
    )
    .post(
      '/:orderId/ship',
      documented({
        response: shippedOrderSchema,
        summary: 'Pack & ship: carrier and tracking number; the order becomes shipped',
        body: shipOrderSchema,
      }),
      requireCaller(deps, ['picker', ...STAFF]),
      async (c) => {
        const shipment = await parseBody(c, shipOrderSchema);
        return c.json(
          await shipOrder(
            deps.db,
            c.var.session,
            pathParam(c, 'orderId'),
            shipment,
            deps.now(),
            deps.authSecret,
          ),
        );
      },
    )
    .post(
      '/:orderId/cancel',
      documented({
        response: cancelledOrderSchema,
        summary: 'Cancel an unshipped order; its reservations are released',
        body: cancelOrderSchema,
      }),
      requireCaller(deps, STAFF),
      async (c) => {
        const { reason } = await parseBody(c, cancelOrderSchema);
        return c.json(
          await cancelOrder(deps.db, c.var.session, pathParam(c, 'orderId'), reason, deps.now()),
        );
      },
    )
    .get(
      '/by-channel/:channel/:channelOrderId',
      documented({
        response: channelOrderLookupSchema,
        summary:
          'Find our order id from a channel order id (merged duplicates point at their order)',
      }),
      requireCaller(deps, STAFF),
      async (c) => {
        const channel = pathParam(c, 'channel', channelSchema);
        const channelOrderId = pathParam(c, 'channelOrderId');
        const [row] = await deps.db
          .select({
            orderId: channelOrders.orderId,
            merged: channelOrders.merged,
            warehouseId: orders.warehouseId,
            channel: orders.channel,
          })
          .from(channelOrders)
          .innerJoin(orders, eq(orders.id, channelOrders.orderId))
          .where(
            and(
              eq(channelOrders.channel, channel),
              eq(channelOrders.channelOrderId, channelOrderId),
            ),
          );
        if (!row || !isOrderInScope(c.var.session, row))
          throw notFound(`No ${channel} order ${channelOrderId} was received`);
        return c.json({ orderId: row.orderId, merged: row.merged });
      },
    )
    .get(
      '/:orderId/trace',
      documented({
        response: orderTraceSchema,
        summary: "An order's whole life as one timeline (M5.2)",
      }),
      requireCaller(deps, STAFF),
      async (c) => c.json(await orderTrace(deps.db, c.var.session, pathParam(c, 'orderId'))),
    );
}

function fieldsOf(err: ApiError): FieldError[] {
  return err.extra.fields ?? [{ path: '(order)', message: err.message }];
}
