import type { EventOutcome, PutAwayEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { moveStock } from '../inventory/stock-ledger';
import { countTaskDone, lockOpenTask, outcomeFor } from './open-task';

/**
 * `put-away@1`: units of a put-away task placed in a bin: they leave the dock's
 * received-not-put-away stock and become available in the bin, only now pickable. Another bin
 * than the suggested one keeps the worker's reason on the ledger row. More units than the task
 * has left are applied up to what is left; an unknown task or a bin unknown in the warehouse is
 * `unknown-line`, nothing moved. A task given to another worker meanwhile is still applied,
 * answered `stale-assignment` (what an offline worker placed counts; nothing is placed twice).
 */
export async function applyPutAway(
  tx: Tx,
  warehouseId: string,
  event: PutAwayEvent,
  now: Date,
): Promise<EventOutcome> {
  const { payload } = event;
  const task = await lockOpenTask(tx, warehouseId, payload.taskId, 'put-away');
  if (!task) return 'unknown-line';
  const [bin] = await queryRows<{ id: string }>(
    tx,
    sql`select id from bins where warehouse_id = ${warehouseId} and code = ${payload.binCode}`,
  );
  if (!bin) return 'unknown-line';
  const outcome = outcomeFor(task.assignedUserId, event.userId);
  const qty = Math.min(payload.qty, task.qty - task.doneQty);
  if (qty <= 0) return outcome;
  const slot = {
    warehouseId,
    skuId: task.skuId,
    lot: task.lot,
    expiry: task.expiry,
    reason: 'put-away' as const,
    userId: event.userId,
    eventId: event.id,
  };
  const otherBin = task.suggestedBinId !== null && task.suggestedBinId !== bin.id;
  await moveStock(
    tx,
    [
      { ...slot, binId: task.fromBinId, status: 'received-not-put-away', delta: -qty },
      {
        ...slot,
        binId: bin.id,
        status: 'available',
        delta: qty,
        reasonCode: otherBin ? (payload.otherBinReason ?? 'other') : null,
      },
    ],
    now,
  );
  await countTaskDone(tx, task.id, qty, now);
  return outcome;
}
