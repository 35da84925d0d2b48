import type { InboundNotice, NewInboundNotice } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { conflict, notFound } from '../http/api-error';
import { checkPresaleHolds } from '../holds/presale';
import { insertNotice } from './insert-notice';

/** Creates an expected delivery in the caller's warehouse; answers it as stored. */
export async function createNotice(
  db: Db,
  session: Session,
  input: NewInboundNotice,
): Promise<InboundNotice> {
  return db.transaction(async (tx) => {
    const { id } = await insertNotice(tx, {
      warehouseId: session.warehouseId,
      code: input.code,
      kind: input.kind,
      supplierId: input.supplierId ?? null,
      expectedDate: input.expectedDate,
      createdBy: session.userId,
      lines: input.lines,
    });
    return (await noticesWhere(tx, sql`n.id = ${id}::uuid`))[0]!;
  });
}

/**
 * The notices of a warehouse, open ones by default, soonest expected first (at most 500).
 * `forUserId` keeps a worker's: those given to them and those given to nobody.
 */
export async function listNotices(
  db: Db | Tx,
  warehouseId: string,
  status: 'open' | 'closed' | 'all' = 'open',
  forUserId: string | null = null,
): Promise<InboundNotice[]> {
  const byStatus = status === 'all' ? sql`true` : sql`n.status = ${status}`;
  const byAssignee = forUserId
    ? sql`(n.assigned_user_id is null or n.assigned_user_id = ${forUserId})`
    : sql`true`;
  return noticesWhere(db, sql`n.warehouse_id = ${warehouseId} and ${byStatus} and ${byAssignee}`);
}

/** One notice of the caller's warehouse; another warehouse's is a 404 like an unknown one. */
export async function showNotice(db: Db, warehouseId: string, noticeId: string) {
  const [notice] = await noticesWhere(
    db,
    sql`n.warehouse_id = ${warehouseId} and n.id::text = ${noticeId}`,
  );
  if (!notice)
    throw notFound(`No inbound notice ${noticeId} in warehouse ${warehouseId}: check the id`, {
      noticeId,
    });
  return notice;
}

async function noticesWhere(db: Db | Tx, where: SQL): Promise<InboundNotice[]> {
  return queryRows<InboundNotice>(
    db,
    sql`
    select n.id, n.code, n.warehouse_id as "warehouseId", n.kind, n.supplier_id as "supplierId",
           n.order_id as "orderId", to_char(n.expected_date, 'YYYY-MM-DD') as "expectedDate",
           n.status, n.needs_review as "needsReview",
           n.assigned_user_id as "assignedUserId",
           (select u.name from users u where u.id = n.assigned_user_id) as "assigneeName",
           ${isoTime('n.first_received_at')} as "firstReceivedAt",
           coalesce((
             select json_agg(json_build_object(
                      'id', l.id, 'lineNo', l.line_no, 'skuId', l.sku_id, 'skuName', s.name,
                      'skuNameZh', s.name_zh,
                      'barcodes', coalesce((select json_agg(b.barcode order by b.barcode)
                                            from sku_barcodes b where b.sku_id = l.sku_id), '[]'::json),
                      'expectedQty', l.expected_qty, 'receivedQty', l.received_qty,
                      'damagedQty', l.damaged_qty, 'wrongItemQty', l.wrong_item_qty,
                      'lotTracked', l.lot_tracked,
                      'qcRequired', l.qc_required) order by l.line_no)
             from inbound_lines l join skus s on s.id = l.sku_id
             where l.notice_id = n.id), '[]'::json) as lines
    from inbound_notices n
    where ${where}
    order by n.expected_date, n.code
    limit 500`,
  );
}

/**
 * The supplier moved an open notice's delivery to another day. Pre-sale holds are re-dated at
 * once (`checkPresaleHolds`): a later date keeps their orders held, steps `presale-delayed` into
 * their traces and raises the supplier-delay alert with the count and the dates promised.
 */
export async function rescheduleNotice(
  db: Db,
  warehouseId: string,
  noticeId: string,
  change: { expectedDate: string; note?: string | undefined },
  now: Date,
) {
  const notice = await showNotice(db, warehouseId, noticeId);
  if (notice.status !== 'open')
    throw conflict(`Notice ${notice.code} is closed: nothing more is expected`, [
      { path: 'noticeId', message: `notice ${notice.code} is closed` },
    ]);
  await db.execute(sql`
    update inbound_notices set expected_date = ${change.expectedDate}::date
    where id = ${noticeId}::uuid and warehouse_id = ${warehouseId}`);
  const presale = await checkPresaleHolds(db, now);
  return {
    notice: await showNotice(db, warehouseId, noticeId),
    previousDate: notice.expectedDate,
    note: change.note ?? null,
    presale,
  };
}
