import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('channel SKU codes on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  let admin = '';
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
    admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
  });
  const asAdmin = async (method: string, path: string, body?: unknown) =>
    fx.app.request(path, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const lineOf = (skuId: string) => [{ skuId, qty: 1, unitPriceCents: 9_900 }];
  const storedSkus = async (orderId: string) =>
    (
      await queryRows<{ sku_id: string }>(
        fx.database.db,
        sql`select sku_id from order_lines where order_id = ${orderId} order by id`,
      )
    ).map((r) => r.sku_id);

  it("takes a channel's own code once mapped for its shop, and our id as before", async () => {
    const put = await asAdmin('PUT', '/api/admin/channel-sku-codes', {
      channel: 'tmall',
      shopId: 'tmall-flagship',
      code: 'TM-88001',
      skuId: 'SKU-00013',
    });
    expect(put.status).toBe(200);
    const theirs = await postJson(
      fx.app,
      '/api/orders',
      anOrder({ channel: 'tmall', shopId: 'tmall-flagship', lines: lineOf('TM-88001') }),
      key,
    );
    expect(theirs.status).toBe(201);
    const ours = await postJson(
      fx.app,
      '/api/orders',
      anOrder({ channel: 'tmall', lines: lineOf('SKU-00014') }),
      key,
    );
    expect(ours.status).toBe(201);
    expect([
      await storedSkus((await bodyOf<{ orderId: string }>(theirs)).orderId),
      await storedSkus((await bodyOf<{ orderId: string }>(ours)).orderId),
    ]).toEqual([['SKU-00013'], ['SKU-00014']]);
  });

  it('parks an order with an unmapped code for review, showing the code; mapping it sends the order on', async () => {
    const order = anOrder({
      channel: 'douyin',
      channelOrderId: 'DY-777',
      lines: lineOf('DY-55-RED'),
    });
    const res = await postJson(fx.app, '/api/orders', order, key);
    expect(res.status).toBe(202);
    expect(await bodyOf(res)).toMatchObject({
      channel: 'douyin',
      channelOrderId: 'DY-777',
      status: 'sku-review',
      unmappedSkuCodes: ['DY-55-RED'],
    });
    const queue = await bodyOf<{
      reviews: { channelOrderId: string; unmappedSkuCodes: string[] }[];
    }>(await asAdmin('GET', '/api/admin/sku-reviews'));
    expect(queue.reviews.map((r) => [r.channelOrderId, r.unmappedSkuCodes])).toEqual([
      ['DY-777', ['DY-55-RED']],
    ]);
    await asAdmin('PUT', '/api/admin/channel-sku-codes', {
      channel: 'douyin',
      code: 'DY-55-RED',
      skuId: 'SKU-00015',
    });
    expect(await bodyOf(await asAdmin('POST', '/api/admin/sku-reviews/send', {}))).toEqual({
      sent: 1,
      stillParked: 0,
    });
    const found = await bodyOf<{ orderId: string }>(
      await fx.app.request('/api/orders/by-channel/douyin/DY-777', {
        headers: { authorization: `Bearer ${key}` },
      }),
    );
    expect(await storedSkus(found.orderId)).toEqual(['SKU-00015']);
    expect(
      (await bodyOf<{ reviews: unknown[] }>(await asAdmin('GET', '/api/admin/sku-reviews')))
        .reviews,
    ).toEqual([]);
  });

  it('answers a batch order by order: a parked one beside an accepted one', async () => {
    const res = await postJson(
      fx.app,
      '/api/orders/batch',
      {
        orders: [
          anOrder({ lines: lineOf('TB-UNKNOWN-1') }),
          anOrder({ lines: lineOf('SKU-00016') }),
        ],
      },
      key,
    );
    const body = await bodyOf<{ results: Record<string, unknown>[] }>(res);
    expect(body.results.map((r) => [r.index, r.ok, 'review' in r, 'order' in r])).toEqual([
      [0, true, true, false],
      [1, true, false, true],
    ]);
  });

  it('refuses, not parks, an unmapped order that is bad besides, naming both fields', async () => {
    const res = await postJson(
      fx.app,
      '/api/orders',
      anOrder({ consignee: { name: '李娜', phone: '12345' }, lines: lineOf('PDD-1') }),
      key,
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields?.map((f: { path: string }) => f.path)).toEqual([
      'consignee.phone',
      'lines.0.skuId',
    ]);
  });

  it('refuses a mapping to a SKU that does not exist, naming skuId; only admins map codes', async () => {
    const res = await asAdmin('PUT', '/api/admin/channel-sku-codes', {
      channel: 'jd',
      code: 'JD-1',
      skuId: 'SKU-NOPE',
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await bodyOf(res))).toContain('"path":"skuId"');
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const denied = await fx.app.request('/api/admin/channel-sku-codes', {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(denied.status).toBe(403);
  });
});
