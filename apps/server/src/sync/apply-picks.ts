import { randomUUID } from 'node:crypto';
import { applyPick } from '@wms/domain';
import type { EventOutcome, PickEvent, PickLineStatus } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import type { ChangeRow } from './change-feed';
import { textArray } from './sql-arrays';

interface LockedLine {
  id: string;
  waveId: string;
  warehouseId: string;
  skuId: string;
  binId: string;
  binCode: string;
  qty: number;
  pickedQty: number;
  status: PickLineStatus;
  assignedUserId: string | null;
  /** The wave's status when the line was locked (the wave row itself is not locked). */
  waveStatus: string;
}

export interface ExceptionRow {
  id: string;
  warehouseId: string;
  kind: 'over-pick' | 'bin-negative' | 'unknown-line' | 'short-unfilled';
  waveId: string | null;
  pickLineId: string | null;
  eventId: string | null;
  binId: string | null;
  skuId: string | null;
  qty: number | null;
  message: string;
}

/** What applying a batch of fresh events changed, to be written set-wise. */
export interface AppliedPicks {
  outcomes: Map<number, EventOutcome>;
  /** Every line a pick named, as it is now. */
  lines: LockedLine[];
  /** The lines whose count or status the picks changed (an over-pick on a closed line changes neither). */
  changedLines: LockedLine[];
  /**
   * Waves whose status the picks may change: not yet `picking`, or with a line that is no longer
   * open. A `picking` wave whose picked lines all stay open stays `picking` (those lines are
   * locked open), and a wave never goes back to `open`, so the others need no refresh.
   */
  waveIdsToRefresh: string[];
  stockTaken: { warehouseId: string; binId: string; skuId: string; qty: number; eventId: string }[];
  exceptions: ExceptionRow[];
  changes: ChangeRow[];
}

/**
 * Works out, in memory and in seq order, what each pick does to its line through the domain's
 * `applyPick`. Facts are never refused: a pick on a full line is an over-pick, one on a line that
 * does not exist (in this warehouse) is an unknown line; both open an exception.
 */
export async function applyPicks(
  tx: Tx,
  warehouseId: string,
  events: readonly PickEvent[],
): Promise<AppliedPicks> {
  const lines = await lockLines(tx, warehouseId, [
    ...new Set(events.map((e) => e.payload.pickLineId)),
  ]);
  const result: AppliedPicks = {
    outcomes: new Map(),
    lines: [],
    changedLines: [],
    waveIdsToRefresh: [],
    stockTaken: [],
    exceptions: [],
    changes: [],
  };
  const before = new Map([...lines].map(([id, l]) => [id, l]));
  const touched = new Set<string>();
  for (const event of events) {
    const line = lines.get(event.payload.pickLineId);
    const { payload } = event;
    if (!line) {
      result.outcomes.set(event.seq, 'unknown-line');
      result.exceptions.push(
        exception(
          warehouseId,
          'unknown-line',
          event,
          null,
          payload.qty,
          `A pick of ${payload.qty} × ${payload.skuId} at ${payload.binCode} names line ${payload.pickLineId}, which does not exist here: check the bin and return the items`,
        ),
      );
      continue;
    }
    const picked = applyPick(line, payload.qty);
    lines.set(line.id, picked.line);
    touched.add(line.id);
    result.stockTaken.push({
      warehouseId,
      binId: line.binId,
      skuId: line.skuId,
      qty: payload.qty,
      eventId: event.id,
    });
    if (picked.overQty > 0) {
      result.outcomes.set(event.seq, 'over-pick');
      result.exceptions.push(
        exception(
          warehouseId,
          'over-pick',
          event,
          line,
          picked.overQty,
          `Return ${picked.overQty} × ${line.skuId} to bin ${line.binCode}: line ${line.id} was already complete`,
        ),
      );
    } else {
      result.outcomes.set(
        event.seq,
        line.assignedUserId === event.userId ? 'applied' : 'stale-assignment',
      );
    }
  }
  const waves = new Set<string>();
  for (const id of touched) {
    const line = lines.get(id);
    if (!line) continue;
    result.lines.push(line);
    const was = before.get(id);
    if (was && (was.pickedQty !== line.pickedQty || was.status !== line.status))
      result.changedLines.push(line);
    if (line.waveStatus !== 'picking' || line.status !== 'open') waves.add(line.waveId);
    result.changes.push({
      warehouseId,
      waveId: line.waveId,
      lineId: line.id,
      audienceUserId: line.assignedUserId,
    });
  }
  result.waveIdsToRefresh = [...waves];
  return result;
}

function exception(
  warehouseId: string,
  kind: ExceptionRow['kind'],
  event: PickEvent,
  line: LockedLine | null,
  qty: number,
  message: string,
): ExceptionRow {
  return {
    id: randomUUID(),
    warehouseId,
    kind,
    waveId: line?.waveId ?? null,
    pickLineId: line?.id ?? null,
    eventId: event.id,
    binId: line?.binId ?? null,
    skuId: line?.skuId ?? event.payload.skuId,
    qty,
    message,
  };
}

/** Locks the lines (in id order, so concurrent pushes never deadlock) with their wave's assignee. */
async function lockLines(
  tx: Tx,
  warehouseId: string,
  ids: string[],
): Promise<Map<string, LockedLine>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<LockedLine>(
    tx,
    sql`
    select pl.id, pl.wave_id as "waveId", pl.warehouse_id as "warehouseId", pl.sku_id as "skuId",
           pl.bin_id as "binId", b.code as "binCode", pl.qty, pl.picked_qty as "pickedQty",
           pl.status, w.assigned_user_id as "assignedUserId", w.status as "waveStatus"
    from pick_lines pl
    join waves w on w.id = pl.wave_id
    join bins b on b.id = pl.bin_id
    where pl.warehouse_id = ${warehouseId}
      and pl.id = any(${textArray(ids)})
    order by pl.id
    for update of pl`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}
