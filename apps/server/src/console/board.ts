import type { Board, BoardWave, OrderStage } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { readInboundStages } from './inbound-stages';
import { iso, pickerStatuses } from './picker-status';

const STAGES: OrderStage[] = [
  'received',
  'backordered',
  'held',
  'unrouted',
  'waved',
  'picking',
  'picked',
  'shipped',
];

/** The statuses of an order still on its way: not cancelled, not shipped. */
const LIVE = STAGES.filter((stage) => stage !== 'shipped');

/**
 * A warehouse's orders still on their way, and those shipped that were placed after `since`: a
 * positive list of statuses and a time range, each read through `orders_warehouse_status`
 * (`status <> 'cancelled'` read all of history). An order without `placed_at` counts by
 * `created_at`, as before.
 */
function liveOrShippedSince(warehouseId: string, since: string, columns: SQL): SQL {
  return sql`
    select ${columns} from orders
    where warehouse_id = ${warehouseId} and status in (${sql.join(
      LIVE.map((stage) => sql`${stage}`),
      sql`, `,
    )})
    union all
    select ${columns} from orders
    where warehouse_id = ${warehouseId} and status = 'shipped' and placed_at > ${since}::timestamptz
    union all
    select ${columns} from orders
    where warehouse_id = ${warehouseId} and status = 'shipped' and placed_at is null
      and created_at > ${since}::timestamptz`;
}

/**
 * The live board of one warehouse (M2.2): waves with progress by picker, pickers with their
 * position and unsynced backlog, orders per stage with the age of the oldest, inbound stages
 * (issue 23), open exceptions by kind, recent alerts, and order destinations by province.
 * Everything keyed by warehouse.
 */
export async function readBoard(db: Db, warehouseId: string, now: Date): Promise<Board> {
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3_600_000).toISOString();
  const waveRows = await queryRows<Omit<BoardWave, 'byPicker'>>(
    db,
    sql`
    select w.id, w.code, w.status, w.assigned_user_id as "assignedUserId", u.name as "assigneeName",
      count(pl.id)::int as lines,
      count(pl.id) filter (where pl.status <> 'open')::int as "linesDone",
      coalesce(sum(pl.qty), 0)::int as units,
      coalesce(sum(pl.picked_qty), 0)::int as "unitsPicked"
    from waves w
    left join users u on u.id = w.assigned_user_id
    left join pick_lines pl on pl.wave_id = w.id
    where w.id in (
      select id from waves where warehouse_id = ${warehouseId} and status in ('open', 'picking')
        and left_scope_at is null
      union
      select id from waves where warehouse_id = ${warehouseId} and created_at > ${dayAgo}::timestamptz)
    group by w.id, u.name
    order by w.created_at, w.code
    limit 200`,
  );
  const waveIds = JSON.stringify(waveRows.map((w) => w.id));
  const credits = await queryRows<{
    waveId: string;
    userId: string;
    name: string;
    lines: number;
    units: number;
  }>(
    db,
    sql`
    select pl.wave_id as "waveId", e.user_id as "userId", u.name,
      count(distinct pl.id)::int as lines, sum((e.payload->>'qty')::int)::int as units
    from pick_lines pl
    join scan_events e on e.payload->>'pickLineId' = pl.id and e.type = 'pick@1'
      and e.outcome in ('applied', 'stale-assignment')
    join users u on u.id = e.user_id
    where pl.wave_id in (select jsonb_array_elements_text(${waveIds}::jsonb))
    group by pl.wave_id, e.user_id, u.name
    order by u.name`,
  );
  const waves = waveRows.map((w) => ({
    ...w,
    byPicker: credits
      .filter((c) => c.waveId === w.id)
      .map(({ userId, name, lines, units }) => ({ userId, name, lines, units })),
  }));
  const stageRows = await queryRows<{
    stage: OrderStage;
    count: number;
    oldestAt: Date | string | null;
  }>(
    db,
    sql`
    select status as stage, count(*)::int as count, min(coalesce(placed_at, created_at)) as "oldestAt"
    from (${liveOrShippedSince(warehouseId, dayAgo, sql`status, placed_at, created_at`)}) o
    group by status`,
  );
  const stages = STAGES.map((stage) => {
    const row = stageRows.find((r) => r.stage === stage);
    return { stage, count: row?.count ?? 0, oldestAt: iso(row?.oldestAt ?? null) };
  });
  const exceptions = await queryRows<{ kind: string; count: number }>(
    db,
    sql`
    select kind, count(*)::int as count from exceptions
      where warehouse_id = ${warehouseId} and status = 'open' group by kind
    union all
    select kind, count(*)::int from tasks
      where warehouse_id = ${warehouseId} and status = 'open' group by kind
    union all
    select 'held-order', count(*)::int from orders
      where warehouse_id = ${warehouseId} and status = 'held' having count(*) > 0
    union all
    select 'webhook-dead', count(*)::int from webhook_deliveries where status = 'dead' having count(*) > 0
    order by 1`,
  );
  const alertRows = await queryRows<{
    id: string;
    kind: string;
    message: string;
    raisedAt: Date | string;
  }>(
    db,
    sql`select id, kind, message, raised_at as "raisedAt" from alerts
        where warehouse_id = ${warehouseId} and raised_at > ${dayAgo}::timestamptz
        order by raised_at desc limit 50`,
  );
  const provinces = await queryRows<{ province: string; orders: number }>(
    db,
    sql`
    select province, count(*)::int as orders
    from (${liveOrShippedSince(warehouseId, weekAgo, sql`province`)}) o
    group by province order by orders desc, province`,
  );
  return {
    warehouseId,
    generatedAt: now.toISOString(),
    waves,
    pickers: await pickerStatuses(db, warehouseId),
    stages,
    inbound: await readInboundStages(db, warehouseId, now),
    exceptions,
    alerts: alertRows.map((a) => ({ ...a, raisedAt: new Date(a.raisedAt).toISOString() })),
    provinces,
  };
}
