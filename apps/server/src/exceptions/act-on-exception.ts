import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { badRequest, notFound } from '../http/api-error';
import { requireWarehousePerson } from '../master-data/warehouse-person';

interface OpenException {
  id: string;
  binId: string | null;
  skuId: string | null;
  waveId: string | null;
  pickLineId: string | null;
  eventId: string | null;
  kind: string;
}

interface Answered {
  id: string;
  answeredAt: string;
}

async function lockOpen(tx: Tx, session: Session, id: string): Promise<OpenException> {
  const [row] = await queryRows<OpenException>(
    tx,
    sql`select id, bin_id as "binId", sku_id as "skuId", wave_id as "waveId", pick_line_id as "pickLineId",
               event_id as "eventId", kind
        from exceptions where id = ${id}::uuid and warehouse_id = ${session.warehouseId} and status = 'open'
        for update`,
  );
  if (!row) throw notFound(`No open exception ${id} in warehouse ${session.warehouseId}`);
  return row;
}

/** Closes an exception (answered now, if nobody had answered it yet). */
export async function resolveException(
  db: Db,
  session: Session,
  id: string,
  note: string | undefined,
  now: Date,
) {
  return db.transaction(async (tx) => {
    await lockOpen(tx, session, id);
    const at = now.toISOString();
    const [row] = await queryRows<Answered & { status: string; resolvedAt: string }>(
      tx,
      sql`update exceptions set status = 'resolved', resolved_at = ${at}::timestamptz,
            answered_at = coalesce(answered_at, ${at}::timestamptz), resolved_by = ${session.userId},
            note = ${note ?? null}
          where id = ${id}::uuid
          returning id, status, ${isoTime('resolved_at')} as "resolvedAt", ${isoTime('answered_at')} as "answeredAt"`,
    );
    return row;
  });
}

/** Gives an exception to a person of the warehouse (a supervisor or picker) to deal with. */
export async function assignException(
  db: Db,
  session: Session,
  id: string,
  userId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    await lockOpen(tx, session, id);
    const person = await requireWarehousePerson(tx, session.warehouseId, userId);
    const at = now.toISOString();
    const [row] = await queryRows<Answered & { assignedUserId: string }>(
      tx,
      sql`update exceptions set assigned_user_id = ${userId},
            answered_at = coalesce(answered_at, ${at}::timestamptz)
          where id = ${id}::uuid returning id, assigned_user_id as "assignedUserId", ${isoTime('answered_at')} as "answeredAt"`,
    );
    return { ...row, assignedTo: person.name };
  });
}

/** Opens a cycle-count task for the exception's bin (or finds the one already open). */
export async function openCountForException(db: Db, session: Session, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const x = await lockOpen(tx, session, id);
    if (!x.binId)
      throw badRequest(`exceptionId: exception ${id} names no bin to count`, [
        { path: 'exceptionId', message: 'no bin to count' },
      ]);
    const at = now.toISOString();
    await tx.execute(sql`
      insert into tasks (id, warehouse_id, kind, bin_id, sku_id, wave_id, pick_line_id, event_id, detail, message, opened_at)
      select ${randomUUID()}::uuid, ${session.warehouseId}, 'cycle-count', ${x.binId}, ${x.skuId}, ${x.waveId},
             ${x.pickLineId}, ${x.eventId}::uuid, ${x.kind}, 'Count bin ' || b.code || ' (' || ${x.kind} || ')', ${at}::timestamptz
      from bins b where b.id = ${x.binId}
      on conflict (kind, bin_id) where status = 'open' do nothing`);
    const [task] = await queryRows<{ id: string; binId: string }>(
      tx,
      sql`select id, bin_id as "binId" from tasks where kind = 'cycle-count' and bin_id = ${x.binId} and status = 'open'`,
    );
    await tx.execute(
      sql`update exceptions set answered_at = coalesce(answered_at, ${at}::timestamptz) where id = ${id}::uuid`,
    );
    return { exceptionId: id, taskId: task?.id ?? null, binId: x.binId };
  });
}
