import { randomUUID } from 'node:crypto';
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
  await flagOverCapacity(tx, warehouseId, bin.id, payload.binCode, task.skuId, event.id, now);
  return outcome;
}

/**
 * Capacity at put-away (issue 23): the units are on the shelf already (the worker placed them,
 * perhaps offline), so the put-away stands; when it leaves the bin holding more of the SKU than
 * its capacity for it, a supervisor gets a `bin-over-capacity` exception naming the bin, the SKU
 * and the units over, to move them (the bin's count task is one tap away in the queue).
 */
async function flagOverCapacity(
  tx: Tx,
  warehouseId: string,
  binId: string,
  binCode: string,
  skuId: string,
  eventId: string,
  now: Date,
) {
  const [over] = await queryRows<{ held: number; maxQty: number }>(
    tx,
    sql`select (select coalesce(sum(qty), 0) from stock
                where bin_id = ${binId} and sku_id = ${skuId} and qty > 0)::int as held,
               c.max_qty as "maxQty"
        from bin_capacities c where c.bin_id = ${binId} and c.sku_id = ${skuId}`,
  );
  if (!over || over.held <= over.maxQty) return;
  const extra = over.held - over.maxQty;
  await tx.execute(sql`
    insert into exceptions (id, warehouse_id, kind, event_id, bin_id, sku_id, qty, message, opened_at)
    values (${randomUUID()}::uuid, ${warehouseId}, 'bin-over-capacity', ${eventId}::uuid, ${binId},
            ${skuId}, ${extra},
            ${`Bin ${binCode} holds ${over.held} × ${skuId}, its capacity is ${over.maxQty}: move ${extra} to another bin (库位超容)`},
            ${now.toISOString()}::timestamptz)`);
}
