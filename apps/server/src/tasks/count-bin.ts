import type { CycleCountResult } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { badRequest, notFound } from '../http/api-error';
import { moveStock } from '../inventory/stock-ledger';

/**
 * Closes a cycle-count task with what a person counted: the bin's stock of the task's SKU becomes
 * the count (with `count` ledger rows of the difference, over its lots), and the pool's physical
 * follows the ledger, so pool = bins + units in hand still holds (decision 002).
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
    const slots = await queryRows<{ lot: string | null; expiry: string | null; qty: number }>(
      tx,
      sql`select lot, to_char(expiry, 'YYYY-MM-DD') as expiry, qty from stock
          where bin_id = ${task.binId} and sku_id = ${task.skuId} and status = 'available'
          order by qty desc, lot nulls first
          for update`,
    );
    const before = slots.reduce((n, s) => n + s.qty, 0);
    await moveStock(
      tx,
      countMovements(slots, countedQty - before).map(({ lot, expiry, delta }) => ({
        warehouseId: session.warehouseId,
        binId: task.binId,
        skuId: task.skuId ?? '',
        lot,
        expiry,
        status: 'available' as const,
        delta,
        reason: 'count' as const,
        userId: session.userId,
      })),
      now,
    );
    await tx.execute(sql`
      update tasks set status = 'done', done_at = ${now.toISOString()}::timestamptz,
             detail = ${`counted ${countedQty} (was ${before})`}, done_by = ${session.userId},
             answered_at = coalesce(answered_at, ${now.toISOString()}::timestamptz)
      where id = ${taskId}::uuid`);
    return {
      taskId,
      binCode: task.binCode,
      skuId: task.skuId,
      before,
      counted: countedQty,
      delta: countedQty - before,
    };
  });
}

/**
 * Spreads a count's difference over the bin's lots of the SKU: units found go to its largest
 * lot (an untracked slot when it holds none), units missing come off the largest lots first.
 */
function countMovements(
  slots: readonly { lot: string | null; expiry: string | null; qty: number }[],
  delta: number,
) {
  if (delta >= 0) {
    const [largest] = slots;
    return delta === 0
      ? []
      : [{ lot: largest?.lot ?? null, expiry: largest?.expiry ?? null, delta }];
  }
  const moves = [];
  let missing = -delta;
  for (const slot of slots) {
    const take = Math.min(missing, Math.max(slot.qty, 0));
    if (take > 0) moves.push({ lot: slot.lot, expiry: slot.expiry, delta: -take });
    missing -= take;
  }
  if (missing > 0) {
    const [largest] = slots;
    moves.push({ lot: largest?.lot ?? null, expiry: largest?.expiry ?? null, delta: -missing });
  }
  return moves;
}
