import { documented } from '../api-docs/documented';
import {
  skuStockSchema,
  binStockSchema,
  stockAlertsSchema,
  expectedReceiptSchema,
  receivedReceiptSchema,
  openingBalanceReportSchema,
  stockMovedSchema,
  stockAdjustedSchema,
  stockHistorySchema,
} from '../api-docs/response-schemas';
import {
  binCodeSchema,
  inboundReceiptSchema,
  receiveInboundSchema,
  stockAdjustmentSchema,
  stockMoveSchema,
  uuidSchema,
  reconciliationSchema,
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
      .get(
        '/stock/:skuId',
        documented({
          response: skuStockSchema,
          summary: 'Stock of a SKU in your warehouse, with "only N left"',
        }),
        async (c) =>
          c.json(
            await stockOfSku(deps.db, c.var.session.warehouseId, pathParam(c, 'skuId'), deps.now()),
          ),
      )
      .get(
        '/bins/:binCode',
        documented({
          response: binStockSchema,
          summary:
            'What one bin of your warehouse holds, SKU by SKU (the bin stock pickers take from)',
        }),
        async (c) =>
          c.json(
            await stockInBin(
              deps.db,
              c.var.session.warehouseId,
              pathParam(c, 'binCode', binCodeSchema),
            ),
          ),
      )
      .post(
        '/receipts',
        documented({
          response: expectedReceiptSchema,
          status: 201,
          refusals: [403],
          summary:
            'Expect an inbound delivery into your warehouse (`warehouseId` must be yours: else 403)',
          body: inboundReceiptSchema,
        }),
        async (c) =>
          c.json(
            await expectInbound(deps.db, c.var.session, await parseBody(c, inboundReceiptSchema)),
            201,
          ),
      )
      .post(
        '/receipts/:receiptId/receive',
        documented({
          response: receivedReceiptSchema,
          summary:
            'Receive an inbound delivery (inbound → physical), put away in a bin where the warehouse has bins',
          body: receiveInboundSchema,
        }),
        async (c) => {
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
        },
      )
      .get(
        '/reconciliation',
        documented({
          summary:
            'Check that the pool follows the stock ledger: SKUs whose pool physical differs from available bin stock + units in hand, and stock slots that differ from their ledger (both empty unless something wrote around the ledger)',
          response: reconciliationSchema,
        }),
        async (c) => c.json(await reconcilePool(deps.db, c.var.session.warehouseId)),
      )
      // Issue 16: go-live stock, moves and lot corrections, adjustments, a SKU's history.
      .post(
        '/opening-balances.csv',
        documented({
          response: openingBalanceReportSchema,
          status: 201,
          csv: true,
          summary:
            'Load go-live stock (CSV: bin_code, sku_id, lot, expiry, qty, status): all rows or none, each bad row named',
        }),
        requireCaller(deps, ['supervisor', 'admin']),
        async (c) =>
          c.json(
            await importOpeningBalances(
              deps.db,
              c.var.session,
              await tableOfRequest(c),
              deps.now(),
            ),
            201,
          ),
      )
      .post(
        '/moves',
        documented({
          response: stockMovedSchema,
          status: 201,
          refusals: [409],
          summary: 'Move units of a lot between bins, or correct their lot, expiry or status',
          body: stockMoveSchema,
        }),
        requireCaller(deps, ['supervisor', 'admin']),
        async (c) =>
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
      .post(
        '/adjustments',
        documented({
          response: stockAdjustedSchema,
          status: 201,
          summary: 'Adjust a bin’s stock with a reason code (found, damaged, lost…)',
          body: stockAdjustmentSchema,
        }),
        requireCaller(deps, ['supervisor', 'admin']),
        async (c) =>
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
      .get(
        '/history/:skuId',
        documented({
          response: stockHistorySchema,
          summary: 'A SKU’s stock history in your warehouse: every ledger row, newest first',
        }),
        async (c) =>
          c.json(await stockHistory(deps.db, c.var.session.warehouseId, pathParam(c, 'skuId'))),
      )
      .get(
        '/alerts',
        documented({
          response: stockAlertsSchema,
          summary: 'Transfer, replenishment and peak alerts of your warehouse',
        }),
        async (c) =>
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
