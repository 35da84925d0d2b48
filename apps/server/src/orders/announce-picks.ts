import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import type { AppliedPicks } from '../sync/apply-picks';
import { emitWebhook } from '../webhooks/emit-webhook';
import { recordOrderSteps } from './order-timeline';

/**
 * After a push: orders whose every line is now picked become `picked` (`order.picked`), and
 * each exception the picks opened goes out as `exception.opened` — in the push's transaction.
 */
export async function announcePicks(tx: Tx, applied: AppliedPicks, now: Date): Promise<void> {
  const lineIds = applied.lines.map((l) => l.id);
  if (lineIds.length > 0) {
    const picked = await queryRows<{ id: string }>(
      tx,
      sql`
      update orders o set status = 'picked'
      where o.id in (select pl.order_id from pick_lines pl
                     where pl.id in (select jsonb_array_elements_text(${JSON.stringify(lineIds)}::jsonb)))
        and o.status in ('waved', 'picking')
        and not exists (select 1 from pick_lines pl where pl.order_id = o.id and pl.status = 'open')
      returning o.id`,
    );
    await recordOrderSteps(
      tx,
      picked.map((o) => ({ orderId: o.id, kind: 'picked', detail: {} })),
      now,
    );
    for (const o of picked) await emitWebhook(tx, 'order.picked', { orderId: o.id }, now);
  }
  for (const e of applied.exceptions) {
    await emitWebhook(
      tx,
      'exception.opened',
      {
        exceptionId: e.id,
        kind: e.kind,
        warehouseId: e.warehouseId,
        waveId: e.waveId,
        pickLineId: e.pickLineId,
        message: e.message,
      },
      now,
    );
  }
}
