import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Accepted {
  orderId: string;
  status: string;
  mergedInto: string | null;
  flags: string[];
  holds: string[];
}

/** M3.3 made safe (issue 21): a merge ships together, never sums, never crosses customers. */
describe.each(testDatabases())('safe dedup on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  let supervisor = '';
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
  });
  const send = async (order: ReturnType<typeof anOrder>) =>
    bodyOf<Accepted>(await postJson(fx.app, '/api/orders', order, key));
  const flagsOf = async (orderId: string) =>
    (
      await bodyOf<{ order: { flags: string[]; shipWithOrderId: string | null } }>(
        await fx.app.request(`/api/orders/${orderId}/trace`, {
          headers: { authorization: `Bearer ${supervisor}` },
        }),
      )
    ).order;
  const t0 = Date.parse('2026-11-22T10:00:00Z');
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const sku = (qty: number) => [{ skuId: 'SKU-00261', qty, unitPriceCents: 9_900 }];

  it('the same buyer, SKU and address twice ships together: two orders, their own lines, nothing summed', async () => {
    const buyer = {
      consignee: { name: '刘洋', phone: '13600261001' },
      address: { province: '广东省', city: '广州市', district: '天河区', detail: '天河路 208 号' },
    };
    const first = await send(anOrder({ ...buyer, placedAt: at(0), lines: sku(1) }));
    const second = await send(
      anOrder({
        ...buyer,
        // The same person, written as the other channel writes it: cleaning makes them agree.
        consignee: { name: ' 刘 洋 ', phone: '+86 136-0026-1001' },
        address: { province: '广东', city: '广州', district: '天河区', detail: '天河路208号' },
        placedAt: at(3),
        lines: sku(2),
        paidCents: 19_800,
      }),
    );
    expect(second.orderId).not.toBe(first.orderId);
    expect(second).toMatchObject({ mergedInto: first.orderId, flags: ['suspected-duplicate'] });
    const rows = await queryRows<{ id: string; qty: number; paid: number }>(
      fx.database.db,
      sql`select o.id, sum(l.qty)::int as qty, o.paid_cents as paid from orders o
          join order_lines l on l.order_id = o.id
          where o.id in (${first.orderId}, ${second.orderId}) group by o.id order by o.paid_cents`,
    );
    expect(rows).toEqual([
      { id: first.orderId, qty: 1, paid: 9_900 },
      { id: second.orderId, qty: 2, paid: 19_800 },
    ]);
    expect(await flagsOf(first.orderId)).toMatchObject({
      flags: ['suspected-duplicate'],
      shipWithOrderId: null,
    });
    expect(await flagsOf(second.orderId)).toMatchObject({ shipWithOrderId: first.orderId });
  });

  it('the same phone and SKU to Beijing and to Guangzhou is not merged: both are flagged for review', async () => {
    const phone = '13600261002';
    const guangzhou = await send(
      anOrder({
        consignee: { name: '周婷', phone },
        address: { province: '广东省', city: '广州市', district: '越秀区', detail: '北京路 1 号' },
        placedAt: at(0),
        lines: sku(1),
      }),
    );
    const beijing = await send(
      anOrder({
        consignee: { name: '周婷', phone },
        address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '建国路 88 号' },
        placedAt: at(2),
        lines: sku(1),
      }),
    );
    expect(beijing.orderId).not.toBe(guangzhou.orderId);
    expect(beijing).toMatchObject({ mergedInto: null, flags: ['duplicate-review'] });
    expect((await flagsOf(guangzhou.orderId)).flags).toEqual(['duplicate-review']);
  });

  it('M4.1 counts an ID number ending in x and in X as one', async () => {
    const results: string[][] = [];
    for (const [i, idNumber] of [
      '11010519491231002X',
      '11010519491231002x',
      '11010519491231002x',
      '11010519491231002X',
    ].entries()) {
      const order = await send(
        anOrder({
          consignee: { name: '孙丽', phone: `1380026100${i}`, idNumber },
          lines: [{ skuId: `SKU-0027${i}`, qty: 1, unitPriceCents: 9_900 }],
        }),
      );
      results.push(order.holds);
    }
    expect(results).toEqual([[], [], [], ['id-daily-orders']]);
  });
});
