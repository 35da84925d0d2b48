import type { Reconciliation } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { aWavedOrder } from '../testing/waved-order';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

interface PoolOfSku {
  warehouses: {
    warehouseId: string;
    physical: number;
    expired: number;
    reserved: number;
    available: number;
  }[];
}

describe.each(testDatabases())('the pool follows the ledger on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor = '';
  let key = '';
  beforeAll(async () => {
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    key = await anIntegrationKey(fx.database.db);
  });
  const get = async <T>(path: string) =>
    bodyOf<T>(await fx.app.request(path, { headers: { authorization: `Bearer ${supervisor}` } }));
  const gzPool = async (skuId: string) =>
    (await get<PoolOfSku>(`/api/inventory/stock/${skuId}`)).warehouses.find(
      (w) => w.warehouseId === 'GZ',
    )!;
  /** The ledger rows that move the pool's physical (the trigger's rows), summed per SKU. */
  const ledgerPhysical = async (skuId: string) =>
    (
      await queryRows<{ qty: number }>(
        fx.database.db,
        sql`select coalesce(sum(delta), 0)::int as qty from stock_movements
            where warehouse_id = 'GZ' and sku_id = ${skuId}
              and reason not in ('pick', 'put-back', 'carried-forward')
              and status in ('available', 'received-not-put-away', 'awaiting-qc')`,
      )
    )[0]!.qty;
  const reconciled = async () => {
    const check = await get<Reconciliation>('/api/inventory/reconciliation');
    return [check.drifts, check.ledgerDrifts];
  };

  it('picking and shipping an order takes its units out through ledger rows: the pool is the sum of the ledger', async () => {
    const skus = ['SKU-00240', 'SKU-00241'];
    const { orderId, picker, lines } = await aWavedOrder(
      fx.app,
      fx.database.db,
      anOrder({
        consignee: { name: '黄丽', phone: '13922334455' },
        lines: [
          { skuId: skus[0]!, qty: 2, unitPriceCents: 9_900 },
          { skuId: skus[1]!, qty: 1, unitPriceCents: 9_900 },
        ],
      }),
    );
    const before = await Promise.all(skus.map(gzPool));
    expect(
      (
        await push(
          fx.app,
          picker,
          lines.map((l) => aPick(picker, l)),
        )
      ).status,
    ).toBe(200);
    // Picked: bin → hand, the building still holds them.
    expect((await Promise.all(skus.map(gzPool))).map((p) => p.physical)).toEqual(
      before.map((p) => p.physical),
    );
    const shipped = await postJson(
      fx.app,
      `/api/orders/${orderId}/ship`,
      { carrier: 'SF', trackingNumber: 'SF1402837460001' },
      picker.token,
    );
    expect(shipped.status).toBe(200);
    const after = await Promise.all(skus.map(gzPool));
    expect(after.map((p) => p.physical)).toEqual([
      before[0]!.physical - 2,
      before[1]!.physical - 1,
    ]);
    expect(after.map((p) => p.reserved)).toEqual([
      before[0]!.reserved - 2,
      before[1]!.reserved - 1,
    ]);
    for (const [i, skuId] of skus.entries())
      expect(await ledgerPhysical(skuId), skuId).toBe(after[i]!.physical);
    const shipRows = await queryRows<{ skuId: string; delta: number; binId: string }>(
      fx.database.db,
      sql`select sku_id as "skuId", delta, bin_id as "binId" from stock_movements
          where reason = 'ship' and sku_id in ('SKU-00240', 'SKU-00241') order by sku_id`,
    );
    expect(shipRows.map((r) => `${r.skuId} ${r.delta} ${r.binId}`).sort()).toEqual(
      lines.map((l) => `${l.skuId} ${-l.qty} GZ:${l.binCode}`).sort(),
    );
    expect(await reconciled()).toEqual([[], []]);
  });

  it('an expired lot stays physical but is not available: orders cannot reserve it', async () => {
    const [sku] = await queryRows<{ skuId: string; code: string }>(
      fx.database.db,
      sql`select s.sku_id as "skuId", b.code from stock s join bins b on b.id = s.bin_id
          where s.warehouse_id = 'GZ' and s.status = 'available' and s.qty > 0 and s.lot is null
            and not exists (select 1 from pick_lines p where p.sku_id = s.sku_id)
          order by s.sku_id desc limit 1`,
    );
    const { skuId, code } = sku!;
    await fx.database.db.execute(sql`update skus set lot_tracked = true where id = ${skuId}`);
    const before = await gzPool(skuId);
    // Four units of a lot that expired yesterday turn up in the bin.
    const found = await postJson(
      fx.app,
      '/api/inventory/adjustments',
      { binCode: code, skuId, lot: 'L2511X', expiry: day(-1), delta: 4, reasonCode: 'found' },
      supervisor,
    );
    expect(found.status).toBe(201);
    const pool = await gzPool(skuId);
    expect(pool).toMatchObject({
      physical: before.physical + 4,
      expired: before.expired + 4,
      available: before.available,
    });
    const reservedOf = async (orderId: string) =>
      (
        await queryRows<{ qty: number }>(
          fx.database.db,
          sql`select coalesce(sum(qty), 0)::int as qty from reservations
              where order_id = ${orderId} and status = 'active'`,
        )
      )[0]!.qty;
    const orderOf = async (qty: number) =>
      (
        await bodyOf<{ orderId: string }>(
          await postJson(
            fx.app,
            '/api/orders',
            anOrder({ lines: [{ skuId, qty, unitPriceCents: 9_900 }] }),
            key,
          ),
        )
      ).orderId;
    // One more than is available (but not more than is physical): not reserved.
    expect(await reservedOf(await orderOf(pool.available + 1))).toBe(0);
    expect(await reservedOf(await orderOf(pool.available))).toBe(pool.available);
    expect(await gzPool(skuId)).toMatchObject({ physical: pool.physical, available: 0 });
    expect(await reconciled()).toEqual([[], []]);
  });
});
