import type { BinLabelFailedEvent, EventOutcome } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { openTask } from '../tasks/open-task';
import { recordChanges } from './change-feed';

/**
 * A bin label failed three times in a row (M1.5): one "reprint label" task per bin, and a poke
 * so the warehouse's supervisors see it. An unknown bin, or a wave not of the device's warehouse
 * (issue 15), is stored as `unknown-line`.
 */
export async function applyBinLabelFailed(
  tx: Tx,
  warehouseId: string,
  event: BinLabelFailedEvent,
  now: Date,
): Promise<EventOutcome> {
  const { payload } = event;
  const [bin] = await queryRows<{ id: string; assignedUserId: string | null }>(
    tx,
    sql`
    select b.id, w.assigned_user_id as "assignedUserId"
    from bins b join waves w on w.id = ${payload.waveId} and w.warehouse_id = ${warehouseId}
    where b.warehouse_id = ${warehouseId} and b.code = ${payload.binCode}`,
  );
  if (!bin) return 'unknown-line';
  const opened = await openTask(
    tx,
    {
      warehouseId,
      kind: 'reprint-label',
      binId: bin.id,
      skuId: null,
      waveId: payload.waveId,
      pickLineId: payload.pickLineId,
      eventId: event.id,
      detail: `${payload.attempts} attempts`,
      message: `Reprint the label of bin ${payload.binCode}: it failed ${payload.attempts} times in a row`,
    },
    now,
  );
  if (opened)
    await recordChanges(tx, [
      { warehouseId, waveId: payload.waveId, lineId: null, audienceUserId: bin.assignedUserId },
    ]);
  return bin.assignedUserId === event.userId ? 'applied' : 'stale-assignment';
}
