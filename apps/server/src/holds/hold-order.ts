import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { sql } from 'drizzle-orm';
import { assertOrderInScope } from '../auth/caller-scope';
import { raiseHolds } from './raise-holds';

interface OrderRow {
  id: string;
  warehouseId: string;
  channel: string;
  status: string;
}

async function lockOrder(db: Tx, session: Session, orderId: string) {
  const [order] = await queryRows<OrderRow>(
    db,
    sql`select id, warehouse_id as "warehouseId", channel, status from orders where id = ${orderId} for update`,
  );
  assertOrderInScope(session, order, orderId);
  return order;
}

/**
 * Holds an order by hand (a supervisor, or a channel's risk system). An order already in a wave
 * is pulled out of it; its picker is told at the next sync.
 */
export async function holdOrder(
  db: Db,
  session: Session,
  orderId: string,
  reason: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, session, orderId);
    if (order.status === 'shipped' || order.status === 'cancelled') {
      return { orderId, status: order.status, held: false };
    }
    await raiseHolds(
      tx,
      order,
      [{ kind: 'manual', evidence: `${reason} (by ${session.userId})` }],
      [],
      now,
    );
    return { orderId, status: 'held', held: true };
  });
}
