import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';
import { badRequest, notFound } from '../http/api-error';
import { moveStock } from './stock-ledger';

/** An expected inbound delivery: counts in `available` at the pool's coefficient until received. */
export async function expectInbound(
  db: Db,
  receipt: { warehouseId: string; skuId: string; qty: number; expectedAt: string },
) {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into inbound_receipts (id, warehouse_id, sku_id, qty, expected_at)
      values (${id}, ${receipt.warehouseId}, ${receipt.skuId}, ${receipt.qty}, ${receipt.expectedAt}::timestamptz)`);
    await tx.execute(sql`
      insert into inventory_pool (warehouse_id, sku_id, inbound) values (${receipt.warehouseId}, ${receipt.skuId}, ${receipt.qty})
      on conflict (warehouse_id, sku_id) do update set inbound = inventory_pool.inbound + excluded.inbound`);
  });
  return { id, ...receipt, status: 'expected' as const };
}

/**
 * Goods arrived: the receipt's units move from inbound to physical, once. In a warehouse with
 * bins they are put away in `binCode` (bin stock + a `receipt` ledger row), so the pool stays
 * bins + units in hand (decision 002).
 */
export async function receiveInbound(
  db: Db,
  receiptId: string,
  binCode: string | null,
  now: Date,
  received: { lot?: string | undefined; expiry?: string | undefined } = {},
) {
  return db.transaction(async (tx) => {
    const [receipt] = await queryRows<{ warehouseId: string; skuId: string; qty: number }>(
      tx,
      sql`
      update inbound_receipts set status = 'received', received_at = ${now.toISOString()}::timestamptz
      where id = ${receiptId}::uuid and status = 'expected'
      returning warehouse_id as "warehouseId", sku_id as "skuId", qty`,
    );
    if (!receipt)
      throw notFound(`No expected inbound receipt ${receiptId}: it may be received already`);
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
    }
    // Binned, the ledger moved physical (trigger); without bins the pool is the only record.
    await tx.execute(sql`
      update inventory_pool set inbound = inbound - ${receipt.qty},
             physical = physical + ${hasBins ? 0 : receipt.qty}
      where warehouse_id = ${receipt.warehouseId} and sku_id = ${receipt.skuId}`);
    return {
      id: receiptId,
      ...receipt,
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
