import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import type { AppliedPicks, ExceptionRow } from './apply-picks';
import { recordChanges } from './change-feed';
import { textArray } from './sql-arrays';

/** Writes the exceptions a run of picks opened, if any (the rest is written by `applyPicks`). */
export async function writeAppliedPicks(tx: Tx, applied: AppliedPicks, now: Date): Promise<void> {
  await insertExceptions(tx, [...applied.exceptions, ...applied.negativeBins], now);
}

/** A wave is `picking` from its first pick or short and `done` when no line is left open. */
export async function refreshWaveStatus(tx: Tx, waveIds: readonly string[]): Promise<void> {
  if (waveIds.length === 0) return;
  const changed = await queryRows<{
    id: string;
    warehouseId: string;
    assignedUserId: string | null;
  }>(
    tx,
    sql`
    update waves w set status = case
        when exists (select 1 from pick_lines p where p.wave_id = w.id and p.status = 'open') then 'picking'
        else 'done' end,
      done_at = case
        when exists (select 1 from pick_lines p where p.wave_id = w.id and p.status = 'open') then null
        else now() end
    where w.id = any(${textArray(waveIds)})
      and w.status in ('open', 'picking')
      and w.status <> case
        when exists (select 1 from pick_lines p where p.wave_id = w.id and p.status = 'open') then 'picking'
        else 'done' end
    returning w.id, w.warehouse_id as "warehouseId", w.assigned_user_id as "assignedUserId"`,
  );
  await recordChanges(
    tx,
    changed.map((w) => ({
      warehouseId: w.warehouseId,
      waveId: w.id,
      lineId: null,
      audienceUserId: w.assignedUserId,
    })),
  );
}

export async function insertExceptions(tx: Tx, rows: readonly ExceptionRow[], now: Date) {
  if (rows.length === 0) return;
  const json = rows.map((r) => ({
    id: r.id,
    warehouse_id: r.warehouseId,
    kind: r.kind,
    wave_id: r.waveId,
    pick_line_id: r.pickLineId,
    event_id: r.eventId,
    bin_id: r.binId,
    sku_id: r.skuId,
    qty: r.qty,
    message: r.message,
  }));
  await tx.execute(sql`
    insert into exceptions (id, warehouse_id, kind, wave_id, pick_line_id, event_id, bin_id, sku_id, qty, message, opened_at)
    select id, warehouse_id, kind, wave_id, pick_line_id, event_id, bin_id, sku_id, qty, message,
           ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as r(id uuid, warehouse_id text, kind text,
      wave_id text, pick_line_id text, event_id uuid, bin_id text, sku_id text, qty int, message text)`);
}
