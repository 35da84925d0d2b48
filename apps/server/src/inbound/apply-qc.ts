import type { EventOutcome, QcDecidedEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { moveStock } from '../inventory/stock-ledger';
import { suggestedBin } from './inbound-bins';
import { countTaskDone, lockOpenTask, outcomeFor } from './open-task';

/**
 * `qc-decided@1`: of a QC task's units still undecided, `passedQty` wait for put-away (a put-away
 * task whose id is this event's) and `failedQty` go to quarantine with the reason, both at the
 * dock. A decision on more units than are left is applied to what is left, passes first (a second
 * device deciding the same units changes nothing); an unknown task is `unknown-line`. A task given
 * to another worker meanwhile is still applied, answered `stale-assignment`.
 */
export async function applyQcDecided(
  tx: Tx,
  warehouseId: string,
  event: QcDecidedEvent,
  now: Date,
): Promise<EventOutcome> {
  const { payload } = event;
  const task = await lockOpenTask(tx, warehouseId, payload.taskId, 'qc');
  if (!task) return 'unknown-line';
  const left = task.qty - task.doneQty;
  const passed = Math.min(payload.passedQty, left);
  const failed = Math.min(payload.failedQty, left - passed);
  const outcome = outcomeFor(task.assignedUserId, event.userId);
  if (passed + failed === 0) return outcome;
  const slot = {
    warehouseId,
    binId: task.fromBinId,
    skuId: task.skuId,
    lot: task.lot,
    expiry: task.expiry,
    reason: 'qc' as const,
    userId: event.userId,
    eventId: event.id,
  };
  await moveStock(
    tx,
    [
      { ...slot, status: 'awaiting-qc', delta: -(passed + failed) },
      ...(passed > 0 ? [{ ...slot, status: 'received-not-put-away' as const, delta: passed }] : []),
      ...(failed > 0
        ? [{ ...slot, status: 'quarantined' as const, delta: failed, note: payload.reason ?? null }]
        : []),
    ],
    now,
  );
  await countTaskDone(tx, task.id, passed + failed, now);
  if (passed > 0) {
    const suggested = await suggestedBin(tx, warehouseId, task.skuId, passed);
    await tx.execute(sql`
      insert into inbound_tasks (id, warehouse_id, kind, notice_id, line_id, sku_id, lot, expiry,
                                 from_bin_id, suggested_bin_id, qty, created_at)
      values (${event.id}::uuid, ${warehouseId}, 'put-away', ${task.noticeId}::uuid,
              ${task.lineId}::uuid, ${task.skuId}, ${task.lot}, ${task.expiry}::date,
              ${task.fromBinId}, ${suggested}, ${passed}, ${now.toISOString()}::timestamptz)`);
  }
  return outcome;
}
