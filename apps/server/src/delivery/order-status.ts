import type { OrderStatusPage } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { verifyLink } from '../auth/signed-link';
import { type Db, queryRows } from '../db/database';
import { notFound } from '../http/api-error';

/**
 * The customer's order status, reached through the signed link of `order.shipped` (never a
 * guessable id): a forged, expired or other-purpose token is 404. Each query is counted (M2.4
 * "customer status queries").
 */
export async function orderStatusPage(
  db: Db,
  token: string,
  secret: string,
  now: Date,
): Promise<OrderStatusPage> {
  const claims = verifyLink(token, 'order-status', secret, now);
  if (!claims) throw notFound('This order status link is not valid (or has expired)');
  const orderId = claims.subject;
  const [order] = await queryRows<{ status: string; warehouseId: string; flags: string[] }>(
    db,
    sql`select status, warehouse_id as "warehouseId", flags from orders where id = ${orderId}`,
  );
  if (!order) throw notFound('This order status link is not valid (or has expired)');
  await db.execute(sql`
    insert into order_status_queries (warehouse_id, order_id, at)
    values (${order.warehouseId}, ${orderId}, ${now.toISOString()}::timestamptz)`);
  const parcels = await queryRows<OrderStatusPage['parcels'][number]>(
    db,
    sql`select parcel_no as "parcelNo", carrier, tracking_number as "trackingNumber",
               delivery_status as "deliveryStatus",
               to_char(delivered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "deliveredAt"
        from parcels where order_id = ${orderId} order by parcel_no`,
  );
  return {
    orderId,
    status: order.status,
    signatureRequired: order.flags.includes('signature-required'),
    parcels,
  };
}
