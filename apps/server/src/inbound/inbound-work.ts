import type { InboundTask, InboundWork } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { listNotices } from './notices';

/** The SKUs a handheld keeps for blind receipts, at most (decision 021: the catalogue rides along). */
const CATALOGUE_LIMIT = 20_000;

/**
 * What a handheld keeps for inbound, for the caller's warehouse: the open notices with their
 * lines, the open QC and put-away tasks (with the suggested bin and its check digits), and the
 * suppliers and SKUs a blind receipt may name (a delivery without a notice is looked up offline).
 * Today's work: closed notices and done tasks are left out. A picker gets the work given to them
 * and the work given to nobody (a supervisor's assignment keeps the rest off their handheld, as
 * with waves); leads see all of it.
 */
export async function inboundWork(
  db: Db,
  session: Pick<Session, 'warehouseId' | 'role' | 'userId'>,
): Promise<InboundWork> {
  const { warehouseId } = session;
  const forUserId = session.role === 'picker' ? session.userId : null;
  const byAssignee = forUserId
    ? sql`(t.assigned_user_id is null or t.assigned_user_id = ${forUserId})`
    : sql`true`;
  const [notices, tasks, suppliers, skus] = await Promise.all([
    listNotices(db, warehouseId, 'open', forUserId),
    queryRows<InboundTask>(
      db,
      sql`
      select t.id, t.kind, t.notice_id as "noticeId", n.code as "noticeCode", t.sku_id as "skuId",
             s.name as "skuName", s.name_zh as "skuNameZh", t.lot,
             to_char(t.expiry, 'YYYY-MM-DD') as expiry, t.qty, t.done_qty as "doneQty",
             b.code as "suggestedBinCode", b.check_digits as "suggestedCheckDigits",
             t.assigned_user_id as "assignedUserId", u.name as "assigneeName",
             ${isoTime('t.created_at')} as "createdAt"
      from inbound_tasks t
      join inbound_notices n on n.id = t.notice_id
      join skus s on s.id = t.sku_id
      left join bins b on b.id = t.suggested_bin_id
      left join users u on u.id = t.assigned_user_id
      where t.warehouse_id = ${warehouseId} and t.status = 'open' and ${byAssignee}
      order by t.kind, coalesce(b.path_seq, 0), t.created_at, t.id
      limit 1000`,
    ),
    queryRows<InboundWork['suppliers'][number]>(
      db,
      sql`select id, name, name_zh as "nameZh", qc_required as "qcRequired"
          from suppliers where active order by id`,
    ),
    queryRows<InboundWork['skus'][number]>(
      db,
      sql`select s.id, s.name, s.name_zh as "nameZh", s.lot_tracked as "lotTracked",
                 s.qc_required as "qcRequired",
                 coalesce((select json_agg(b.barcode order by b.barcode) from sku_barcodes b
                           where b.sku_id = s.id), '[]'::json) as barcodes
          from skus s where s.active order by s.id limit ${CATALOGUE_LIMIT}`,
    ),
  ]);
  return { notices, tasks, suppliers, skus };
}
