import { describe, expect, it } from 'vitest';
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
    ).toBe(401);
  });

  it('a picker cannot issue keys', async () => {
    const picker = (await aLoggedInDevice(fx.app, 'P-0001')).token;
    expect(
      (await postJson(fx.app, '/api/integration-keys', { name: 'x', warehouseId: 'GZ' }, picker))
        .status,
    ).toBe(403);
  });
});
