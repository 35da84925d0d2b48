import type { OrderInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson, pull } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Accepted {
  orderId: string;
  status: string;
  holds: string[];
  flags: string[];
}

describe.each(testDatabases())('holds on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  let supervisor = '';
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
  });
  const send = async (order: OrderInput) =>
    bodyOf<Accepted>(await postJson(fx.app, '/api/orders', order, key));
  const sku = (n: number) => `SKU-${String(n).padStart(5, '0')}`;
  const line = (n: number, unitPriceCents = 9_900) => [{ skuId: sku(n), qty: 1, unitPriceCents }];

  it('M4.1 holds the 4th order of one ID number in a day', async () => {
    const idNumber = '330102199001011234';
    const results: Accepted[] = [];
    for (let i = 0; i < 4; i++) {
      results.push(
        await send(
          anOrder({
            consignee: { name: '张伟', phone: `1360000000${i}`, idNumber },
            lines: line(150 + i),
          }),
        ),
      );
    }
    expect(results.map((r) => r.holds)).toEqual([[], [], [], ['id-daily-orders']]);
  });

  it.each<[string, Partial<OrderInput>, string[], string[]]>([
    [
      'M4.2 驿站 over ¥500',
      {
        address: { province: '广东', city: '深圳', district: '南山区', detail: '菜鸟驿站 3 号柜' },
        paidCents: 60_000,
        lines: line(160, 60_000),
      },
      ['pickup-station-amount'],
      ['signature-required'],
    ],
    [
      'M4.3 unit price over ¥200 is flagged, not held',
      { paidCents: 25_000, lines: line(161, 25_000) },
      [],
      ['signature-required'],
    ],
    [
      'M4.4 sold 25% below cost',
      { paidCents: 3_000, lines: line(162, 3_000) },
      ['promo-cost-deviation'],
      [],
    ],
    [
      'M4.6 暂不配送 in the address',
      {
        address: { province: '广东', city: '深圳', district: '南山区', detail: '科技园 暂不配送' },
        lines: line(163),
      },
      ['address-keywords'],
      [],
    ],
  ])('%s', async (_name, overrides, holds, flags) => {
    const res = await send(anOrder(overrides));
    expect([res.status, res.holds, res.flags]).toEqual([
      holds.length ? 'held' : 'received',
      holds,
      flags,
    ]);
  });

  it('M4.5 holds the 5th order of one customer to one address within 30 minutes', async () => {
    const same = {
      customerId: 'cust-m45',
      address: { province: '广东', city: '广州', district: '天河区', detail: '体育西路 5 号' },
    };
    const results: Accepted[] = [];
    for (let i = 0; i < 5; i++)
      results.push(await send(anOrder({ ...same, lines: line(170 + i) })));
    expect(results.map((r) => r.status)).toEqual([
      'received',
      'received',
      'received',
      'received',
      'held',
    ]);
  });

  it('lists a held order in the review queue with its rule and evidence; release sends it on', async () => {
    const held = await send(
      anOrder({
        address: { province: '广东', city: '深圳', district: '福田区', detail: '勿送 1 号' },
        lines: line(180),
      }),
    );
    const queue = await bodyOf<{ holds: { orderId: string; ruleId: string; evidence: string }[] }>(
      await fx.app.request('/api/holds', { headers: { authorization: `Bearer ${supervisor}` } }),
    );
    expect(queue.holds.find((h) => h.orderId === held.orderId)).toMatchObject({
      ruleId: 'M4.6',
      evidence: 'address contains "勿送"',
    });
    const res = await postJson(
      fx.app,
      `/api/holds/orders/${held.orderId}/decision`,
      { decision: 'release' },
      supervisor,
    );
    expect(await bodyOf(res)).toEqual({ orderId: held.orderId, status: 'received' });
  });

  it('cancelling a held order gives its stock back', async () => {
    const available = async () =>
      (
        await queryRows<{ reserved: number }>(
          fx.database.db,
          sql`select reserved from inventory_pool where warehouse_id = 'GZ' and sku_id = ${sku(181)}`,
        )
      )[0]?.reserved;
    const before = await available();
    const held = await send(
      anOrder({
        address: { province: '广东', city: '深圳', district: '福田区', detail: '拒收' },
        lines: line(181),
      }),
    );
    expect(await available()).toBe((before ?? 0) + 1);
    await postJson(
      fx.app,
      `/api/holds/orders/${held.orderId}/decision`,
      { decision: 'cancel', note: 'customer confirmed fraud' },
      supervisor,
    );
    expect(await available()).toBe(before);
  });

  it('a hold on an order in an active wave reaches the picker: stop, put back', async () => {
    const picker = await aLoggedInDevice(fx.app, 'P-0001');
    const snapshot = await pull(fx.app, picker);
    const target = snapshot.lines[0];
    expect(target?.status).toBe('open');
    const res = await postJson(
      fx.app,
      `/api/holds/orders/${target?.orderId}`,
      { reason: 'bank reports a stolen card' },
      supervisor,
    );
    expect(await bodyOf(res)).toMatchObject({ status: 'held', held: true });
    const next = await pull(fx.app, picker, snapshot.cursor);
    const pulled = next.lines.filter((l) => l.orderId === target?.orderId);
    expect(pulled.length).toBeGreaterThan(0);
    expect(
      pulled.every((l) => l.status === 'cancelled' && l.note?.includes('put picked items back')),
    ).toBe(true);
  });

  it('M4.7 an address change before dispatch holds the order for the customer to confirm', async () => {
    const order = await send(anOrder({ lines: line(182) }));
    const res = await postJson(
      fx.app,
      `/api/holds/orders/${order.orderId}/address-change`,
      { newAddress: '广东省深圳市南山区 2 号' },
      key,
    );
    expect(await bodyOf(res)).toMatchObject({ status: 'held', outcome: 'hold' });
  });
});

describe.each(testDatabases())('peak protection on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('M4.8 in a sustained intake lag, VIP and high-value orders go to review, others queue', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const placedAt = new Date(Date.now() - 20 * 60_000).toISOString();
    for (let i = 0; i < 2; i++)
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ placedAt, lines: [{ skuId: `SKU-0019${i}`, qty: 1, unitPriceCents: 9_900 }] }),
        key,
      );
    // Every order of the last minutes arrived 20 min after it was placed (the demo's backorder,
    // placed and stored at seeding, too): a sustained intake lag.
    await fx.database.db.execute(
      sql`update orders set created_at = now() - interval '270 seconds',
            placed_at = least(placed_at, now() - interval '20 minutes')
          where placed_at is not null`,
    );
    const vip = await bodyOf<Accepted>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({
          placedAt,
          vip: true,
          lines: [{ skuId: 'SKU-00193', qty: 1, unitPriceCents: 9_900 }],
        }),
        key,
      ),
    );
    const plain = await bodyOf<Accepted>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ placedAt, lines: [{ skuId: 'SKU-00194', qty: 1, unitPriceCents: 9_900 }] }),
        key,
      ),
    );
    expect([vip.holds, plain.holds]).toEqual([['peak-protection'], []]);
    const [alerts] = await queryRows<{ n: number }>(
      fx.database.db,
      sql`select count(*)::int as n from alerts where kind = 'peak'`,
    );
    expect(alerts?.n).toBe(1);
  });

  it('M4.8 also when scans reach the server late: a sustained sync lag sends VIP orders to review', async () => {
    await fx.database.db.execute(sql`update orders set created_at = now() - interval '1 hour'`);
    // Devices whose scans arrived 20 minutes after they were made, over the last 4½ minutes.
    await fx.database.db.execute(sql`
      insert into scan_events (id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                               assignment_version_seen, outcome, device_time, received_at)
      select gen_random_uuid(), gen_random_uuid(), 1, 1, 'GZ', 'u-gz-p1', 'pick@1', '{}'::jsonb, 1,
             'applied', now() - make_interval(secs => s) - interval '20 minutes', now() - make_interval(secs => s)
      from generate_series(0, 270, 30) s`);
    const key = await anIntegrationKey(fx.database.db);
    const vip = await bodyOf<Accepted>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({
          placedAt: new Date().toISOString(),
          vip: true,
          lines: [{ skuId: 'SKU-00195', qty: 1, unitPriceCents: 9_900 }],
        }),
        key,
      ),
    );
    expect(vip.holds).toEqual(['peak-protection']);
  });
});
