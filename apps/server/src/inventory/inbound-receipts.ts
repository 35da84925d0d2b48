import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';
import { isWarehouseInScope } from '../auth/caller-scope';
import type { Session } from '../auth/session-token';
import { badRequest, forbidden, notFound } from '../http/api-error';
import { insertNotice } from '../inbound/insert-notice';
import { movePoolInbound, openQty } from '../inbound/pool-inbound';
import { moveStock } from './stock-ledger';

/**
 * An expected inbound delivery of one SKU: a one-line purchase notice (issue 23: the notices are
 * what feeds the pool's inbound), counted in `available` at the pool's coefficient until received.
 * Kept for integrations that predate `/api/inbound/notices`.
 */
export async function expectInbound(
  db: Db,
  session: Session,
  receipt: { warehouseId: string; skuId: string; qty: number; expectedAt: string },
) {
  // Issue 15: the body names the warehouse (an older contract); it must be the caller's own.
  if (!isWarehouseInScope(session, receipt.warehouseId)) {
    throw forbidden(
      `warehouseId: this key or login expects deliveries into warehouse ${session.warehouseId} only, not ${receipt.warehouseId}`,
      [{ path: 'warehouseId', message: `not your warehouse (${session.warehouseId})` }],
      { warehouseId: receipt.warehouseId },
    );
  }
  const id = randomUUID();
  await db.transaction((tx) =>
    insertNotice(
      tx,
      {
        id,
        warehouseId: receipt.warehouseId,
        code: `PO-${id.slice(0, 8).toUpperCase()}`,
        kind: 'purchase',
        supplierId: null,
        expectedDate: receipt.expectedAt.slice(0, 10),
        createdBy: null,
        lines: [{ skuId: receipt.skuId, expectedQty: receipt.qty }],
      },
      () => 'skuId',
    ),
  );
  return { id, ...receipt, status: 'expected' as const };
}

/**
 * Goods arrived and were put away at once (no handheld): the notice's units move from inbound to
 * physical, once, and the notice closes. In a warehouse with bins they go into `binCode` as
 * available stock (a `receipt` ledger row, the pool's physical by trigger); without bins the pool
 * is the only record. Another warehouse's receipt is unknown (404), like one that is not there.
 */
export async function receiveInbound(
  db: Db,
  warehouseId: string,
  receiptId: string,
  binCode: string | null,
  now: Date,
  received: { lot?: string | undefined; expiry?: string | undefined } = {},
) {
  return db.transaction(async (tx) => {
    const [receipt] = await queryRows<{
      warehouseId: string;
      lineId: string;
      skuId: string;
      qty: number;
      receivedQty: number;
    }>(
      tx,
      sql`
      select n.warehouse_id as "warehouseId", l.id as "lineId", l.sku_id as "skuId",
             l.expected_qty as qty, l.received_qty as "receivedQty"
      from inbound_notices n join inbound_lines l on l.notice_id = n.id
      where n.id = ${receiptId}::uuid and n.warehouse_id = ${warehouseId} and n.status = 'open'
      order by l.line_no limit 1
      for update of n`,
    );
    if (!receipt)
      throw notFound(
        `No expected inbound receipt ${receiptId} in warehouse ${warehouseId}: it may be received already`,
        { receiptId },
      );
    const bins = await queryRows<{ id: string; code: string }>(
      tx,
      sql`select id, code from bins where warehouse_id = ${receipt.warehouseId}
          and (code = ${binCode} or ${binCode}::text is null) limit 1`,
    );
    const hasBins = bins.length > 0 || binCode !== null;
    if (hasBins) {
      const bin = bins.find((b) => b.code === binCode);
      if (!bin) {
        throw badRequest(
          binCode === null
            ? `Warehouse ${receipt.warehouseId} keeps stock in bins: name the bin the goods were put away in`
            : `No bin ${binCode} in warehouse ${receipt.warehouseId}: check the bin code`,
          [{ path: 'binCode', message: binCode === null ? 'required' : 'unknown bin' }],
        );
      }
      const lot = await lotOf(tx, receipt.skuId, received, now);
      await moveStock(
        tx,
        [
          {
            warehouseId: receipt.warehouseId,
            binId: bin.id,
            skuId: receipt.skuId,
            ...lot,
            status: 'available',
            delta: receipt.qty,
            reason: 'receipt',
          },
        ],
        now,
      );
    } else {
      // Without bins the pool is the only record of what is in the building.
      await tx.execute(sql`
        update inventory_pool set physical = physical + ${receipt.qty}
        where warehouse_id = ${receipt.warehouseId} and sku_id = ${receipt.skuId}`);
    }
    await tx.execute(sql`
      update inbound_lines set received_qty = expected_qty where id = ${receipt.lineId}::uuid`);
    await tx.execute(sql`
      update inbound_notices set status = 'closed', closed_at = ${now.toISOString()}::timestamptz
      where id = ${receiptId}::uuid`);
    await movePoolInbound(tx, [
      {
        warehouseId: receipt.warehouseId,
        skuId: receipt.skuId,
        delta: -openQty({ expectedQty: receipt.qty, receivedQty: receipt.receivedQty }),
      },
    ]);
    return {
      id: receiptId,
      warehouseId: receipt.warehouseId,
      skuId: receipt.skuId,
      qty: receipt.qty,
      ...(hasBins ? { binCode } : {}),
      status: 'received' as const,
    };
  });
}

/**
 * The lot a receipt puts away: a lot-tracked SKU needs one (400 naming `lot`); its expiry is the
 * one given, else the receipt day plus the SKU's shelf life. Other SKUs: no lot.
 */
async function lotOf(
  tx: Tx,
  skuId: string,
  received: { lot?: string | undefined; expiry?: string | undefined },
  now: Date,
): Promise<{ lot: string | null; expiry: string | null }> {
  const [sku] = await queryRows<{ lotTracked: boolean; shelfLifeDays: number | null }>(
    tx,
    sql`select lot_tracked as "lotTracked", shelf_life_days as "shelfLifeDays" from skus where id = ${skuId}`,
  );
  if (!sku?.lotTracked) return { lot: null, expiry: null };
  if (!received.lot)
    throw badRequest(`${skuId} is lot-tracked: give the lot on the label`, [
      { path: 'lot', message: 'required for a lot-tracked SKU' },
    ]);
  const expiry =
    received.expiry ??
    (sku.shelfLifeDays === null
      ? null
      : new Date(now.getTime() + sku.shelfLifeDays * 86_400_000).toISOString().slice(0, 10));
  return { lot: received.lot, expiry };
}
