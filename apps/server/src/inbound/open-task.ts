import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';

export interface InboundTaskRow {
  id: string;
  noticeId: string;
  lineId: string;
  skuId: string;
  lot: string | null;
  expiry: string | null;
  fromBinId: string;
  suggestedBinId: string | null;
  qty: number;
  doneQty: number;
  assignedUserId: string | null;
}

/** An open task of the warehouse, locked: two devices finishing one task take turns. */
export async function lockOpenTask(
  tx: Tx,
  warehouseId: string,
  taskId: string,
  kind: 'qc' | 'put-away',
): Promise<InboundTaskRow | null> {
  const [task] = await queryRows<InboundTaskRow>(
    tx,
    sql`
    select id, notice_id as "noticeId", line_id as "lineId", sku_id as "skuId", lot,
           to_char(expiry, 'YYYY-MM-DD') as expiry, from_bin_id as "fromBinId",
           suggested_bin_id as "suggestedBinId", qty, done_qty as "doneQty",
           assigned_user_id as "assignedUserId"
    from inbound_tasks
    where id = ${taskId}::uuid and warehouse_id = ${warehouseId} and kind = ${kind}
    for update`,
  );
  return task ?? null;
}

/** Counts `qty` more units of a task done; it closes when all are. */
export async function countTaskDone(tx: Tx, taskId: string, qty: number, now: Date) {
  await tx.execute(sql`
    update inbound_tasks set done_qty = done_qty + ${qty},
           status = case when done_qty + ${qty} >= qty then 'done' else 'open' end,
           done_at = case when done_qty + ${qty} >= qty then ${now.toISOString()}::timestamptz end
    where id = ${taskId}::uuid`);
}

/**
 * A fact about assigned work is applied whoever recorded it (sync rule 4); it is
 * `stale-assignment` when the work was given to someone else meanwhile, as a pick on a moved wave.
 * Unassigned work is everyone's.
 */
export const outcomeFor = (assignedUserId: string | null, userId: string) =>
  assignedUserId !== null && assignedUserId !== userId
    ? ('stale-assignment' as const)
    : ('applied' as const);
