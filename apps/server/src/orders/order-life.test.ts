import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('an order from channel to shipment on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('is waved, picked, shipped, and its trace tells the whole story', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const picker = await aLoggedInDevice(fx.app, 'P-0001');
    const before = await pull(fx.app, picker);
    const accepted = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({
          lines: [
            { skuId: 'SKU-00240', qty: 2, unitPriceCents: 9_900 },
            { skuId: 'SKU-00241', qty: 1, unitPriceCents: 9_900 },
          ],
        }),
        key,
      ),
    );
    const built = await bodyOf<{ waves: { waveId: string; orders: number; lines: number }[] }>(
      await postJson(
        fx.app,
        '/api/waves/build',
        { maxOrders: 10, assignTo: picker.userId },
        supervisor,
      ),
    );
    expect(built.waves).toHaveLength(1);
    const next = await pull(fx.app, picker, before.cursor);
    const lines = next.lines.filter((l) => l.orderId === accepted.orderId);
    expect(lines.map((l) => l.skuId).sort()).toEqual(['SKU-00240', 'SKU-00241']);
    expect(lines.map((l) => l.pathSeq)).toEqual(
      [...lines.map((l) => l.pathSeq)].sort((a, b) => a - b),
    );
    const pushed = await push(
      fx.app,
      picker,
      lines.map((l) => aPick(picker, l)),
    );
    expect(pushed.status).toBe(200);
    const shipped = await postJson(
      fx.app,
      `/api/orders/${accepted.orderId}/ship`,
      { carrier: 'ZTO', trackingNumber: '75312345678901' },
      supervisor,
    );
    expect(await bodyOf(shipped)).toMatchObject({ status: 'shipped' });
    const [pool] = await queryRows<{ reserved: number }>(
      fx.database.db,
      sql`select reserved from inventory_pool where warehouse_id = 'GZ' and sku_id = 'SKU-00240'`,
    );
    expect(pool?.reserved).toBe(0);
    const trace = await bodyOf<{ timeline: { kind: string; detail: Record<string, unknown> }[] }>(
      await fx.app.request(`/api/orders/${accepted.orderId}/trace`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    const kinds = trace.timeline.map((t) => t.kind);
    expect(kinds).toEqual([
      'received',
      'cleaned',
      'routed',
      'reserved',
      'reserved',
      'waved',
      'scan',
      'scan',
      'picked',
      'shipped',
    ]);
    const scan = trace.timeline.find((t) => t.kind === 'scan');
    expect(scan?.detail).toMatchObject({
      picker: 'Li Wei',
      deviceId: picker.deviceId,
      outcome: 'applied',
    });
  });

  it('cancelling an order releases its reservation', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const reserved = async () =>
      (
        await queryRows<{ reserved: number }>(
          fx.database.db,
          sql`select reserved from inventory_pool where warehouse_id = 'GZ' and sku_id = 'SKU-00250'`,
        )
      )[0]?.reserved;
    const accepted = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ lines: [{ skuId: 'SKU-00250', qty: 3, unitPriceCents: 9_900 }] }),
        key,
      ),
    );
    expect(await reserved()).toBe(3);
    const res = await postJson(
      fx.app,
      `/api/orders/${accepted.orderId}/cancel`,
      { reason: 'customer withdrew' },
      supervisor,
    );
    expect(await bodyOf(res)).toEqual({ orderId: accepted.orderId, status: 'cancelled' });
    expect(await reserved()).toBe(0);
  });

  it('links a return to its original order and keeps the amounts for reconciliation', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const original = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({
          paidCents: 8_900,
          couponCents: 1_000,
          freightCents: 600,
          lines: [{ skuId: 'SKU-00251', qty: 1, unitPriceCents: 9_900 }],
        }),
        key,
      ),
    );
    const ret = await postJson(
      fx.app,
      '/api/orders',
      anOrder({
        orderType: 'exchange',
        originalOrderId: original.orderId,
        lines: [{ skuId: 'SKU-00252', qty: 1, unitPriceCents: 9_900 }],
      }),
      key,
    );
    const exchange = await bodyOf<{ orderId: string }>(ret);
    const [row] = await queryRows<Record<string, unknown>>(
      fx.database.db,
      sql`select order_type, original_order_id from orders where id = ${exchange.orderId}`,
    );
    expect(row).toEqual({ order_type: 'exchange', original_order_id: original.orderId });
    const [money] = await queryRows<Record<string, unknown>>(
      fx.database.db,
      sql`select paid_cents, coupon_cents, freight_cents from orders where id = ${original.orderId}`,
    );
    expect(money).toEqual({ paid_cents: 8_900, coupon_cents: 1_000, freight_cents: 600 });
  });
});
