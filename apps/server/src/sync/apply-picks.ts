import { randomUUID } from 'node:crypto';
import type { EventOutcome, PickEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRowsPrepared } from '../db/database';
import { POKE_CHANNEL } from './change-feed';
import { textArray } from './sql-arrays';
import {
  type PushSource,
  eventConflict,
  eventsRecordset,
  isUniqueViolation,
} from './stored-events';

export interface ExceptionRow {
  id: string;
  warehouseId: string;
  kind: 'over-pick' | 'bin-negative' | 'unknown-line' | 'short-unfilled' | 'weight-mismatch';
  waveId: string | null;
  pickLineId: string | null;
  eventId: string | null;
  binId: string | null;
  skuId: string | null;
  qty: number | null;
  message: string;
}

/** What applying a run of picks did; the events, lines, stock, ledger and change feed are written already. */
export interface AppliedPicks {
  outcomes: Map<number, EventOutcome>;
  /** The lines the picks named that are no longer open (picked now, or closed before). */
  lines: { id: string }[];
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

/** A pick whose outcome is not `applied`, as worked out by the statement. */
interface UnusualPick {
  seq: number;
  outcome: Exclude<EventOutcome, 'applied'>;
  /** Units beyond what the line still asked for. */
  over: number;
  lineId: string | null;
  waveId: string | null;
  binId: string | null;
  binCode: string | null;
  skuId: string | null;
}

/**
 * Applies a run of picks and stores them, in one statement (see `applyAndStore`). Facts are never
 * refused: a pick on a full line is an over-pick, one on a line that does not exist (in this
 * warehouse) is an unknown line; both open an exception (written by `writeAppliedPicks`).
 */
export async function applyPicks(
  tx: Tx,
  source: PushSource,
  events: readonly PickEvent[],
): Promise<AppliedPicks> {
  const row = await applyAndStore(tx, source, events);
  const { warehouseId } = source;
  const outcomes = new Map<number, EventOutcome>(events.map((e) => [e.seq, 'applied']));
  const exceptions: ExceptionRow[] = [];
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  for (const pick of fromJson<UnusualPick>(row.unusual)) {
    outcomes.set(pick.seq, pick.outcome);
    const event = bySeq.get(pick.seq);
    if (!event || pick.outcome === 'stale-assignment') continue;
    const { payload } = event;
    exceptions.push(
      pick.outcome === 'unknown-line'
        ? exception(
            warehouseId,
            'unknown-line',
            event,
            null,
            payload.qty,
            `A pick of ${payload.qty} × ${payload.skuId} at ${payload.binCode} names line ${payload.pickLineId}, which does not exist here: check the bin and return the items`,
          )
        : exception(
            warehouseId,
            'over-pick',
            event,
            pick,
            pick.over,
            `Return ${pick.over} × ${pick.skuId} to bin ${pick.binCode}: line ${pick.lineId} was already complete`,
          ),
    );
  }
  return {
    outcomes,
    lines: fromJson<string>(row.closed).map((id) => ({ id })),
    waveIdsToRefresh: fromJson<string>(row.refresh),
    exceptions,
    negativeBins: fromJson<{ binId: string; skuId: string; qty: number }>(row.negative).map(
      (s) => ({
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
      }),
    ),
  };
}

function exception(
  warehouseId: string,
  kind: ExceptionRow['kind'],
  event: PickEvent,
  line: UnusualPick | null,
  qty: number,
  message: string,
): ExceptionRow {
  return {
    id: randomUUID(),
    warehouseId,
    kind,
    waveId: line?.waveId ?? null,
    pickLineId: line?.lineId ?? null,
    eventId: event.id,
    binId: line?.binId ?? null,
    skuId: line?.skuId ?? event.payload.skuId,
    qty,
    message,
  };
}

/**
 * One statement for the whole run. It locks the named lines and reads them as they were. Each pick
 * is judged in seq order, as the domain's `applyPick` does event by event: what still fits on an
 * open line is applied, the rest is over-picked; a pick on a line of another picker is a stale
 * assignment. Each open line gets its picks up to its quantity (picked when it reaches it). Every
 * picked unit leaves its bin, with a ledger row per bin and SKU (the sum of its picks, naming the
 * first of them; every pick is in `scan_events`, so the ledger still sums to the stock), in one
 * order of bins for every push. One change-feed row per wave and assignee records the lines, and
 * the assignees are poked. The events are stored with their outcomes. A bin that goes below zero
 * is not refused (the units are in the picker's hand): it comes back in `negative`.
 *
 * Only what is unusual comes back (picks not simply applied, closed lines, waves to refresh,
 * negative bins), so a run of ordinary picks returns a few bytes.
 */
async function applyAndStore(tx: Tx, source: PushSource, events: readonly PickEvent[]) {
  const { warehouseId } = source;
  const ids = [...new Set(events.map((e) => e.payload.pickLineId))].sort();
  const now = source.receivedAt.toISOString();
  let row:
    | { unusual: unknown; closed: unknown; refresh: unknown; negative: unknown; archived: number }
    | undefined;
  try {
    [row] = await queryRowsPrepared<NonNullable<typeof row>>(
      tx,
      sql`
    with events as (
      select * from ${eventsRecordset(events)}
    ), picks as (
      select seq, id as event_id, "userId" as user_id, payload->>'pickLineId' as line_id,
             (payload->>'qty')::int as qty,
             -- Units the earlier picks of this run asked of the same line.
             coalesce(sum((payload->>'qty')::int) over (
               partition by payload->>'pickLineId' order by seq
               rows between unbounded preceding and 1 preceding), 0) as asked_before
      from events
    ), locked as (
      select pl.id, pl.wave_id, pl.sku_id, pl.bin_id, pl.lot, pl.expiry, b.code as bin_code, pl.qty,
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
    ), judged as (
      select k.seq, k.event_id, l.id as line_id, l.wave_id, l.bin_id, l.bin_code, l.sku_id, o.over,
             case when l.id is null then 'unknown-line'
                  when o.over > 0 then 'over-pick'
                  when l.assigned_user_id = k.user_id then 'applied'
                  else 'stale-assignment' end as outcome
      from picks k
      left join locked l on l.id = k.line_id
      cross join lateral (
        select k.qty - case when l.status = 'open'
                            then least(k.qty, greatest(greatest(l.qty - l.picked_qty, 0) - k.asked_before, 0))
                            else 0 end as over
      ) o
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
    ), closed as (
      select l.id, l.wave_id, l.wave_status, a.id is null or a.picked_qty >= a.qty as is_closed
      from locked l left join applied a on a.id = l.id
    ), taken as (
      -- Each bin and lot picked from (the line's allocated lot; null where not lot-tracked).
      select l.bin_id, l.sku_id, l.lot, l.expiry, -sum(k.qty)::int as delta,
             (array_agg(k.event_id order by k.seq))[1] as event_id
      from picks k join locked l on l.id = k.line_id
      group by l.bin_id, l.sku_id, l.lot, l.expiry
      order by l.bin_id collate "C", l.sku_id collate "C", l.lot collate "C" nulls first, l.expiry nulls first
    ), ledger as (
      insert into stock_movements (warehouse_id, bin_id, sku_id, lot, expiry, delta, reason, event_id, at)
      select ${warehouseId}, bin_id, sku_id, lot, expiry, delta, 'pick', event_id, ${now}::timestamptz
      from taken
    ), updated as (
      insert into stock (warehouse_id, bin_id, sku_id, lot, expiry, qty)
      select ${warehouseId}, bin_id, sku_id, lot, expiry, delta from taken
      on conflict (bin_id, sku_id, lot, expiry, status) do update set qty = stock.qty + excluded.qty
      returning bin_id, sku_id, lot, expiry, qty
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
    ), inserted as (
      insert into scan_events (id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                               assignment_version_seen, outcome, device_time, received_at)
      select e.id, ${source.deviceId}::uuid, ${source.epoch}::int, e.seq, ${warehouseId}, e."userId",
             e.type, e.payload, e."assignmentVersion", j.outcome, e."deviceTime", ${now}::timestamptz
      from events e join judged j on j.seq = e.seq
    )
    select (select count(*) from poked) as poked,
      (select json_agg(json_build_object(
                'seq', seq, 'outcome', outcome, 'over', over, 'lineId', line_id, 'waveId', wave_id,
                'binId', bin_id, 'binCode', bin_code, 'skuId', sku_id) order by seq)
       from judged where outcome <> 'applied') as unusual,
      (select json_agg(id order by id) from closed where is_closed) as closed,
      (select json_agg(distinct wave_id) from closed
       where is_closed or wave_status <> 'picking') as refresh,
      (select json_agg(json_build_object('binId', u.bin_id, 'skuId', u.sku_id, 'qty', u.qty))
       from updated u join taken t on t.bin_id = u.bin_id and t.sku_id = u.sku_id
         and t.lot is not distinct from u.lot and t.expiry is not distinct from u.expiry
       where u.qty < 0 and u.qty - t.delta >= 0) as negative,
      -- An event id archived already is a device bug (as one stored already, which fails the insert).
      (select count(*)::int from events e
       cross join lateral (
         select 1 from scan_events_archive a where a.id = e.id limit 1
       ) archived) as archived`,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw eventConflict();
    throw error;
  }
  if (!row) throw new Error('the picks statement returns one row');
  if (Number(row.archived) > 0) throw eventConflict();
  return row;
}

/** A json column: parsed by postgres.js and PGlite alike, but accept text too; null is none. */
function fromJson<T>(value: unknown): T[] {
  if (typeof value === 'string') return JSON.parse(value) as T[];
  return (value as T[] | null | undefined) ?? [];
}
