import type { InboundAssigned } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { alreadyDone, notFound } from '../http/api-error';
import { requirePicker } from '../waves/reassign-wave';
import { recordInboundChange } from './inbound-changes';

interface Held {
  kind: InboundAssigned['kind'];
  finished: boolean;
  assignedUserId: string | null;
}

/**
 * Gives a QC or put-away task to a picker of the warehouse (or to nobody: open to every worker
 * again), as waves are given (M2.1), also while the previous worker is offline. Nothing they
 * recorded is lost or doubled: their late events are stored and applied up to what the task has
 * left (`stale-assignment`), because a task counts its units done, not who does them. Both
 * workers' scopes change: both are poked and their next pull says `inboundChanged`.
 */
export function assignInboundTask(
  db: Db,
  session: Session,
  taskId: string,
  userId: string | null,
): Promise<InboundAssigned> {
  return assign(db, session, userId, {
    id: taskId,
    field: 'taskId',
    lock: (tx) =>
      queryRows<Held>(
        tx,
        sql`select kind, status = 'done' as finished, assigned_user_id as "assignedUserId"
            from inbound_tasks
            where id::text = ${taskId} and warehouse_id = ${session.warehouseId} for update`,
      ),
    update: (tx) =>
      queryRows<{ assignmentVersion: number }>(
        tx,
        sql`update inbound_tasks set assigned_user_id = ${userId},
                   assignment_version = assignment_version + 1
            where id = ${taskId}::uuid returning assignment_version as "assignmentVersion"`,
      ),
  });
}

/** Gives a notice's receiving to a picker of the warehouse (or to nobody), like a task. */
export function assignNotice(
  db: Db,
  session: Session,
  noticeId: string,
  userId: string | null,
): Promise<InboundAssigned> {
  return assign(db, session, userId, {
    id: noticeId,
    field: 'noticeId',
    lock: (tx) =>
      queryRows<Held>(
        tx,
        sql`select 'receiving' as kind, status = 'closed' as finished,
                   assigned_user_id as "assignedUserId"
            from inbound_notices
            where id::text = ${noticeId} and warehouse_id = ${session.warehouseId} for update`,
      ),
    update: (tx) =>
      queryRows<{ assignmentVersion: number }>(
        tx,
        sql`update inbound_notices set assigned_user_id = ${userId},
                   assignment_version = assignment_version + 1
            where id = ${noticeId}::uuid returning assignment_version as "assignmentVersion"`,
      ),
  });
}

async function assign(
  db: Db,
  session: Session,
  userId: string | null,
  work: {
    id: string;
    field: 'taskId' | 'noticeId';
    lock: (tx: Tx) => Promise<Held[]>;
    update: (tx: Tx) => Promise<{ assignmentVersion: number }[]>;
  },
): Promise<InboundAssigned> {
  return db.transaction(async (tx) => {
    const [held] = await work.lock(tx);
    const what = work.field === 'taskId' ? 'inbound task' : 'inbound notice';
    if (!held)
      throw notFound(`No ${what} ${work.id} in warehouse ${session.warehouseId}: check the id`, {
        [work.field]: work.id,
      });
    if (held.finished)
      throw alreadyDone(`The ${what} ${work.id} is finished: nothing is left to give`, work.field);
    if (userId) await requirePicker(tx, session, userId);
    const [updated] = await work.update(tx);
    await recordInboundChange(tx, session.warehouseId, work.id, [held.assignedUserId, userId]);
    return {
      id: work.id,
      kind: held.kind,
      assignedUserId: userId,
      assignmentVersion: updated!.assignmentVersion,
    };
  });
}
