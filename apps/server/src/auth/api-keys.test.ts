import { describe, expect, it } from 'vitest';
import { createApiKey } from './api-keys';
import { anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('integration API keys on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('an admin issues a key that sends orders, and revokes it', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const issued = await bodyOf<{ id: string; key: string }>(
      await postJson(
        fx.app,
        '/api/integration-keys',
        { name: 'Douyin shop', warehouseId: 'GZ' },
        admin,
      ),
    );
    expect(issued.key).toMatch(/^wk_/);
    expect((await postJson(fx.app, '/api/orders', anOrder(), issued.key)).status).toBe(201);
    await postJson(fx.app, `/api/integration-keys/${issued.id}/revoke`, {}, admin);
    expect((await postJson(fx.app, '/api/orders', anOrder(), issued.key)).status).toBe(401);
  });

  it('a key cannot do what only people may', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const { key } = await bodyOf<{ key: string }>(
      await postJson(fx.app, '/api/integration-keys', { name: 'ERP', warehouseId: 'GZ' }, admin),
    );
    const res = await postJson(
      fx.app,
      '/api/webhooks/subscriptions',
      { url: 'http://127.0.0.1:9/x', eventTypes: ['order.created'] },
      key,
    );
    expect(res.status).toBe(403);
    expect(
      (await fx.app.request('/api/sync/pull', { headers: { authorization: `Bearer ${key}` } }))
        .status,
    ).toBe(403);
  });

  it('a picker cannot issue keys', async () => {
    const picker = (await aLoggedInDevice(fx.app, 'P-0001')).token;
    expect(
      (await postJson(fx.app, '/api/integration-keys', { name: 'x', warehouseId: 'GZ' }, picker))
        .status,
    ).toBe(403);
  });

  it("a channel key sends its channel's orders, and follows them to the warehouse they were routed to", async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const issued = await postJson(
      fx.app,
      '/api/integration-keys',
      { name: 'Taobao shop', channel: 'taobao' },
      admin,
    );
    expect(issued.status).toBe(201);
    const { key, channel, warehouseId } = await bodyOf<{
      key: string;
      channel: string;
      warehouseId: null;
    }>(issued);
    expect({ channel, warehouseId }).toEqual({ channel: 'taobao', warehouseId: null });
    const chengdu = { province: '四川', city: '成都', district: '武侯区', detail: '1 号' };
    const accepted = await bodyOf<{ orderId: string; warehouseId: string }>(
      await postJson(fx.app, '/api/orders', anOrder({ address: chengdu }), key),
    );
    expect(accepted.warehouseId).toBe('CD');
    const trace = await fx.app.request(`/api/orders/${accepted.orderId}/trace`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(trace.status).toBe(200);
    const cancel = await postJson(
      fx.app,
      `/api/orders/${accepted.orderId}/cancel`,
      { reason: 'buyer cancelled' },
      key,
    );
    expect(await bodyOf(cancel)).toEqual({ orderId: accepted.orderId, status: 'cancelled' });
  });

  it("a channel key cannot send another channel's orders, nor read a warehouse", async () => {
    const { key } = await bodyOf<{ key: string }>(
      await postJson(
        fx.app,
        '/api/integration-keys',
        { name: 'Taobao shop', channel: 'taobao' },
        (await aLoggedInDevice(fx.app, 'A-0001')).token,
      ),
    );
    const jd = anOrder({ channel: 'jd' });
    const single = await postJson(fx.app, '/api/orders', jd, key);
    expect(single.status).toBe(403);
    expect((await bodyOf(single)).error.fields).toEqual([
      { path: 'channel', message: 'This key sends taobao orders only, not jd' },
    ]);
    const batch = await bodyOf<{ results: { index: number; ok: boolean; fields?: unknown }[] }>(
      await postJson(
        fx.app,
        '/api/orders/batch',
        { orders: [anOrder(), anOrder({ channel: 'jd' })] },
        key,
      ),
    );
    expect(batch.results.map((r) => r.ok)).toEqual([true, false]);
    expect(batch.results[1]?.fields).toEqual([
      { path: 'channel', message: 'This key sends taobao orders only, not jd' },
    ]);
    const lookup = await fx.app.request(`/api/orders/by-channel/jd/${jd.channelOrderId}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(lookup.status).toBe(404);
    for (const path of ['/api/holds', '/api/inventory/stock/SKU-00001', '/api/routing/queue']) {
      const res = await fx.app.request(path, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status, path).toBe(403);
    }
  });

  it('a key has one scope: a warehouse or a channel, named in the request', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    for (const body of [{ name: 'x' }, { name: 'x', warehouseId: 'GZ', channel: 'jd' }]) {
      const res = await postJson(fx.app, '/api/integration-keys', body, admin);
      expect(res.status).toBe(400);
      expect((await bodyOf(res)).error.fields?.[0]?.path).toBe('warehouseId');
    }
  });

  it("an admin lists and revokes their warehouse's keys and the channel keys, not another warehouse's", async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const cd = await createApiKey(fx.database.db, 'CD WMS', 'CD');
    const listed = await bodyOf<{ keys: { id: string; warehouseId: string | null }[] }>(
      await fx.app.request('/api/integration-keys', {
        headers: { authorization: `Bearer ${admin}` },
      }),
    );
    expect(listed.keys.length).toBeGreaterThan(0);
    expect(listed.keys.some((k) => k.warehouseId === 'CD')).toBe(false);
    const revoke = await postJson(fx.app, `/api/integration-keys/${cd.id}/revoke`, {}, admin);
    expect(revoke.status).toBe(404);
    expect((await postJson(fx.app, '/api/orders', anOrder(), cd.key)).status).toBe(201);
  });
});
