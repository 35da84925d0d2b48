import { describe, expect, it } from 'vitest';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const put = (body: unknown, token: string) => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

describe.each(testDatabases())('thresholds are data on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('an admin lowers the pickup-station amount and the next order is held by it', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const key = await anIntegrationKey(fx.database.db);
    const address = { province: '广东', city: '深圳', district: '南山区', detail: '菜鸟驿站' };
    const before = await bodyOf<{ holds: string[] }>(
      await postJson(fx.app, '/api/orders', anOrder({ address }), key),
    );
    expect(before.holds).toEqual([]);
    const rule = { kind: 'pickup-station-amount', keywords: ['驿站'], minAmountCents: 5_000 };
    expect(
      (await fx.app.request('/api/holds/rules/M4.2', put({ enabled: true, rule }, admin))).status,
    ).toBe(200);
    const after = await bodyOf<{ holds: string[] }>(
      await postJson(fx.app, '/api/orders', anOrder({ address }), key),
    );
    expect(after.holds).toEqual(['pickup-station-amount']);
  });

  it('refuses a rule with a bad parameter, naming it', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const res = await fx.app.request(
      '/api/holds/rules/M4.1',
      put({ enabled: true, rule: { kind: 'id-daily-orders', maxPerDay: 0 } }, admin),
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields?.map((f) => f.path)).toEqual(['rule.maxPerDay']);
  });

  it('a dedup window of 0 minutes stops merging', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const key = await anIntegrationKey(fx.database.db);
    await fx.app.request('/api/hub-settings', put({ dedup: { windowMinutes: 0 } }, admin));
    const consignee = { name: '刘洋', phone: '13622223333' };
    const t0 = Date.parse('2026-11-22T03:00:00Z');
    const a = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ consignee, placedAt: new Date(t0).toISOString() }),
        key,
      ),
    );
    const b = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ consignee, placedAt: new Date(t0 + 60_000).toISOString() }),
        key,
      ),
    );
    expect(b.orderId).not.toBe(a.orderId);
  });
});
