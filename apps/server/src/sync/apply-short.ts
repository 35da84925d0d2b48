import { randomUUID } from 'node:crypto';
import { remainingQty } from '@wms/domain';
import type { EventOutcome, PickLineStatus, ShortEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { openTask } from '../tasks/open-task';
import { type ChangeRow, recordChanges } from './change-feed';
import { type Reallocation, reallocate } from './reallocate';
import { insertExceptions, refreshWaveStatus } from './write-applied-picks';

export interface ShortedLine {
  id: string;
  waveId: string;
  warehouseId: string;
  orderId: string;
  orderLineId: string;
  skuId: string;
  binId: string;
  binCode: string;
  pathSeq: number;
  qty: number;
  pickedQty: number;
  status: PickLineStatus;
  note: string | null;
  assignedUserId: string | null;
}

/**
 * A short pick: the line closes as `short`, its remainder goes to other bins with stock as new
 * lines of the same wave (placed on the walk by their bins' path order), a cycle-count task opens
 * for the bin, and a remainder no bin can cover opens a `short-unfilled` exception. A short on a
 * line already closed changes nothing.
 */
export async function applyShort(
  tx: Tx,
  warehouseId: string,
  event: ShortEvent,
  now: Date,
): Promise<EventOutcome> {
  const line = await lockLine(tx, warehouseId, event.payload.pickLineId);
  if (!line) return 'unknown-line';
  const outcome = line.assignedUserId === event.userId ? 'applied' : 'stale-assignment';
  const remainder = remainingQty(line);
  if (remainder === 0) return outcome;
  await tx.execute(sql`update pick_lines set status = 'short' where id = ${line.id}`);
  const reallocation = await reallocate(tx, line, remainder, now);
  await writeNewLines(tx, line, reallocation);
  await openCycleCount(tx, line, event, now);
  if (reallocation.unfilled > 0) await openUnfilled(tx, line, event, reallocation.unfilled, now);
  await refreshWaveStatus(tx, [line.waveId]);
  const changed: ChangeRow[] = [line.id, ...reallocation.lines.map((l) => l.id)].map((id) => ({
    warehouseId,
    waveId: line.waveId,
    lineId: id,
    audienceUserId: line.assignedUserId,
  }));
  await recordChanges(tx, changed);
  return outcome;
}

async function lockLine(tx: Tx, warehouseId: string, id: string): Promise<ShortedLine | undefined> {
  const [line] = await queryRows<ShortedLine>(
    tx,
    sql`
    select pl.id, pl.wave_id as "waveId", pl.warehouse_id as "warehouseId", pl.order_id as "orderId",
           pl.order_line_id as "orderLineId", pl.sku_id as "skuId", pl.bin_id as "binId",
           b.code as "binCode", b.path_seq as "pathSeq", pl.qty, pl.picked_qty as "pickedQty",
           pl.status, pl.note, w.assigned_user_id as "assignedUserId"
    from pick_lines pl
    join waves w on w.id = pl.wave_id
    join bins b on b.id = pl.bin_id
    where pl.warehouse_id = ${warehouseId} and pl.id = ${id}
    for update of pl`,
  );
  return line;
}

async function writeNewLines(tx: Tx, line: ShortedLine, reallocation: Reallocation) {
  if (reallocation.lines.length === 0) return;
  const rows = reallocation.lines.map((l) => ({
    id: l.id,
    wave_id: line.waveId,
    warehouse_id: line.warehouseId,
    order_id: line.orderId,
    order_line_id: line.orderLineId,
    sku_id: line.skuId,
    bin_id: l.binId,
    lot: l.lot,
    expiry: l.expiry,
    qty: l.qty,
    note: line.note,
  }));
  await tx.execute(sql`
    insert into pick_lines (id, wave_id, warehouse_id, order_id, order_line_id, sku_id, bin_id, lot,
                            expiry, qty, picked_qty, status, note)
    select id, wave_id, warehouse_id, order_id, order_line_id, sku_id, bin_id, lot, expiry, qty, 0,
           'open', note
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, wave_id text,
      warehouse_id text, order_id text, order_line_id text, sku_id text, bin_id text, lot text,
      expiry date, qty int, note text)`);
}

async function openCycleCount(tx: Tx, line: ShortedLine, event: ShortEvent, now: Date) {
  const { reason, shortQty } = event.payload;
  await openTask(
    tx,
    {
      warehouseId: line.warehouseId,
      kind: 'cycle-count',
      binId: line.binId,
      skuId: line.skuId,
      waveId: line.waveId,
      pickLineId: line.id,
      eventId: event.id,
      detail: reason,
      message: `Count bin ${line.binCode} (${line.skuId}): a picker found ${shortQty} missing (${reason})`,
    },
    now,
  );
}

async function openUnfilled(tx: Tx, line: ShortedLine, event: ShortEvent, qty: number, now: Date) {
  await insertExceptions(
    tx,
    [
      {
        id: randomUUID(),
        warehouseId: line.warehouseId,
        kind: 'short-unfilled',
        waveId: line.waveId,
        pickLineId: line.id,
        eventId: event.id,
        binId: line.binId,
        skuId: line.skuId,
        qty,
        message: `Order ${line.orderId} is ${qty} × ${line.skuId} short: no other bin has stock. Replenish or tell the customer`,
      },
    ],
    now,
  );
}
