import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { badRequest, notFound } from '../http/api-error';
import { requireWarehousePerson } from '../master-data/warehouse-person';
import { recordOrderSteps } from '../orders/order-timeline';

interface OpenException {
  id: string;
  binId: string | null;
  skuId: string | null;
  waveId: string | null;
  pickLineId: string | null;
  eventId: string | null;
  inboundLineId: string | null;
  qty: number | null;
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
               event_id as "eventId", inbound_line_id as "inboundLineId", qty, kind
        from exceptions where id = ${id}::uuid and warehouse_id = ${session.warehouseId} and status = 'open'
        for update`,
  );
  if (!row) throw notFound(`No open exception ${id} in warehouse ${session.warehouseId}`);
  return row;
}

/**
 * Closes an exception (answered now, if nobody had answered it yet). A returned wrong item's
 * takes the refund decision (`refund`), which settles the refund its grading held.
 */
export async function resolveException(
  db: Db,
  session: Session,
  id: string,
  decision: { note?: string | undefined; refund?: boolean | undefined },
  now: Date,
) {
  const { note, refund } = decision;
  return db.transaction(async (tx) => {
    const open = await lockOpen(tx, session, id);
    if (open.kind === 'return-wrong-item') {
      if (refund === undefined)
        throw badRequest('refund: say whether the customer is refunded for the wrong item', [
          { path: 'refund', message: 'required for a returned wrong item (true or false)' },
        ]);
      await decideWrongItemRefund(tx, open, refund, session.userId, now);
    } else if (refund !== undefined) {
      throw badRequest(`refund: exception ${id} (${open.kind}) has no refund to decide`, [
        { path: 'refund', message: 'only a returned wrong item has a refund to decide' },
      ]);
    }
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

/**
 * A returned wrong item's refund, decided (decision 021): its units count on the return line as
 * refunded anyway or refused, so the sale's after-sales stops holding them; the return order's
 * trace says who decided what, and the money it credits.
 */
async function decideWrongItemRefund(
  tx: Tx,
  open: OpenException,
  refund: boolean,
  userId: string,
  now: Date,
) {
  const qty = open.qty ?? 0;
  const [line] = await queryRows<{ orderId: string | null; noticeCode: string; skuId: string }>(
    tx,
    sql`update inbound_lines l
        set wrong_item_refunded_qty = wrong_item_refunded_qty + ${refund ? qty : 0},
            wrong_item_refused_qty = wrong_item_refused_qty + ${refund ? 0 : qty}
        from inbound_notices n
        where l.id = ${open.inboundLineId}::uuid and n.id = l.notice_id
        returning n.order_id as "orderId", n.code as "noticeCode", l.sku_id as "skuId"`,
  );
  if (!line?.orderId) return;
  const [price] = await queryRows<{ unitPriceCents: number | null }>(
    tx,
    sql`select (sum(qty * unit_price_cents) / nullif(sum(qty), 0))::int as "unitPriceCents"
        from order_lines where order_id = ${line.orderId} and sku_id = ${line.skuId}`,
  );
  await recordOrderSteps(
    tx,
    [
      {
        orderId: line.orderId,
        kind: 'return-refund-decided',
        detail: {
          noticeCode: line.noticeCode,
          skuId: line.skuId,
          qty,
          refund,
          creditedCents: refund ? qty * (price?.unitPriceCents ?? 0) : 0,
          by: userId,
          exceptionId: open.id,
        },
      },
    ],
    now,
  );
}
