import { randomUUID } from 'node:crypto';
import type { TaskKind } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';

export interface NewTask {
  warehouseId: string;
  kind: TaskKind;
  binId: string;
  skuId: string | null;
  waveId: string | null;
  pickLineId: string | null;
  eventId: string;
  detail: string;
  message: string;
}

/**
 * Opens a task unless one of the same kind is already open for the bin (then nothing changes).
 * Returns true when a task was opened.
 */
export async function openTask(tx: Tx, task: NewTask, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`
    insert into tasks (id, warehouse_id, kind, bin_id, sku_id, wave_id, pick_line_id, event_id,
                       detail, message, opened_at)
    values (${randomUUID()}, ${task.warehouseId}, ${task.kind}, ${task.binId}, ${task.skuId},
            ${task.waveId}, ${task.pickLineId}, ${task.eventId}, ${task.detail}, ${task.message},
            ${now.toISOString()}::timestamptz)
    on conflict (kind, bin_id) where status = 'open' do nothing
    returning id`,
  );
  return rows.length > 0;
}
