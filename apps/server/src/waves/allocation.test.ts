import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Built {
  waves: { waveId: string; orders: number; lines: number }[];
}

describe.each(testDatabases())('allocation at wave build on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  /** A GZ SKU kept in exactly two bins and on no pick line, its stock set to `qtys` in path order. */
  async function aSkuInTwoBins(qtys: [number, number], skip = 0) {
    const [sku] = await queryRows<{ skuId: string }>(
      fx.database.db,
      sql`select s.sku_id as "skuId" from stock s
          where s.warehouse_id = 'GZ' and not exists (select 1 from pick_lines p where p.sku_id = s.sku_id)
          group by s.sku_id having count(*) = 2 order by s.sku_id offset ${skip} limit 1`,
    );
    const skuId = sku!.skuId;
    const bins = await queryRows<{ binId: string; code: string }>(
      fx.database.db,
      sql`select b.id as "binId", b.code from stock s join bins b on b.id = s.bin_id
          where s.warehouse_id = 'GZ' and s.sku_id = ${skuId} order by b.path_seq`,
    );
    for (const [i, bin] of bins.entries()) {
      await fx.database.db.execute(
        sql`update stock set qty = ${qtys[i]} where bin_id = ${bin.binId} and sku_id = ${skuId}`,
      );
    }
    return { skuId, bins };
  }

  async function ordersOf(skuId: string, qty: number, count: number, key: string) {
    const t0 = Date.parse('2026-11-22T01:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const order = anOrder({
        placedAt: new Date(t0 + i * 1_000).toISOString(),
        lines: [{ skuId, qty, unitPriceCents: 9_900 }],
      });
      const res = await postJson(fx.app, '/api/orders', order, key);
      ids.push((await bodyOf<{ orderId: string }>(res)).orderId);
    }
    return ids;
  }

  async function plannedPerBin(skuId: string) {
    return queryRows<{ binId: string; stock: number; planned: number }>(
      fx.database.db,
      sql`select s.bin_id as "binId", s.qty as stock,
                 coalesce((select sum(p.qty - p.picked_qty)::int from pick_lines p
                           where p.bin_id = s.bin_id and p.sku_id = s.sku_id and p.status = 'open'), 0) as planned
          from stock s join bins b on b.id = s.bin_id
          where s.sku_id = ${skuId} and s.warehouse_id = 'GZ' order by b.path_seq`,
    );
  }

  async function statusesOf(ids: readonly string[]) {
    const rows = await queryRows<{ status: string; n: number }>(
      fx.database.db,
      sql`select status, count(*)::int as n from orders
          where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
          group by status order by status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  it('40 orders for 10 units over two bins: 10 are waved, no bin planned below zero, 30 wait as backorders until stock arrives', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const { skuId, bins } = await aSkuInTwoBins([6, 4]);
    const ids = await ordersOf(skuId, 1, 40, key);

    const built = await bodyOf<Built>(
      await postJson(fx.app, '/api/waves/build', { maxOrders: 200, maxLines: 1000 }, supervisor),
    );
    expect(built.waves.reduce((n, w) => n + w.orders, 0)).toBe(10);
    expect(await plannedPerBin(skuId)).toEqual([
      { binId: bins[0]!.binId, stock: 6, planned: 6 },
      { binId: bins[1]!.binId, stock: 4, planned: 4 },
    ]);
    expect(await statusesOf(ids)).toEqual({ backordered: 30, waved: 10 });
    // The oldest ten are the ones waved.
    expect(await statusesOf(ids.slice(0, 10))).toEqual({ waved: 10 });
    const trace = await bodyOf<{ timeline: { kind: string; detail: Record<string, unknown> }[] }>(
      await fx.app.request(`/api/orders/${ids[39]}/trace`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(trace.timeline.filter((s) => s.kind === 'backordered')).toEqual([
      expect.objectContaining({
        detail: { short: [{ skuId, qty: 1, allocatable: 0 }] },
      }),
    ]);

    // Building again plans nothing more: the open waves hold every unit.
    const again = await bodyOf<Built>(
      await postJson(fx.app, '/api/waves/build', { maxOrders: 200, maxLines: 1000 }, supervisor),
    );
    expect(again.waves).toEqual([]);
    expect(await statusesOf(ids)).toEqual({ backordered: 30, waved: 10 });

    // Five units arrive in the second bin: the next five backorders join a wave.
    const receipt = await bodyOf<{ id: string }>(
      await postJson(
        fx.app,
        '/api/inventory/receipts',
        { warehouseId: 'GZ', skuId, qty: 5, expectedAt: '2026-11-25T00:00:00Z' },
        key,
      ),
    );
    await postJson(
      fx.app,
      `/api/inventory/receipts/${receipt.id}/receive`,
      { binCode: bins[1]!.code },
      key,
    );
    const later = await bodyOf<Built>(
      await postJson(fx.app, '/api/waves/build', { maxOrders: 200, maxLines: 1000 }, supervisor),
    );
    expect(later.waves.reduce((n, w) => n + w.orders, 0)).toBe(5);
    expect(await statusesOf(ids.slice(10, 15))).toEqual({ waved: 5 });
    expect(await statusesOf(ids)).toEqual({ backordered: 25, waved: 15 });
    expect(await plannedPerBin(skuId)).toEqual([
      { binId: bins[0]!.binId, stock: 6, planned: 6 },
      { binId: bins[1]!.binId, stock: 9, planned: 9 },
    ]);
  });

  it('two wave builds at once (one per carrier) never plan the same units twice', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const { skuId, bins } = await aSkuInTwoBins([6, 4], 2);
    const ids = await ordersOf(skuId, 1, 20, key);
    const ems = ids.filter((_, i) => i % 2 === 0);
    await fx.database.db.execute(sql`
      update orders set carrier = case when id in (select jsonb_array_elements_text(${JSON.stringify(ems)}::jsonb))
                                       then 'EMS' else 'ZTO' end
      where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
    const builds = await Promise.all(
      ['EMS', 'ZTO'].map(async (carrier) =>
        bodyOf<Built>(
          await postJson(
            fx.app,
            '/api/waves/build',
            { maxOrders: 200, maxLines: 1000, carrier },
            supervisor,
          ),
        ),
      ),
    );
    const waved = builds.flatMap((b) => b.waves).reduce((n, w) => n + w.orders, 0);
    expect(waved).toBe(10);
    expect(await plannedPerBin(skuId)).toEqual([
      { binId: bins[0]!.binId, stock: 6, planned: 6 },
      { binId: bins[1]!.binId, stock: 4, planned: 4 },
    ]);
    expect(await statusesOf(ids)).toEqual({ backordered: 10, waved: 10 });
  });

  it('splits a line over two bins in path order when the first holds too few', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const { skuId, bins } = await aSkuInTwoBins([2, 5], 1);
    const [orderId] = await ordersOf(skuId, 4, 1, key);
    await postJson(fx.app, '/api/waves/build', {}, supervisor);
    const lines = await queryRows<{ binId: string; qty: number }>(
      fx.database.db,
      sql`select p.bin_id as "binId", p.qty from pick_lines p join bins b on b.id = p.bin_id
          where p.order_id = ${orderId} order by b.path_seq`,
    );
    expect(lines).toEqual([
      { binId: bins[0]!.binId, qty: 2 },
      { binId: bins[1]!.binId, qty: 2 },
    ]);
  });

  it('a backlog of over 2,000 backorders of a SKU with no stock never starves a newer order of a stocked one', async () => {
    // A promotion sells out one SKU: 2,001 orders wait for it, all older than a customer's order
    // of a SKU on the shelf. Builds look at the oldest 2,000 released orders at a time; the
    // backorders must not fill that look-ahead for ever while nothing can ship them.
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const { skuId: soldOut } = await aSkuInTwoBins([0, 0], 3);
    const { skuId: onShelf } = await aSkuInTwoBins([5, 0], 4);
    const t0 = Date.parse('2026-11-01T01:00:00Z');
    const backlog: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const orders = Array.from({ length: batch < 4 ? 500 : 1 }, (_, i) =>
        anOrder({
          placedAt: new Date(t0 + (batch * 500 + i) * 1_000).toISOString(),
          lines: [{ skuId: soldOut, qty: 1, unitPriceCents: 9_900 }],
        }),
      );
      const res = await postJson(fx.app, '/api/orders/batch', { orders }, key);
      expect(res.status).toBe(200);
      backlog.push(
        ...(await bodyOf<{ results: { order?: { orderId: string } }[] }>(res)).results.map(
          (r) => r.order!.orderId,
        ),
      );
    }
    const [newer] = await ordersOf(onShelf, 1, 1, key);
    const build = async () =>
      bodyOf<Built>(
        await postJson(fx.app, '/api/waves/build', { maxOrders: 200, maxLines: 1000 }, supervisor),
      );
    await build();
    await build();
    expect(await statusesOf([newer!])).toEqual({ waved: 1 });
    expect(await statusesOf(backlog)).toEqual({ backordered: 2_001 });
  }, 120_000);
});
