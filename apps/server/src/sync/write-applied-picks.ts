import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import type { AppliedPicks, ExceptionRow } from './apply-picks';
import { randomUUID } from 'node:crypto';
import { changeFeedCtes, recordChanges } from './change-feed';
import { textArray } from './sql-arrays';

/**
 * Writes what a batch of picks changed, set-wise: the lines, the stock with its ledger and the
 * change feed (with its pokes) in one statement, and the exceptions, if any. The waves' progress
 * is not written here: see `applyEvents`.
 */
export async function writeAppliedPicks(tx: Tx, applied: AppliedPicks, now: Date): Promise<void> {
  const negative = await writeLinesAndStock(tx, applied, now);
  await insertExceptions(tx, [...applied.exceptions, ...negative], now);
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
        else 'done' end
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

/**
 * One statement: the changed lines' counts, the picked units taken out of their bins with the
 * ledger (one ledger row per bin and SKU per push: the sum of its picks, naming the first of
 * them; every pick is in `scan_events`, so the ledger still sums to the stock), and the change
 * feed rows with their pokes. A bin that goes below zero is not refused (the units are in the
 * picker's hand): it opens a count exception, returned here.
 */
async function writeLinesAndStock(
  tx: Tx,
  applied: AppliedPicks,
  now: Date,
): Promise<ExceptionRow[]> {
  if (applied.stockTaken.length === 0 && applied.changes.length === 0) return [];
  const lines = applied.changedLines.map((l) => ({
    id: l.id,
    picked_qty: l.pickedQty,
    status: l.status,
  }));
  const taken = new Map<
    string,
    { warehouse_id: string; bin_id: string; sku_id: string; delta: number; event_id: string }
  >();
  for (const t of applied.stockTaken) {
    const key = `${t.binId}\u0000${t.skuId}`;
    const row = taken.get(key);
    if (row) row.delta -= t.qty;
    else
      taken.set(key, {
        warehouse_id: t.warehouseId,
        bin_id: t.binId,
        sku_id: t.skuId,
        delta: -t.qty,
        event_id: t.eventId,
      });
  }
  // Bins in one order for every push, so concurrent pushes on the same bins queue, never deadlock.
  const inLockOrder = [...taken.values()].sort((a, b) =>
    a.bin_id === b.bin_id ? (a.sku_id < b.sku_id ? -1 : 1) : a.bin_id < b.bin_id ? -1 : 1,
  );
  const [row] = await queryRows<{ negative: unknown }>(
    tx,
    sql`
    with changed_lines as (
      update pick_lines p set picked_qty = r.picked_qty, status = r.status
      from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as r(id text, picked_qty int, status text)
      where p.id = r.id
    ), taken as (
      select * from jsonb_to_recordset(${JSON.stringify(inLockOrder)}::jsonb)
        as r(warehouse_id text, bin_id text, sku_id text, delta int, event_id uuid)
    ), ledger as (
      insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason, event_id, at)
      select warehouse_id, bin_id, sku_id, delta, 'pick', event_id, ${now.toISOString()}::timestamptz
      from taken
    ), updated as (
      insert into stock (warehouse_id, bin_id, sku_id, qty)
      select warehouse_id, bin_id, sku_id, delta from taken
      on conflict (bin_id, sku_id) do update set qty = stock.qty + excluded.qty
      returning warehouse_id, bin_id, sku_id, qty
    ), ${changeFeedCtes(applied.changes)}
    select (select count(*) from poked) as poked,
      coalesce((select json_agg(json_build_object('warehouseId', u.warehouse_id, 'binId', u.bin_id,
                                                  'skuId', u.sku_id, 'qty', u.qty))
                from updated u join taken t on t.bin_id = u.bin_id and t.sku_id = u.sku_id
                where u.qty < 0 and u.qty - t.delta >= 0), '[]') as negative`,
  );
  const negative = (
    typeof row?.negative === 'string' ? JSON.parse(row.negative) : (row?.negative ?? [])
  ) as { warehouseId: string; binId: string; skuId: string; qty: number }[];
  return negative.map((s) => ({
    id: randomUUID(),
    warehouseId: s.warehouseId,
    kind: 'bin-negative' as const,
    waveId: null,
    pickLineId: null,
    eventId: null,
    binId: s.binId,
    skuId: s.skuId,
    qty: s.qty,
    message: `Bin ${s.binId} shows ${s.qty} × ${s.skuId} after picks: count the bin`,
  }));
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
