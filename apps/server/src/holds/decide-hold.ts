import type { HoldDecision } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { assertOrderInScope } from '../auth/caller-scope';
import { badRequest } from '../http/api-error';
import { releaseReservations } from '../inventory/reserve-stock';
import { recordOrderSteps } from '../orders/order-timeline';
import { emitWebhook } from '../webhooks/emit-webhook';
import { pullFromWaves } from './raise-holds';

/**
 * A supervisor's decision on a held order: `release` closes its open holds and sends it back to
 * waving (or to the manual routing queue if no rule routed it); `cancel` cancels the order and
 * gives its reserved stock back.
 */
export async function decideHold(
  db: Db,
  session: Session,
  orderId: string,
  decision: HoldDecision,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [order] = await queryRows<{
      id: string;
      warehouseId: string;
      channel: string;
      status: string;
      routeRuleId: string | null;
    }>(
      tx,
      sql`select id, warehouse_id as "warehouseId", channel, status, route_rule_id as "routeRuleId"
          from orders where id = ${orderId} for update`,
    );
    assertOrderInScope(session, order, orderId);
    if (order.status !== 'held') {
      throw badRequest(
        `Order ${orderId} is ${order.status}, not held: only a held order can be released or cancelled here`,
        [{ path: 'orderId', message: `order is ${order.status}` }],
      );
    }
    const released = decision.decision === 'release';
    const closed = await queryRows<{ kind: string }>(
      tx,
      sql`update order_holds set status = ${released ? 'released' : 'cancelled'}, decided_at = ${now.toISOString()}::timestamptz,
            decided_by = ${session.userId}, note = ${decision.note ?? null}
          where order_id = ${orderId} and status = 'open' returning kind`,
    );
    const status = !released ? 'cancelled' : order.routeRuleId ? 'received' : 'unrouted';
    await tx.execute(sql`update orders set status = ${status} where id = ${orderId}`);
    if (!released) {
      await pullFromWaves(
        tx,
        orderId,
        '订单已取消:停止拣货,已拣商品放回原库位 · Order cancelled: put picked items back',
      );
      await releaseReservations(tx, orderId);
    }
    const kind = released ? 'released' : 'cancelled';
    const detail = {
      by: session.userId,
      holds: closed.map((h) => h.kind),
      note: decision.note ?? null,
    };
    await recordOrderSteps(tx, [{ orderId, kind, detail }], now);
    if (released) await emitWebhook(tx, 'order.released', { orderId, status, ...detail }, now);
    return { orderId, status };
  });
}
