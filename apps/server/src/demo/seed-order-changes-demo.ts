import type { OrderInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { acceptOrder } from '../orders/accept-orders';

/** The demo's pre-sale SKU (issue 21): it ships three weeks after the demo was loaded. */
export const DEMO_PRESALE_SKU = 'SKU-PRESALE-01';

const buyer = {
  channel: 'mini-program',
  customerId: 'mp-demo-2101',
  consignee: { name: '沈佳怡', phone: '13857102101' },
  // Hangzhou Xiaoshan: the third-party cloud warehouse, away from the picking demo's waves.
  address: { province: '浙江省', city: '杭州市', district: '萧山区', detail: '市心中路 819 号' },
  couponCents: 0,
  freightCents: 0,
  vip: false,
} as const;

/**
 * Issue 21's demo, added once: a sale with its return and an exchange (the sale's trace shows
 * both and the refund due), and a pre-sale SKU with one order held until its date.
 */
export async function seedOrderChangesDemoIfMissing(db: Db, now: Date): Promise<void> {
  const [done] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from channel_orders
        where channel = 'mini-program' and channel_order_id = 'MP-DEMO-SALE-21'`,
  );
  const [cloud] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from warehouses where id = 'HZCLOUD'`,
  );
  if ((done?.n ?? 0) > 0 || (cloud?.n ?? 0) === 0) return;
  const day = new Date(now.getTime() + 21 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  await db.execute(sql`
    insert into skus (id, name, name_zh, category, cost_cents, available_from)
    values (${DEMO_PRESALE_SKU}, 'Child safety seat 2027 (pre-sale)', '儿童安全座椅 2027 款(预售)',
            'baby', 60000, ${day})
    on conflict (id) do nothing`);
  await db.execute(sql`
    insert into inventory_pool (warehouse_id, sku_id, physical) values ('HZCLOUD', ${DEMO_PRESALE_SKU}, 0)
    on conflict do nothing`);
  const order = (id: string, rest: Partial<OrderInput>): OrderInput => ({
    ...buyer,
    channelOrderId: id,
    orderType: 'sale',
    placedAt: now.toISOString(),
    paidCents: 0,
    lines: [],
    ...rest,
  });
  const sale = await acceptOrder(
    db,
    order('MP-DEMO-SALE-21', {
      paidCents: 25_800,
      lines: [{ skuId: 'SKU-00121', qty: 2, unitPriceCents: 12_900 }],
    }),
    now,
  );
  const ret = await acceptOrder(
    db,
    order('MP-DEMO-RETURN-21', {
      orderType: 'return',
      originalOrderId: sale.orderId,
      lines: [{ skuId: 'SKU-00121', qty: 1, unitPriceCents: 12_900 }],
    }),
    now,
  );
  await acceptOrder(
    db,
    order('MP-DEMO-EXCHANGE-21', {
      orderType: 'exchange',
      originalOrderId: ret.orderId,
      lines: [{ skuId: 'SKU-00122', qty: 1, unitPriceCents: 9_900 }],
    }),
    now,
  );
  await acceptOrder(
    db,
    order('MP-DEMO-PRESALE-21', {
      customerId: 'mp-demo-2102',
      consignee: { name: '何志强', phone: '13857102102' },
      paidCents: 89_900,
      lines: [{ skuId: DEMO_PRESALE_SKU, qty: 1, unitPriceCents: 89_900 }],
    }),
    now,
  );
}
