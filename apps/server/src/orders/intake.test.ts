import { describe, expect, it } from 'vitest';
import { aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { queryRows } from '../db/database';
import { sql } from 'drizzle-orm';

describe.each(testDatabases())('order intake on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const send = async (body: unknown, path = '/api/orders') =>
    postJson(fx.app, path, body, await anIntegrationKey(fx.database.db));

  it('accepts a channel order, cleaned, routed and reserved', async () => {
    const order = anOrder({
      consignee: { name: ' 王 芳 ', phone: '+86 139-0000-1111' },
      address: { province: '湖北', city: '武汉', district: '江汉区', detail: '解放大道 1 号' },
    });
    const res = await send(order);
    expect(res.status).toBe(201);
    const body = await bodyOf<{
      orderId: string;
      status: string;
      warehouseId: string;
      carrier: string;
    }>(res);
    expect(body).toMatchObject({ status: 'received', warehouseId: 'CD', carrier: 'YTO' });
    const [row] = await queryRows<Record<string, unknown>>(
      fx.database.db,
      sql`select consignee_name, phone, province, city, route_rule_id, original->'address'->>'city' as raw_city
          from orders where id = ${body.orderId}`,
    );
    expect(row).toEqual({
      consignee_name: '王芳',
      phone: '13900001111',
      province: '湖北省',
      city: '武汉市',
      route_rule_id: 'R-CD',
      raw_city: '武汉',
    });
  });

  it('stores a channel order once, however often it is sent', async () => {
    const order = anOrder({ channel: 'jd', channelOrderId: 'JD-42' });
    const first = await bodyOf<{ orderId: string }>(await send(order));
    const again = await send(order);
    expect(again.status).toBe(200);
    expect(await bodyOf(again)).toMatchObject({ orderId: first.orderId, created: false });
    const found = await fx.app.request('/api/orders/by-channel/jd/JD-42', {
      headers: { authorization: `Bearer ${await anIntegrationKey(fx.database.db)}` },
    });
    expect(await bodyOf(found)).toEqual({ orderId: first.orderId, merged: false });
  });

  it('refuses bad input naming every field, and stores nothing', async () => {
    const res = await send({
      ...anOrder({ channelOrderId: 'BAD-1' }),
      channel: 'ebay',
      consignee: { name: '', phone: '123' },
      lines: [],
    });
    expect(res.status).toBe(400);
    const paths = (await bodyOf(res)).error.fields?.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['channel', 'consignee.name', 'lines']));
    const [n] = await queryRows<{ n: number }>(
      fx.database.db,
      sql`select count(*)::int as n from channel_orders where channel_order_id = 'BAD-1'`,
    );
    expect(n?.n).toBe(0);
  });

  it('refuses a phone that is not a mobile number and an unknown SKU, both named', async () => {
    const res = await send(
      anOrder({
        consignee: { name: '李娜', phone: '020-1234567' },
        lines: [{ skuId: 'NOPE', qty: 1, unitPriceCents: 100 }],
      }),
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields?.map((f) => f.path)).toEqual([
      'consignee.phone',
      'lines.0.skuId',
    ]);
  });

  it('answers a batch order by order', async () => {
    const res = await send(
      { orders: [anOrder(), { channel: 'jd' }, anOrder()] },
      '/api/orders/batch',
    );
    expect(res.status).toBe(200);
    const { results } = await bodyOf<{ results: { index: number; ok: boolean }[] }>(res);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
  });

  it('ships the same buyer, SKU and address within 5 minutes together, flagged', async () => {
    const t0 = new Date('2026-11-22T10:00:00Z');
    const consignee = { name: '赵敏', phone: '13712345678' };
    const address = { province: '广东', city: '深圳', district: '南山区', detail: '科技园 1 号' };
    const first = await bodyOf<{ orderId: string }>(
      await send(anOrder({ consignee, address, placedAt: t0.toISOString() })),
    );
    const second = await bodyOf<{ orderId: string; mergedInto: string; flags: string[] }>(
      await send(
        anOrder({
          consignee,
          address,
          placedAt: new Date(t0.getTime() + 4 * 60_000).toISOString(),
        }),
      ),
    );
    expect(second.orderId).not.toBe(first.orderId);
    expect(second).toMatchObject({ mergedInto: first.orderId, flags: ['suspected-duplicate'] });
    const third = await bodyOf<{ mergedInto: string | null }>(
      await send(
        anOrder({
          consignee,
          address,
          placedAt: new Date(t0.getTime() + 11 * 60_000).toISOString(),
        }),
      ),
    );
    expect(third.mergedInto).toBeNull();
  });

  it('does not merge the same phone with no SKU in common', async () => {
    const consignee = { name: '赵敏', phone: '13787654321' };
    const a = await bodyOf<{ orderId: string }>(await send(anOrder({ consignee })));
    const b = await bodyOf<{ orderId: string }>(
      await send(
        anOrder({ consignee, lines: [{ skuId: 'SKU-00122', qty: 1, unitPriceCents: 9_900 }] }),
      ),
    );
    expect(b.orderId).not.toBe(a.orderId);
  });

  it('sends an order no rule matches to the manual routing queue', async () => {
    const res = await send(
      anOrder({
        address: { province: '火星', city: '奥林帕斯', district: '一区', detail: '1 号' },
      }),
    );
    expect(await bodyOf(res)).toMatchObject({ status: 'unrouted', warehouseId: null });
  });

  it('needs an integration key or an admin', async () => {
    const res = await postJson(fx.app, '/api/orders', anOrder());
    expect(res.status).toBe(401);
    const bad = await postJson(fx.app, '/api/orders', anOrder(), 'wk_not-a-key');
    expect(bad.status).toBe(401);
  });
});
