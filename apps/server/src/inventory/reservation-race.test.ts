import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const SKU = 'SKU-00130';

describe.each(testDatabases())('reservation on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('40 orders racing for the last 10 units: none oversold, the rest alerted', async () => {
    const db = fx.database.db;
    await db.execute(
      sql`update inventory_pool set physical = 10, reserved = 0, inbound = 0 where warehouse_id = 'GZ' and sku_id = ${SKU}`,
    );
    const key = await anIntegrationKey(db);
    const responses = await Promise.all(
      Array.from({ length: 40 }, () =>
        postJson(
          fx.app,
          '/api/orders',
          anOrder({ lines: [{ skuId: SKU, qty: 1, unitPriceCents: 9_900 }] }),
          key,
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(201));
    const [pool] = await queryRows<{
      reserved: number;
      active: number;
      alerts: number;
      orders: number;
    }>(
      db,
      sql`select (select reserved from inventory_pool where warehouse_id = 'GZ' and sku_id = ${SKU}) as reserved,
                 (select count(*)::int from reservations where sku_id = ${SKU} and status = 'active') as active,
                 (select count(*)::int from alerts where sku_id = ${SKU} and kind = 'transfer') as alerts,
                 (select count(*)::int from orders o join order_lines l on l.order_id = o.id where l.sku_id = ${SKU}) as orders`,
    );
    expect(pool).toEqual({ reserved: 10, active: 10, alerts: 30, orders: 40 });
  });

  it('counts inbound at its coefficient, and receiving moves it to physical', async () => {
    const db = fx.database.db;
    await db.execute(
      sql`update inventory_pool set physical = 100, reserved = 30, inbound = 0 where warehouse_id = 'GZ' and sku_id = 'SKU-00131'`,
    );
    const key = await anIntegrationKey(db);
    const receipt = await bodyOf<{ id: string }>(
      await postJson(
        fx.app,
        '/api/inventory/receipts',
        { warehouseId: 'GZ', skuId: 'SKU-00131', qty: 20, expectedAt: '2026-11-25T00:00:00Z' },
        key,
      ),
    );
    const stock = async () =>
      (
        await bodyOf<{ warehouses: { warehouseId: string; available: number }[] }>(
          await fx.app.request('/api/inventory/stock/SKU-00131', {
            headers: { authorization: `Bearer ${key}` },
          }),
        )
      ).warehouses.find((w) => w.warehouseId === 'GZ')?.available;
    expect(await stock()).toBe(86);
    await postJson(
      fx.app,
      `/api/inventory/receipts/${receipt.id}/receive`,
      { binCode: 'A-01-01' },
      key,
    );
    expect(await stock()).toBe(90);
  });

  it('shows "only N left" once a SKU falls below 1.5 × its daily sales', async () => {
    const db = fx.database.db;
    await db.execute(
      sql`update inventory_pool set physical = 12, reserved = 0, inbound = 0 where warehouse_id = 'GZ' and sku_id = 'SKU-00132'`,
    );
    const key = await anIntegrationKey(db);
    await postJson(
      fx.app,
      '/api/orders',
      anOrder({ lines: [{ skuId: 'SKU-00132', qty: 7, unitPriceCents: 9_900 }] }),
      key,
    );
    // sold 7 in 7 days → 1 a day; 5 left is not below 1.5
    const res = await fx.app.request('/api/inventory/stock/SKU-00132', {
      headers: { authorization: `Bearer ${key}` },
    });
    const gz = (
      await bodyOf<{ warehouses: { warehouseId: string; onlyLeft: number | null }[] }>(res)
    ).warehouses.find((w) => w.warehouseId === 'GZ');
    expect(gz?.onlyLeft).toBeNull();
    await postJson(
      fx.app,
      '/api/orders',
      anOrder({ lines: [{ skuId: 'SKU-00132', qty: 4, unitPriceCents: 9_900 }] }),
      key,
    );
    // sold 11 → 1.57 a day × 1.5 = 2.36; 1 left is below
    const after = await fx.app.request('/api/inventory/stock/SKU-00132', {
      headers: { authorization: `Bearer ${key}` },
    });
    const gz2 = (
      await bodyOf<{ warehouses: { warehouseId: string; onlyLeft: number | null }[] }>(after)
    ).warehouses.find((w) => w.warehouseId === 'GZ');
    expect(gz2?.onlyLeft).toBe(1);
    const [alert] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from alerts where kind = 'replenish' and sku_id = 'SKU-00132'`,
    );
    expect(alert?.n).toBe(1);
  });
});
