import {
  binCodeSchema,
  inboundReceiptSchema,
  receiveInboundSchema,
  stockAdjustmentSchema,
  stockMoveSchema,
  uuidSchema,
} from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { expectInbound, receiveInbound } from './inbound-receipts';
import { reconcilePool } from './reconcile-pool';
import { importOpeningBalances } from './opening-balances';
import { tableOfRequest } from '../spreadsheets/table-request';
import { stockInBin, stockOfSku } from './stock-levels';
import { adjustStock, moveBetweenBins, stockHistory } from './stock-moves';

const STAFF = ['supervisor', 'admin', 'integration'] as const;

/** The inventory pool: stock per SKU (also for storefronts), inbound receipts, alerts. */
export function inventoryRoutes(deps: AppDeps) {
  return (
    new Hono<SessionEnv>()
      .use(requireCaller(deps, STAFF))
      .get('/stock/:skuId', async (c) =>
        c.json(
          await stockOfSku(deps.db, c.var.session.warehouseId, pathParam(c, 'skuId'), deps.now()),
        ),
      )
      .get('/bins/:binCode', async (c) =>
        c.json(
          await stockInBin(
            deps.db,
            c.var.session.warehouseId,
            pathParam(c, 'binCode', binCodeSchema),
          ),
        ),
      )
      .post('/receipts', async (c) =>
        c.json(
          await expectInbound(deps.db, c.var.session, await parseBody(c, inboundReceiptSchema)),
          201,
        ),
      )
      .post('/receipts/:receiptId/receive', async (c) => {
        const receiptId = pathParam(c, 'receiptId', uuidSchema);
        const { binCode, lot, expiry } = await parseBody(c, receiveInboundSchema);
        return c.json(
          await receiveInbound(
            deps.db,
            c.var.session.warehouseId,
            receiptId,
            binCode ?? null,
            deps.now(),
            { lot, expiry },
          ),
        );
      })
      .get('/reconciliation', async (c) =>
        c.json(await reconcilePool(deps.db, c.var.session.warehouseId)),
      )
      // Issue 16: go-live stock, moves and lot corrections, adjustments, a SKU's history.
      .post('/opening-balances.csv', requireCaller(deps, ['supervisor', 'admin']), async (c) =>
        c.json(
          await importOpeningBalances(deps.db, c.var.session, await tableOfRequest(c), deps.now()),
          201,
        ),
      )
      .post('/moves', requireCaller(deps, ['supervisor', 'admin']), async (c) =>
        c.json(
          await moveBetweenBins(
            deps.db,
            c.var.session,
            await parseBody(c, stockMoveSchema),
            deps.now(),
          ),
          201,
        ),
      )
      .post('/adjustments', requireCaller(deps, ['supervisor', 'admin']), async (c) =>
        c.json(
          await adjustStock(
            deps.db,
            c.var.session,
            await parseBody(c, stockAdjustmentSchema),
            deps.now(),
          ),
          201,
        ),
      )
      .get('/history/:skuId', async (c) =>
        c.json(await stockHistory(deps.db, c.var.session.warehouseId, pathParam(c, 'skuId'))),
      )
      .get('/alerts', async (c) =>
        c.json({
          alerts: await queryRows(
            deps.db,
            sql`select id, warehouse_id as "warehouseId", kind, sku_id as "skuId", order_id as "orderId", message, ${isoTime('raised_at')} as "raisedAt"
              from alerts where warehouse_id = ${c.var.session.warehouseId} order by raised_at desc limit 200`,
          ),
        }),
      )
  );
}
