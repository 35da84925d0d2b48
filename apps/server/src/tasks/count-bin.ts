import type { CycleCountResult } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { badRequest, notFound } from '../http/api-error';

/**
 * Closes a cycle-count task with what a person counted: the bin's stock of the task's SKU becomes
 * the count (with a `count` ledger row of the difference), and the pool's physical moves by the
 * same difference, so pool = bins + units in hand still holds (decision 002).
 */
export async function countBin(
  db: Db,
  session: Session,
  taskId: string,
  countedQty: number,
  now: Date,
): Promise<CycleCountResult> {
  return db.transaction(async (tx) => {
    const [task] = await queryRows<{ binId: string; binCode: string; skuId: string | null }>(
      tx,
      sql`select t.bin_id as "binId", b.code as "binCode", t.sku_id as "skuId"
          from tasks t join bins b on b.id = t.bin_id
          where t.id = ${taskId}::uuid and t.warehouse_id = ${session.warehouseId}
            and t.kind = 'cycle-count' and t.status = 'open'
          for update of t`,
    );
    if (!task) throw notFound(`No open cycle count ${taskId} in warehouse ${session.warehouseId}`);
    if (!task.skuId)
      throw badRequest(`Cycle count ${taskId} names no SKU: count it by hand`, [
        { path: 'taskId', message: 'the task names no SKU' },
      ]);
    const [row] = await queryRows<{ qty: number }>(
      tx,
      sql`select qty from stock where bin_id = ${task.binId} and sku_id = ${task.skuId} for update`,
    );
    const before = row?.qty ?? 0;
    const delta = countedQty - before;
    if (delta !== 0) {
      await tx.execute(sql`
        insert into stock (warehouse_id, bin_id, sku_id, qty)
        values (${session.warehouseId}, ${task.binId}, ${task.skuId}, ${countedQty})
        on conflict (bin_id, sku_id) do update set qty = excluded.qty`);
      await tx.execute(sql`
        insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason, at)
        values (${session.warehouseId}, ${task.binId}, ${task.skuId}, ${delta}, 'count', ${now.toISOString()}::timestamptz)`);
      await tx.execute(sql`
        insert into inventory_pool (warehouse_id, sku_id, physical)
        values (${session.warehouseId}, ${task.skuId}, ${delta})
        on conflict (warehouse_id, sku_id) do update set physical = inventory_pool.physical + excluded.physical`);
    }
    await tx.execute(sql`
      update tasks set status = 'done', done_at = ${now.toISOString()}::timestamptz,
             detail = ${`counted ${countedQty} (was ${before})`}
      where id = ${taskId}::uuid`);
    return { taskId, binCode: task.binCode, skuId: task.skuId, before, counted: countedQty, delta };
  });
}
