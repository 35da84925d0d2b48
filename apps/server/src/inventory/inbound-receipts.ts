import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { notFound } from '../http/api-error';

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

/** Goods arrived: the receipt's units move from inbound to physical, once. */
export async function receiveInbound(db: Db, receiptId: string, now: Date) {
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
    await tx.execute(sql`
      update inventory_pool set inbound = inbound - ${receipt.qty}, physical = physical + ${receipt.qty}
      where warehouse_id = ${receipt.warehouseId} and sku_id = ${receipt.skuId}`);
    return { id: receiptId, ...receipt, status: 'received' as const };
  });
}
