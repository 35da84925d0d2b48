import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Result {
  index: number;
  ok: boolean;
  order?: {
    orderId: string;
    status: string;
    holds: string[];
    flags: string[];
    created: boolean;
    mergedInto: string | null;
  };
  fields?: { path: string; message: string }[];
}

/** The batch path (`POST /api/orders/batch`) where deciding many orders at once adds risk. */
describe.each(testDatabases())('batch intake on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
  });
  const sendBatch = async (orders: unknown[]) => {
    const res = await postJson(fx.app, '/api/orders/batch', { orders }, key);
    expect(res.status).toBe(200);
    return (await bodyOf<{ results: Result[] }>(res)).results;
  };
  const setStock = (skuId: string, physical: number) =>
    fx.database.db.execute(sql`
      insert into inventory_pool (warehouse_id, sku_id, physical, reserved, inbound)
      values ('GZ', ${skuId}, ${physical}, 0, 0)
      on conflict (warehouse_id, sku_id) do update set physical = ${physical}, reserved = 0, inbound = 0`);
  const stockOf = async (skuId: string) => {
    const [row] = await queryRows<{ reserved: number; active: number; transfers: number }>(
      fx.database.db,
      sql`select (select reserved from inventory_pool where warehouse_id = 'GZ' and sku_id = ${skuId}) as reserved,
                 (select coalesce(sum(qty), 0)::int from reservations where sku_id = ${skuId} and status = 'active') as active,
                 (select count(*)::int from alerts where sku_id = ${skuId} and kind = 'transfer') as transfers`,
    );
    return row;
  };
  const stepsOf = async (orderId: string) =>
    (
      await queryRows<{ kind: string }>(
        fx.database.db,
        sql`select kind from order_events where order_id = ${orderId} order by id`,
      )
    ).map((r) => r.kind);

  it('two orders of one batch competing for the last units: the first is reserved, the second short', async () => {
    await setStock('SKU-00201', 3);
    const line = { skuId: 'SKU-00201', qty: 2, unitPriceCents: 9_900 };
    const results = await sendBatch([anOrder({ lines: [line] }), anOrder({ lines: [line] })]);
    const [first, second] = results.map((r) => r.order!.orderId);
    expect(await stockOf('SKU-00201')).toEqual({ reserved: 2, active: 2, transfers: 1 });
    expect(await stepsOf(first!)).toEqual(['received', 'cleaned', 'routed', 'reserved']);
    expect(await stepsOf(second!)).toEqual(['received', 'cleaned', 'routed', 'reservation-short']);
    const [created] = await queryRows<{ reservations: unknown }>(
      fx.database.db,
      sql`select payload->'data'->'reservations' as reservations from webhook_messages
          where type = 'order.created' and order_id = ${second!}`,
    );
    expect(created?.reservations).toEqual([
      { skuId: 'SKU-00201', qty: 2, reserved: false, available: 1 },
    ]);
  });

  it('duplicates within one batch ship together with the first: each keeps its own lines and amounts', async () => {
    const common = {
      consignee: { name: '赵敏', phone: '13800138200' },
      address: { province: '广东', city: '深圳', district: '南山区', detail: '菜鸟驿站 9 号柜' },
      lines: [{ skuId: 'SKU-00202', qty: 1, unitPriceCents: 30_000 }],
      paidCents: 30_000,
    };
    await setStock('SKU-00202', 10);
    const resent = anOrder({ channel: 'jd', channelOrderId: 'JD-BATCH-TWICE' });
    const results = await sendBatch([anOrder(common), anOrder(common), resent, resent]);
    const first = results[0]!.order!;
    expect(first).toMatchObject({ status: 'received', holds: [], mergedInto: null });
    expect(results[1]!.order).toMatchObject({
      mergedInto: first.orderId,
      status: 'received',
      holds: [],
      flags: ['signature-required', 'suspected-duplicate'],
      created: true,
    });
    expect(results[1]!.order!.orderId).not.toBe(first.orderId);
    expect(results[3]!.order).toMatchObject({
      orderId: results[2]!.order!.orderId,
      created: false,
      mergedInto: null,
    });
    const [stored] = await queryRows<{
      orders: number;
      lines: number;
      paid: number;
      status: string;
    }>(
      fx.database.db,
      sql`select (select count(*)::int from orders where phone = '13800138200') as orders,
                 (select count(*)::int from order_lines where order_id = ${first.orderId}) as lines,
                 paid_cents as paid, status
          from orders where id = ${first.orderId}`,
    );
    expect(stored).toEqual({ orders: 2, lines: 1, paid: 30_000, status: 'received' });
    expect(await stepsOf(first.orderId)).toEqual([
      'received',
      'cleaned',
      'routed',
      'flagged',
      'reserved',
      'ship-together',
    ]);
    const [claims] = await queryRows<{ n: number }>(
      fx.database.db,
      sql`select count(*)::int as n from channel_orders where channel = 'jd' and channel_order_id = 'JD-BATCH-TWICE'`,
    );
    expect(claims?.n).toBe(1);
  });

  it('a batch sent again answers what was stored and changes nothing', async () => {
    await setStock('SKU-00205', 10);
    const consignee = { name: '黄强', phone: '13544440205' };
    const lines = [{ skuId: 'SKU-00205', qty: 1, unitPriceCents: 9_900 }];
    const address = { province: '广东', city: '深圳', district: '南山区', detail: '科技园 5 号' };
    const orders = [
      anOrder({ channelOrderId: 'AGAIN-1', consignee, address, lines }),
      anOrder({ channelOrderId: 'AGAIN-2', consignee, address, lines }),
      anOrder({ channelOrderId: 'AGAIN-3', lines }),
    ];
    const first = await sendBatch(orders);
    const again = await sendBatch(orders);
    // The first order was answered before the second joined it; now it is flagged.
    expect(again.map((r) => r.order)).toEqual([
      { ...first[0]!.order!, created: false, flags: ['suspected-duplicate'] },
      { ...first[1]!.order!, created: false },
      { ...first[2]!.order!, created: false },
    ]);
    expect(first[1]!.order).toMatchObject({
      mergedInto: first[0]!.order!.orderId,
      flags: ['suspected-duplicate'],
    });
    expect(await stockOf('SKU-00205')).toEqual({ reserved: 3, active: 3, transfers: 0 });
  });

  it('a batch mixing valid and invalid orders: each bad one names its field, an unmapped SKU code is parked, the rest are stored', async () => {
    const results = await sendBatch([
      anOrder({ channelOrderId: 'MIX-1' }),
      anOrder({ channelOrderId: 'MIX-2', consignee: { name: '李娜', phone: '020-1234567' } }),
      anOrder({
        channelOrderId: 'MIX-3',
        lines: [{ skuId: 'NO-SUCH-SKU', qty: 1, unitPriceCents: 100 }],
      }),
      { ...anOrder({ channelOrderId: 'MIX-4' }), channel: 'ebay' },
      anOrder({ channelOrderId: 'MIX-5' }),
    ]);
    expect(results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(results.map((r) => r.fields?.map((f) => f.path) ?? [])).toEqual([
      [],
      ['consignee.phone'],
      [],
      ['channel'],
      [],
    ]);
    expect(results[2]).toMatchObject({
      review: { channelOrderId: 'MIX-3', status: 'sku-review', unmappedSkuCodes: ['NO-SUCH-SKU'] },
    });
    const stored = await queryRows<{ id: string }>(
      fx.database.db,
      sql`select channel_order_id as id from channel_orders where channel_order_id like 'MIX-%' order by 1`,
    );
    expect(stored.map((r) => r.id)).toEqual(['MIX-1', 'MIX-5']);
  });

  it('two batches at once over the same stock and the same count keys: no oversell, no deadlock', async () => {
    await setStock('SKU-00203', 10);
    await setStock('SKU-00204', 10);
    const idNumber = '440305199303034568';
    // Each batch: 8 orders over two SKUs in opposite orders, 4 of them of one ID number.
    const batch = (tag: string, reverse: boolean) =>
      Array.from({ length: 8 }, (_, i) =>
        anOrder({
          channelOrderId: `${tag}-${i}`,
          consignee: {
            name: '李雷',
            phone: `1371${tag === 'A' ? '1' : '2'}00${String(1000 + i)}`,
            ...(i < 4 ? { idNumber } : {}),
          },
          lines: (reverse ? ['SKU-00204', 'SKU-00203'] : ['SKU-00203', 'SKU-00204']).map(
            (skuId) => ({ skuId, qty: 1, unitPriceCents: 9_900 }),
          ),
        }),
      );
    const [a, b] = await Promise.all([sendBatch(batch('A', false)), sendBatch(batch('B', true))]);
    const all = [...a, ...b];
    expect(all.filter((r) => r.ok)).toHaveLength(16);
    expect(await stockOf('SKU-00203')).toEqual({ reserved: 10, active: 10, transfers: 6 });
    expect(await stockOf('SKU-00204')).toEqual({ reserved: 10, active: 10, transfers: 6 });
    // M4.1 across both batches: 3 orders of the ID number pass, the other 5 are held.
    const [ofId] = await queryRows<{ orders: number; held: number }>(
      fx.database.db,
      sql`select count(*)::int as orders,
                 count(*) filter (where exists (select 1 from order_holds h where h.order_id = o.id
                                                and h.kind = 'id-daily-orders'))::int as held
          from orders o where id_number = ${idNumber}`,
    );
    expect(ofId).toEqual({ orders: 8, held: 5 });
  });
});
