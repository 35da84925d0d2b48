import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { notFound } from '../http/api-error';
import { recordOrderSteps } from '../orders/order-timeline';
import { recordChanges } from '../sync/change-feed';

/**
 * Cancels a wave that is not done: its open lines are cancelled, its orders that are not fully
 * picked go back to `received` (keeping their reservations) for the next wave, and the picker's
 * device drops the wave at its next pull.
 */
export async function cancelWave(db: Db, session: Session, waveId: string, now: Date) {
  return db.transaction(async (tx) => {
    const [wave] = await queryRows<{ id: string; assignee: string | null }>(
      tx,
      sql`update waves set status = 'cancelled', assignment_version = assignment_version + 1
          where id = ${waveId} and warehouse_id = ${session.warehouseId} and status in ('open', 'picking')
          returning id, assigned_user_id as assignee`,
    );
    if (!wave) throw notFound(`No open wave ${waveId} in warehouse ${session.warehouseId}`);
    const orders = await queryRows<{ id: string }>(
      tx,
      sql`
      with cancelled as (
        update pick_lines set status = 'cancelled' where wave_id = ${waveId} and status = 'open' returning order_id
      )
      update orders o set status = 'received'
      where o.id in (select order_id from cancelled) and o.status in ('waved', 'picking')
      returning o.id`,
    );
    await recordOrderSteps(
      tx,
      orders.map((o) => ({
        orderId: o.id,
        kind: 'pulled-from-wave',
        detail: { waveId, reason: 'wave cancelled' },
      })),
      now,
    );
    await recordChanges(tx, [
      {
        warehouseId: session.warehouseId,
        waveId,
        lineId: null,
        whole: true,
        audienceUserId: wave.assignee,
      },
    ]);
    return { waveId, status: 'cancelled' as const, ordersReleased: orders.length };
  });
}
