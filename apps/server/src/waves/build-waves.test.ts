import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson, pull } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('building waves on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('cuts released orders into waves at the size limit, oldest first, held orders left out', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const t0 = Date.parse('2026-11-22T01:00:00Z');
    // Each SKU in its home bin only (lines are allocated from the first bin on the path).
    await fx.database.db.execute(sql`
      delete from stock s where s.sku_id in ('SKU-00260', 'SKU-00261', 'SKU-00262', 'SKU-00263', 'SKU-00264')
        and s.warehouse_id = 'GZ'
        and s.bin_id <> (select bin_id from stock m where m.sku_id = s.sku_id and m.warehouse_id = 'GZ'
                         order by m.qty desc, m.bin_id limit 1)`);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const order = anOrder({
        placedAt: new Date(t0 + i * 60_000).toISOString(),
        lines: [{ skuId: `SKU-0026${i}`, qty: 1, unitPriceCents: 9_900 }],
      });
      ids.push(
        (await bodyOf<{ orderId: string }>(await postJson(fx.app, '/api/orders', order, key)))
          .orderId,
      );
    }
    await postJson(
      fx.app,
      `/api/holds/orders/${ids[4]}`,
      { reason: 'customer called' },
      supervisor,
    );
    const built = await bodyOf<{ waves: { waveId: string; orders: number }[] }>(
      await postJson(fx.app, '/api/waves/build', { maxOrders: 2 }, supervisor),
    );
    expect(built.waves.map((w) => w.orders)).toEqual([2, 2]);
    const [first] = built.waves;
    const inFirst = await queryRows<{ orderId: string }>(
      fx.database.db,
      sql`select distinct order_id as "orderId" from pick_lines where wave_id = ${first?.waveId} order by 1`,
    );
    expect(inFirst.map((r) => r.orderId)).toEqual([ids[0], ids[1]].sort());
    const again = await bodyOf<{ waves: unknown[] }>(
      await postJson(fx.app, '/api/waves/build', { maxOrders: 2 }, supervisor),
    );
    expect(again.waves).toEqual([]);
  });

  it('cancelling a wave sends its orders back for the next wave and off the picker', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const picker = await aLoggedInDevice(fx.app, 'P-0002');
    const order = anOrder({ lines: [{ skuId: 'SKU-00270', qty: 1, unitPriceCents: 9_900 }] });
    const { orderId } = await bodyOf<{ orderId: string }>(
      await postJson(fx.app, '/api/orders', order, key),
    );
    const built = await bodyOf<{ waves: { waveId: string }[] }>(
      await postJson(fx.app, '/api/waves/build', { assignTo: picker.userId }, supervisor),
    );
    const waveId = built.waves[0]?.waveId ?? '';
    const snapshot = await pull(fx.app, picker);
    expect(snapshot.waves.map((w) => w.id)).toContain(waveId);
    const res = await postJson(fx.app, `/api/waves/${waveId}/cancel`, {}, supervisor);
    expect(await bodyOf(res)).toEqual({ waveId, status: 'cancelled', ordersReleased: 1 });
    const next = await pull(fx.app, picker, snapshot.cursor);
    expect(next.removedWaves).toEqual([
      { waveId, reason: 'cancelled', assignedTo: null, keptPicks: 0 },
    ]);
    const [row] = await queryRows<{ status: string }>(
      fx.database.db,
      sql`select status from orders where id = ${orderId}`,
    );
    expect(row?.status).toBe('received');
  });

  it('waves the carrier with the earliest cut-off first', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    // EMS (10:00) before ZTO (17:30): the order routed by hand to EMS is waved first.
    await fx.app.request('/api/hub-settings', {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${(await aLoggedInDevice(fx.app, 'A-0001')).token}`,
      },
      body: JSON.stringify({ carrierCutoffs: { EMS: 600, ZTO: 1050 } }),
    });
    await postJson(
      fx.app,
      '/api/orders',
      anOrder({ lines: [{ skuId: 'SKU-00280', qty: 1, unitPriceCents: 9_900 }] }),
      key,
    );
    const unrouted = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({
          address: { province: '火星', city: '一号', district: '一区', detail: '1' },
          lines: [{ skuId: 'SKU-00281', qty: 1, unitPriceCents: 9_900 }],
        }),
        key,
      ),
    );
    await postJson(
      fx.app,
      `/api/routing/orders/${unrouted.orderId}`,
      { warehouseId: 'GZ', carrier: 'EMS' },
      supervisor,
    );
    const built = await bodyOf<{ waves: { carrier: string; cutoff: string }[] }>(
      await postJson(fx.app, '/api/waves/build', {}, supervisor),
    );
    const carriers = built.waves.map((w) => `${w.carrier} ${w.cutoff}`);
    expect(carriers[0]).toBe('EMS 10:00');
    expect(new Set(carriers.slice(1))).toEqual(new Set(['ZTO 17:30']));
  });

  it('orders that ship together go into one wave, and wait together while one is short', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const t0 = Date.parse('2026-11-20T02:00:00Z');
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    const send = async (order: ReturnType<typeof anOrder>) =>
      bodyOf<{ orderId: string; mergedInto: string | null; status: string }>(
        await postJson(fx.app, '/api/orders', order, key),
      );
    const buyer = (phone: string, detail: string) => ({
      consignee: { name: '黄志强', phone },
      address: { province: '广东省', city: '佛山市', district: '顺德区', detail },
    });
    const line = (qty: number) => [{ skuId: 'SKU-00295', qty, unitPriceCents: 4_900 }];
    const first = await send(
      anOrder({ ...buyer('13700295001', '大良街道 5 号'), placedAt: at(0), lines: line(1) }),
    );
    const between = await send(
      anOrder({ placedAt: at(1), lines: [{ skuId: 'SKU-00296', qty: 1, unitPriceCents: 4_900 }] }),
    );
    const again = await send(
      anOrder({ ...buyer('13700295001', '大良街道5号'), placedAt: at(2), lines: line(2) }),
    );
    expect(again.mergedInto).toBe(first.orderId);

    const waveOf = async (orderId: string) =>
      (
        await queryRows<{ waveId: string }>(
          fx.database.db,
          sql`select distinct wave_id as "waveId" from pick_lines where order_id = ${orderId}`,
        )
      ).map((r) => r.waveId);
    await postJson(fx.app, '/api/waves/build', { maxOrders: 2 }, supervisor);
    // Oldest first with two orders a wave would put `first` with `between`: the pair goes first.
    const [pairWave] = await waveOf(first.orderId);
    expect(pairWave).toBeDefined();
    expect(await waveOf(again.orderId)).toEqual([pairWave]);
    expect((await waveOf(between.orderId))[0]).not.toBe(pairWave);

    // A pair whose second order cannot be covered: neither is waved; the short one is backordered.
    const ok = await send(
      anOrder({ ...buyer('13700295002', '容桂街道 8 号'), placedAt: at(10), lines: line(1) }),
    );
    const short = await send(
      anOrder({ ...buyer('13700295002', '容桂街道 8 号'), placedAt: at(11), lines: line(9_999) }),
    );
    expect(short.mergedInto).toBe(ok.orderId);
    await postJson(fx.app, '/api/waves/build', { maxOrders: 10 }, supervisor);
    expect(await waveOf(ok.orderId)).toEqual([]);
    const statuses = await queryRows<{ id: string; status: string }>(
      fx.database.db,
      sql`select id, status from orders where id in (${ok.orderId}, ${short.orderId}) order by placed_at`,
    );
    expect(statuses).toEqual([
      { id: ok.orderId, status: 'received' },
      { id: short.orderId, status: 'backordered' },
    ]);
  });

  it('refuses a picker', async () => {
    const picker = (await aLoggedInDevice(fx.app, 'P-0002')).token;
    expect((await postJson(fx.app, '/api/waves/build', {}, picker)).status).toBe(403);
  });
});
