import type { EventOutcome, InboundClosedEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { movePoolInbound, openQty } from './pool-inbound';

/**
 * `inbound-closed@1`: the delivery is complete. What its lines still expected leaves the pool's
 * inbound (it is not coming); a shortfall flags the notice for review with the reason. Closing a
 * closed notice changes nothing; another warehouse's or an unknown one is `unknown-line`.
 */
export async function applyInboundClosed(
  tx: Tx,
  warehouseId: string,
  event: InboundClosedEvent,
  now: Date,
): Promise<EventOutcome> {
  return closeNotice(tx, warehouseId, event.payload.noticeId, event.payload.reason ?? null, now);
}

export async function closeNotice(
  tx: Tx,
  warehouseId: string,
  noticeId: string,
  reason: string | null,
  now: Date,
): Promise<EventOutcome> {
  const [notice] = await queryRows<{ status: string }>(
    tx,
    sql`select status from inbound_notices
        where id = ${noticeId}::uuid and warehouse_id = ${warehouseId} for update`,
  );
  if (!notice) return 'unknown-line';
  if (notice.status !== 'open') return 'applied';
  const lines = await queryRows<{ skuId: string; expectedQty: number; receivedQty: number }>(
    tx,
    sql`select sku_id as "skuId", expected_qty as "expectedQty", received_qty as "receivedQty"
        from inbound_lines where notice_id = ${noticeId}::uuid`,
  );
  const short = lines.some((l) => openQty(l) > 0);
  await tx.execute(sql`
    update inbound_notices set status = 'closed', closed_at = ${now.toISOString()}::timestamptz,
           close_reason = ${reason}, needs_review = needs_review or ${short}
    where id = ${noticeId}::uuid`);
  await movePoolInbound(
    tx,
    lines.map((l) => ({ warehouseId, skuId: l.skuId, delta: -openQty(l) })),
  );
  return 'applied';
}
