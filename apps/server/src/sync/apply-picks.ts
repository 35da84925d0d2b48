import { randomUUID } from 'node:crypto';
import { applyPick } from '@wms/domain';
import type { EventOutcome, PickEvent, PickLineStatus } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { POKE_CHANNEL } from './change-feed';
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

/** What applying a run of picks did; the lines, stock, ledger and change feed are written already. */
export interface AppliedPicks {
  outcomes: Map<number, EventOutcome>;
  /** Every line a pick named that exists here, as it is now (written already). */
  lines: LockedLine[];
  /**
   * Waves whose status the picks may change: not yet `picking`, or with a line that is no longer
   * open. A `picking` wave whose picked lines all stay open stays `picking` (those lines are
   * locked open), and a wave never goes back to `open`, so the others need no refresh.
   */
  waveIdsToRefresh: string[];
  /** Over-picks and picks on unknown lines. */
  exceptions: ExceptionRow[];
  /** Bins the picks took below zero (count exceptions; no webhook). */
  negativeBins: ExceptionRow[];
}

/**
 * Applies a run of picks in one statement, and works out, in memory and in seq order, what each
 * pick did to its line through the domain's `applyPick` (from the lines as locked). Facts are never
 * refused: a pick on a full line is an over-pick, one on a line that does not exist (in this
 * warehouse) is an unknown line; both open an exception (written by `writeAppliedPicks`).
 */
export async function applyPicks(
  tx: Tx,
  warehouseId: string,
  events: readonly PickEvent[],
  now: Date,
): Promise<AppliedPicks> {
  const { locked, negative } = await lockAndWrite(tx, warehouseId, events, now);
  const lines = new Map(locked.map((l) => [l.id, l]));
  const result: AppliedPicks = {
    outcomes: new Map(),
    lines: [],
    waveIdsToRefresh: [],
    exceptions: [],
    negativeBins: negative.map((s) => ({
      id: randomUUID(),
      warehouseId,
      kind: 'bin-negative' as const,
      waveId: null,
      pickLineId: null,
      eventId: null,
      binId: s.binId,
      skuId: s.skuId,
      qty: s.qty,
      message: `Bin ${s.binId} shows ${s.qty} × ${s.skuId} after picks: count the bin`,
    })),
  };
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
    if (line.waveStatus !== 'picking' || line.status !== 'open') waves.add(line.waveId);
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

/**
 * One statement for the whole run: locks the named lines and returns them as they were; adds each open line's picks up to its quantity (the
 * same as `applyPick` event by event: what fits is applied, a line that reaches its quantity is
 * picked); takes every picked unit out of its bin with a ledger row per bin and SKU (the sum of
 * its picks, naming the first of them; every pick is in `scan_events`, so the ledger still sums
 * to the stock), in one order of bins for every push; records one change-feed row per wave and
 * assignee with the lines picked, and pokes the assignees. A bin that goes below zero is not
 * refused (the units are in the picker's hand): it comes back in `negative`.
 */
async function lockAndWrite(
  tx: Tx,
  warehouseId: string,
  events: readonly PickEvent[],
  now: Date,
): Promise<{
  locked: LockedLine[];
  negative: { binId: string; skuId: string; qty: number }[];
}> {
  const ids = [...new Set(events.map((e) => e.payload.pickLineId))].sort();
  const picks = events.map((e) => ({
    seq: e.seq,
    event_id: e.id,
    line_id: e.payload.pickLineId,
    qty: e.payload.qty,
  }));
  const [row] = await queryRows<{ locked: unknown; negative: unknown }>(
    tx,
    sql`
    with picks as (
      select * from jsonb_to_recordset(${JSON.stringify(picks)}::jsonb)
        as r(seq int, event_id uuid, line_id text, qty int)
    ), locked as (
      select pl.id, pl.wave_id, pl.warehouse_id, pl.sku_id, pl.bin_id, b.code as bin_code, pl.qty,
             pl.picked_qty, pl.status, w.assigned_user_id, w.status as wave_status
      -- Each line looked up by primary key and locked, one after the other in the order of
      -- the ids (sorted: every push locks in the same order, so concurrent pushes never deadlock).
      -- A subquery with a limit is not flattened into a join, so this holds whatever the
      -- planner's statistics say of the table's size: never a scan of all lines.
      from unnest(${textArray(ids)}) as named(id)
      cross join lateral (
        select * from pick_lines pl
        where pl.id = named.id and pl.warehouse_id = ${warehouseId}
        limit 1
        for update
      ) pl
      join waves w on w.id = pl.wave_id
      join bins b on b.id = pl.bin_id
    ), asked as (
      select line_id, sum(qty)::int as qty from picks group by line_id
    ), applied as (
      select l.id, l.picked_qty + least(greatest(l.qty - l.picked_qty, 0), a.qty) as picked_qty, l.qty
      from locked l join asked a on a.line_id = l.id
      where l.status = 'open'
    ), changed_lines as (
      update pick_lines p
      set picked_qty = a.picked_qty,
          status = case when a.picked_qty >= a.qty then 'picked' else 'open' end
      from applied a
      where p.id = a.id
    ), taken as (
      select l.bin_id, l.sku_id, -sum(k.qty)::int as delta,
             (array_agg(k.event_id order by k.seq))[1] as event_id
      from picks k join locked l on l.id = k.line_id
      group by l.bin_id, l.sku_id
      order by l.bin_id collate "C", l.sku_id collate "C"
    ), ledger as (
      insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason, event_id, at)
      select ${warehouseId}, bin_id, sku_id, delta, 'pick', event_id, ${now.toISOString()}::timestamptz
      from taken
    ), updated as (
      insert into stock (warehouse_id, bin_id, sku_id, qty)
      select ${warehouseId}, bin_id, sku_id, delta from taken
      on conflict (bin_id, sku_id) do update set qty = stock.qty + excluded.qty
      returning bin_id, sku_id, qty
    ), recorded as (
      insert into changes (warehouse_id, wave_id, line_id, line_ids, whole, audience_user_id)
      select ${warehouseId}, wave_id,
             case when count(*) = 1 then min(id) end,
             case when count(*) > 1 then array_agg(id order by id) end,
             false, assigned_user_id
      from locked
      group by wave_id, assigned_user_id
    ), poked as (
      select pg_notify(${POKE_CHANNEL}, json_build_object(
               'warehouseId', ${warehouseId}::text,
               'userIds', coalesce(json_agg(distinct assigned_user_id)
                                   filter (where assigned_user_id is not null), '[]'))::text)
      from locked
      having count(*) > 0
    )
    select (select count(*) from poked) as poked,
      (select coalesce(json_agg(json_build_object(
                'id', id, 'waveId', wave_id, 'warehouseId', warehouse_id, 'skuId', sku_id,
                'binId', bin_id, 'binCode', bin_code, 'qty', qty, 'pickedQty', picked_qty,
                'status', status, 'assignedUserId', assigned_user_id, 'waveStatus', wave_status)
              order by id), '[]')
       from locked) as locked,
      (select coalesce(json_agg(json_build_object('binId', u.bin_id, 'skuId', u.sku_id, 'qty', u.qty)), '[]')
       from updated u join taken t on t.bin_id = u.bin_id and t.sku_id = u.sku_id
       where u.qty < 0 and u.qty - t.delta >= 0) as negative`,
  );
  return {
    locked: fromJson(row?.locked) as LockedLine[],
    negative: fromJson(row?.negative) as { binId: string; skuId: string; qty: number }[],
  };
}

/** A json column: parsed by postgres.js and PGlite alike, but accept text too. */
function fromJson(value: unknown): unknown[] {
  if (typeof value === 'string') return JSON.parse(value) as unknown[];
  return (value as unknown[] | null | undefined) ?? [];
}
