import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database';

/** What the platforms' end-to-end tests read back of the orders a connector took in. */
/** `db` is read at each call: test files open their database after this is set up. */
export function storedOrders(db: () => Db, channel: string) {
  return {
    /** How many of ours each platform order became (1 each when none is stored twice). */
    counts: (ids: readonly string[]) =>
      queryRows<{ channelOrderId: string; n: number }>(
        db(),
        sql`select channel_order_id as "channelOrderId", count(*)::int as n from orders
            where channel = ${channel} and channel_order_id in
              (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
            group by channel_order_id order by channel_order_id`,
      ),
    /** The counts `counts` gives when each id is stored exactly once. */
    once: (ids: readonly string[]) =>
      ids
        .map((channelOrderId) => ({ channelOrderId, n: 1 }))
        .sort((a, b) => a.channelOrderId.localeCompare(b.channelOrderId)),
    /** Our order of a platform order: its status, cleaned address, consignee and amounts. */
    order: async (platformOrderId: string) => {
      const [row] = await queryRows<{
        id: string;
        status: string;
        province: string;
        city: string;
        district: string;
        addressDetail: string;
        consigneeName: string;
        phone: string;
        paidCents: number;
        freightCents: number;
        couponCents: number;
      }>(
        db(),
        sql`select id, status, province, city, district, address_detail as "addressDetail",
              consignee_name as "consigneeName", phone, paid_cents as "paidCents",
              freight_cents as "freightCents", coupon_cents as "couponCents"
            from orders where channel = ${channel} and channel_order_id = ${platformOrderId}`,
      );
      return row!;
    },
    /** The exceptions opened about one of our orders. */
    exceptionsOf: (orderId: string) =>
      queryRows<{ kind: string; message: string }>(
        db(),
        sql`select kind, message from exceptions where message like ${`Order ${orderId} %`}`,
      ),
  };
}
