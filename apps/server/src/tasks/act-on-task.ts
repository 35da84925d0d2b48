import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { notFound } from '../http/api-error';
import { requireWarehousePerson } from '../master-data/warehouse-person';

interface Answered {
  id: string;
  answeredAt: string;
}

async function lockOpenTask(tx: Tx, session: Session, taskId: string): Promise<void> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`select id from tasks
        where id = ${taskId}::uuid and warehouse_id = ${session.warehouseId} and status = 'open'
        for update`,
  );
  if (!row) throw notFound(`No open task ${taskId} in warehouse ${session.warehouseId}`);
}

/**
 * Closes a task without a count: the label was reprinted and stuck on, or the bin was checked by
 * eye. A cycle count that changes stock goes through `countBin` instead (decision 007).
 */
export async function resolveTask(db: Db, session: Session, taskId: string, now: Date) {
  return db.transaction(async (tx) => {
    await lockOpenTask(tx, session, taskId);
    const at = now.toISOString();
    const [row] = await queryRows<Answered & { status: string; doneAt: string }>(
      tx,
      sql`update tasks set status = 'done', done_at = ${at}::timestamptz, done_by = ${session.userId},
            answered_at = coalesce(answered_at, ${at}::timestamptz)
          where id = ${taskId}::uuid
          returning id, status, ${isoTime('done_at')} as "doneAt", ${isoTime('answered_at')} as "answeredAt"`,
    );
    return row;
  });
}

/** Gives a task to a person of the warehouse; the task counts as answered from then on. */
export async function assignTask(
  db: Db,
  session: Session,
  taskId: string,
  userId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    await lockOpenTask(tx, session, taskId);
    const person = await requireWarehousePerson(tx, session.warehouseId, userId);
    const at = now.toISOString();
    const [row] = await queryRows<Answered & { assignedUserId: string }>(
      tx,
      sql`update tasks set assigned_user_id = ${userId},
            answered_at = coalesce(answered_at, ${at}::timestamptz)
          where id = ${taskId}::uuid
          returning id, assigned_user_id as "assignedUserId", ${isoTime('answered_at')} as "answeredAt"`,
    );
    return { ...row, assignedTo: person.name };
  });
}
