import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import type { connectorOrders } from '../db/schema';
import { ApiError } from '../http/api-error';
import { requestAddressChange } from '../address-changes/request-address-change';
import { recordOrderSteps } from '../orders/order-timeline';
import { cancelOrder } from '../orders/ship-order';
import { addressHash, contentHash } from './map-platform-order';
import type { PlatformOrder } from './platform';

/**
 * Ours can still be cancelled without anyone touching goods that left: not yet picked whole. A
 * picking order is pulled from its wave and its picked units put back (`cancelOrder`).
 */
const CANCELLABLE = new Set(['received', 'backordered', 'held', 'unrouted', 'waved', 'picking']);

/**
 * A later version of an order we took in (issue 27). A cancellation on the platform cancels ours
 * while that is safe and is an exception for a person once it was picked or shipped; a new
 * address (already confirmed by the buyer on the platform) applies directly before dispatch and
 * is an exception after it (`requestAddressChange` with source `platform`); changed lines or
 * amounts (a split or merge by the platform) are an exception: intake never re-plans an order.
 */
export async function applyPlatformChange(
  db: Db,
  session: Session,
  before: typeof connectorOrders.$inferSelect,
  order: PlatformOrder,
  now: Date,
) {
  const orderId = before.orderId!;
  if (order.status === 'cancelled' && before.platformStatus !== 'cancelled') {
    await cancelOnPlatform(db, session, orderId, order, now);
    return;
  }
  if (before.addressHash !== addressHash(order)) {
    const r = order.receiver;
    try {
      await requestAddressChange(
        db,
        session,
        orderId,
        {
          source: 'platform',
          newAddress: {
            province: r.province,
            city: r.city,
            district: r.district,
            detail: r.detail,
          },
        },
        { secret: '', origin: '', now },
      );
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      await noteChange(db, orderId, order, `address change not applied: ${err.message}`, now);
    }
  }
  if (before.contentHash !== contentHash(order)) {
    await raisePlatformChange(
      db,
      orderId,
      order,
      `Order ${orderId} (${order.platformOrderId}) changed its lines or amounts on the platform after intake: check it against the platform · 平台订单商品或金额已变更,请核对`,
      now,
    );
  }
}

async function cancelOnPlatform(
  db: Db,
  session: Session,
  orderId: string,
  order: PlatformOrder,
  now: Date,
) {
  const [ours] = await queryRows<{ status: string }>(
    db,
    sql`select status from orders where id = ${orderId}`,
  );
  if (!ours || ours.status === 'cancelled') return;
  if (CANCELLABLE.has(ours.status)) {
    await cancelOrder(
      db,
      session,
      orderId,
      `cancelled on the platform (${order.platformOrderId})`,
      now,
    );
    return;
  }
  await raisePlatformChange(
    db,
    orderId,
    order,
    `Order ${orderId} (${order.platformOrderId}) was cancelled on the platform but is ${ours.status} already: stop it at the pack bench or intercept it with the carrier · 平台已取消,订单已${ours.status === 'shipped' ? '发货' : '拣货'},请拦截`,
    now,
  );
}

async function raisePlatformChange(
  db: Db,
  orderId: string,
  order: PlatformOrder,
  message: string,
  now: Date,
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into exceptions (id, warehouse_id, kind, message, opened_at)
      select gen_random_uuid(), warehouse_id, 'platform-change', ${message}, ${now.toISOString()}::timestamptz
      from orders where id = ${orderId}`);
    await recordOrderSteps(
      tx,
      [
        {
          orderId,
          kind: 'platform-change',
          detail: {
            platformOrderId: order.platformOrderId,
            status: order.status,
            outcome: 'exception',
            message,
          },
        },
      ],
      now,
    );
  });
}

async function noteChange(
  db: Db,
  orderId: string,
  order: PlatformOrder,
  message: string,
  now: Date,
) {
  await recordOrderSteps(
    db,
    [
      {
        orderId,
        kind: 'platform-change',
        detail: {
          platformOrderId: order.platformOrderId,
          status: order.status,
          outcome: 'ignored',
          message,
        },
      },
    ],
    now,
  );
}
