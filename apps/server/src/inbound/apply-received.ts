import type { EventOutcome, InboundReceivedEvent, StockStatus } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { moveStock } from '../inventory/stock-ledger';
import { receivingBin, suggestedBin } from './inbound-bins';
import { insertNotice } from './insert-notice';
import { movePoolInbound, openQty } from './pool-inbound';

interface NoticeRow {
  id: string;
  warehouseId: string;
  status: 'open' | 'closed';
  supplierId: string | null;
  assignedUserId: string | null;
}

interface LineRow {
  id: string;
  skuId: string;
  expectedQty: number;
  receivedQty: number;
  lotTracked: boolean;
  qcRequired: boolean;
}

/**
 * `inbound-received@1`: units arrived at the dock. The line counts them (two devices receiving
 * one notice add up: the line is updated in place, under the notice's lock); the pool's inbound
 * falls by what the line expected of them; the units enter stock at the receiving dock as
 * awaiting QC (a QC-flagged SKU or supplier), received and not put away, or damaged (set apart);
 * and a QC or put-away task, whose id is this event's, takes them on. More than expected, or a
 * SKU the notice does not list, is stored and answered `over-receipt`. A notice unknown here
 * becomes a blind notice flagged for review; another warehouse's is `unknown-line`, nothing moved.
 * A notice given to another worker meanwhile still counts them, answered `stale-assignment`.
 */
export async function applyInboundReceived(
  tx: Tx,
  warehouseId: string,
  event: InboundReceivedEvent,
  now: Date,
): Promise<EventOutcome> {
  const { payload } = event;
  const [sku] = await queryRows<{ id: string }>(
    tx,
    sql`select id from skus where id = ${payload.skuId}`,
  );
  if (!sku) return 'unknown-line';
  const notice = await noticeOf(tx, warehouseId, event);
  if (!notice) return 'unknown-line';
  const line = await lineOf(tx, notice, event);
  const [counted] = await queryRows<{ before: number }>(
    tx,
    sql`
    update inbound_lines set received_qty = received_qty + ${payload.qty},
           damaged_qty = damaged_qty + ${payload.damaged ? payload.qty : 0}
    where id = ${line.id}::uuid
    returning received_qty - ${payload.qty} as before`,
  );
  const before = counted!.before;
  // The console's stages: expected until the first units are counted, receiving after.
  await tx.execute(sql`
    update inbound_notices set first_received_at = ${now.toISOString()}::timestamptz
    where id = ${notice.id}::uuid and first_received_at is null`);
  const after = before + payload.qty;
  if (notice.status === 'open') {
    const delta =
      openQty({ expectedQty: line.expectedQty, receivedQty: after }) -
      openQty({ expectedQty: line.expectedQty, receivedQty: before });
    await movePoolInbound(tx, [{ warehouseId, skuId: line.skuId, delta }]);
  }
  const dock = await receivingBin(tx, warehouseId);
  const status: StockStatus = payload.damaged
    ? 'damaged'
    : line.qcRequired
      ? 'awaiting-qc'
      : 'received-not-put-away';
  const lot = await lotOf(tx, line, payload, now);
  await moveStock(
    tx,
    [
      {
        warehouseId,
        binId: dock,
        skuId: line.skuId,
        ...lot,
        status,
        delta: payload.qty,
        reason: 'receipt',
        reasonCode: payload.reason ?? null,
        userId: event.userId,
        eventId: event.id,
        note: payload.sscc ? `SSCC ${payload.sscc}` : null,
      },
    ],
    now,
  );
  if (!payload.damaged) {
    const kind = line.qcRequired ? 'qc' : 'put-away';
    const suggested =
      kind === 'put-away' ? await suggestedBin(tx, warehouseId, line.skuId, payload.qty) : null;
    await tx.execute(sql`
      insert into inbound_tasks (id, warehouse_id, kind, notice_id, line_id, sku_id, lot, expiry,
                                 from_bin_id, suggested_bin_id, qty, created_at)
      values (${event.id}::uuid, ${warehouseId}, ${kind}, ${notice.id}::uuid, ${line.id}::uuid,
              ${line.skuId}, ${lot.lot}, ${lot.expiry}::date, ${dock}, ${suggested}, ${payload.qty},
              ${now.toISOString()}::timestamptz)`);
  }
  if (after > line.expectedQty) return 'over-receipt';
  return notice.assignedUserId !== null && notice.assignedUserId !== event.userId
    ? 'stale-assignment'
    : 'applied';
}

/** The event's notice, locked; a blind (or unknown) one is opened for review. */
async function noticeOf(
  tx: Tx,
  warehouseId: string,
  event: InboundReceivedEvent,
): Promise<NoticeRow | null> {
  const { payload } = event;
  const find = () =>
    queryRows<NoticeRow>(
      tx,
      sql`select id, warehouse_id as "warehouseId", status, supplier_id as "supplierId",
                 assigned_user_id as "assignedUserId"
          from inbound_notices where id = ${payload.noticeId}::uuid for update`,
    );
  const [found] = await find();
  if (found) return found.warehouseId === warehouseId ? found : null;
  const supplierId = payload.blind?.supplierId ?? null;
  const [supplier] = supplierId
    ? await queryRows<{ id: string }>(tx, sql`select id from suppliers where id = ${supplierId}`)
    : [];
  const fallback = `BL-${payload.noticeId.slice(0, 8).toUpperCase()}`;
  const [taken] = payload.blind?.code
    ? await queryRows<{ id: string }>(
        tx,
        sql`select id from inbound_notices where warehouse_id = ${warehouseId} and code = ${payload.blind.code}`,
      )
    : [];
  await insertNotice(tx, {
    id: payload.noticeId,
    warehouseId,
    code: payload.blind?.code && !taken ? payload.blind.code : fallback,
    kind: 'blind',
    supplierId: supplier?.id ?? null,
    expectedDate: event.deviceTime.slice(0, 10),
    needsReview: true,
    createdBy: event.userId,
    lines: [],
  });
  return (await find())[0] ?? null;
}

/** The line the units count on: the one named, else the notice's line of the SKU, else a new one expecting nothing. */
async function lineOf(tx: Tx, notice: NoticeRow, event: InboundReceivedEvent): Promise<LineRow> {
  const { payload } = event;
  const columns = sql`id, sku_id as "skuId", expected_qty as "expectedQty", received_qty as "receivedQty",
                      lot_tracked as "lotTracked", qc_required as "qcRequired"`;
  const [named] = await queryRows<LineRow>(
    tx,
    sql`select ${columns} from inbound_lines where notice_id = ${notice.id}::uuid
        and sku_id = ${payload.skuId}
        order by (id::text = ${payload.lineId ?? ''}) desc, line_no limit 1`,
  );
  if (named) return named;
  const [added] = await queryRows<LineRow>(
    tx,
    sql`
    insert into inbound_lines (id, notice_id, warehouse_id, line_no, sku_id, expected_qty,
                               lot_tracked, qc_required)
    select gen_random_uuid(), ${notice.id}::uuid, ${notice.warehouseId},
           coalesce((select max(line_no) from inbound_lines where notice_id = ${notice.id}::uuid), 0) + 1,
           ${payload.skuId}, 0, coalesce(s.lot_tracked, false),
           coalesce(s.qc_required, false) or coalesce(p.qc_required, false)
    from (select 1) one
    left join skus s on s.id = ${payload.skuId}
    left join suppliers p on p.id = ${notice.supplierId}
    returning ${columns}`,
  );
  return added!;
}

/** A lot-tracked line's lot and expiry (from the label, else the SKU's shelf life); others none. */
async function lotOf(
  tx: Tx,
  line: LineRow,
  payload: InboundReceivedEvent['payload'],
  now: Date,
): Promise<{ lot: string | null; expiry: string | null }> {
  if (!line.lotTracked || !payload.lot) return { lot: null, expiry: null };
  if (payload.expiry) return { lot: payload.lot, expiry: payload.expiry };
  const [sku] = await queryRows<{ shelfLifeDays: number | null }>(
    tx,
    sql`select shelf_life_days as "shelfLifeDays" from skus where id = ${line.skuId}`,
  );
  const days = sku?.shelfLifeDays ?? null;
  const expiry =
    days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return { lot: payload.lot, expiry };
}
