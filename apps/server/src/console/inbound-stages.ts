import type { BoardInboundStage, InboundStage } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { iso } from './picker-status';

const STAGES: InboundStage[] = [
  'expected',
  'receiving',
  'awaiting-qc',
  'awaiting-put-away',
  'put-away-today',
];

/** The start of `now`'s day in China (UTC+8), where the warehouses are: "today" on the board. */
export function chinaMidnight(now: Date): Date {
  const eight = 8 * 3_600_000;
  const local = new Date(now.getTime() + eight);
  return new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - eight,
  );
}

/**
 * A warehouse's inbound stages beside its orders' (issue 23): open notices with nothing received
 * (`expected`, aged from creation) or some (`receiving`, aged from the first units), open QC and
 * put-away tasks (aged from creation), and put-away tasks finished today. Only live rows are
 * read: open notices through `inbound_notices_open`, open tasks through `inbound_tasks_open`,
 * today's done ones through `inbound_tasks_done` — a year of closed notices and done tasks is
 * never scanned.
 */
export async function readInboundStages(
  db: Db,
  warehouseId: string,
  now: Date,
): Promise<BoardInboundStage[]> {
  const rows = await queryRows<{
    stage: InboundStage;
    count: number;
    units: number;
    oldestAt: Date | string | null;
  }>(db, inboundStagesQuery(warehouseId, now));
  return STAGES.map((stage) => {
    const row = rows.find((r) => r.stage === stage);
    return {
      stage,
      count: row?.count ?? 0,
      units: row?.units ?? 0,
      oldestAt: iso(row?.oldestAt ?? null),
    };
  });
}

/** The one statement of `readInboundStages` (exported for its plan's test). */
export function inboundStagesQuery(warehouseId: string, now: Date): SQL {
  return sql`
    with notices as (
      select n.created_at, n.first_received_at,
             (select coalesce(sum(greatest(l.expected_qty - l.received_qty, 0)), 0)
              from inbound_lines l where l.notice_id = n.id) as units
      from inbound_notices n
      where n.warehouse_id = ${warehouseId} and n.status = 'open'
    ), tasks as (
      select kind, qty - done_qty as units, created_at from inbound_tasks
      where warehouse_id = ${warehouseId} and status = 'open'
    )
    select 'expected' as stage, count(*)::int as count, coalesce(sum(units), 0)::int as units,
           min(created_at) as "oldestAt"
      from notices where first_received_at is null
    union all
    select 'receiving', count(*)::int, coalesce(sum(units), 0)::int, min(first_received_at)
      from notices where first_received_at is not null
    union all
    select 'awaiting-qc', count(*)::int, coalesce(sum(units), 0)::int, min(created_at)
      from tasks where kind = 'qc'
    union all
    select 'awaiting-put-away', count(*)::int, coalesce(sum(units), 0)::int, min(created_at)
      from tasks where kind = 'put-away'
    union all
    select 'put-away-today', count(*)::int, coalesce(sum(qty), 0)::int, null
      from inbound_tasks
      where warehouse_id = ${warehouseId} and kind = 'put-away' and status = 'done'
        and done_at >= ${chinaMidnight(now).toISOString()}::timestamptz`;
}
