import type { CycleCountResult, PickLine, Reconciliation } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aPutBack, aShort } from '../testing/handheld-events';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import {
  type TestDevice,
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** Decision 002: in a warehouse with bins, pool physical = units in bins + units in hand. */
describe.each(testDatabases())('the pool and the bins on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor = '';
  let picker: TestDevice;
  let key = '';
  beforeAll(async () => {
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    picker = await aLoggedInDevice(fx.app, 'P-0001');
    key = await anIntegrationKey(fx.database.db);
  });
  const reconciliation = async () => {
    const res = await fx.app.request('/api/inventory/reconciliation', {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(res.status).toBe(200);
    return bodyOf<Reconciliation>(res);
  };
  /** Every page of the picker's pull from `cursor` on. */
  const pullAll = async (device: TestDevice, cursor?: string) => {
    const lines: PickLine[] = [];
    for (let page = await pull(fx.app, device, cursor); ;) {
      lines.push(...page.lines);
      if (!page.hasMore) return { lines, cursor: page.cursor };
      page = await pull(fx.app, device, page.cursor);
    }
  };
  const physical = async (skuId: string) => {
    const [row] = await queryRows<{ physical: number }>(
      fx.database.db,
      sql`select physical from inventory_pool where warehouse_id = 'GZ' and sku_id = ${skuId}`,
    );
    return row?.physical;
  };

  it('agree after picks, a short with its cycle count, a put-back and a shipment', async () => {
    const seeded = await reconciliation();
    expect(seeded.checkedSkus).toBeGreaterThan(100);
    expect(seeded.drifts).toEqual([]);
    expect(seeded.ledgerDrifts).toEqual([]);

    const accepted = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ lines: [{ skuId: 'SKU-00250', qty: 2, unitPriceCents: 9_900 }] }),
        key,
      ),
    );
    const before = await pullAll(picker);
    const built = await postJson(
      fx.app,
      '/api/waves/build',
      { maxOrders: 50, assignTo: picker.userId },
      supervisor,
    );
    expect(built.status).toBe(201);
    const after = await pullAll(picker, before.cursor);
    const all = [...before.lines, ...after.lines];
    const ours = all.filter((l) => l.orderId === accepted.orderId);
    expect(ours.length).toBeGreaterThan(0);
    const shipPhysical = await physical('SKU-00250');
    expect(
      (
        await push(
          fx.app,
          picker,
          ours.map((l) => aPick(picker, l)),
        )
      ).status,
    ).toBe(200);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });

    const others = all.filter((l) => l.orderId !== accepted.orderId && l.status === 'open');
    const [shorted, held] = pickTwoOrders(others);
    // A short: the bin really had 3 fewer than the system thought; the count says so.
    expect((await push(fx.app, picker, [aShort(picker, shorted)])).status).toBe(200);
    const tasks = await bodyOf<{ tasks: { id: string; binCode: string; skuId: string }[] }>(
      await fx.app.request('/api/tasks', { headers: { authorization: `Bearer ${supervisor}` } }),
    );
    const task = tasks.tasks.find(
      (t) => t.binCode === shorted.binCode && t.skuId === shorted.skuId,
    );
    expect(task).toBeDefined();
    const [inBin] = await queryRows<{ qty: number }>(
      fx.database.db,
      sql`select qty from stock where bin_id = ${`GZ:${shorted.binCode}`} and sku_id = ${shorted.skuId}`,
    );
    const poolBefore = await physical(shorted.skuId);
    const counted = await postJson(
      fx.app,
      `/api/tasks/${task!.id}/count`,
      { countedQty: (inBin?.qty ?? 0) - 3 },
      supervisor,
    );
    expect(await bodyOf<CycleCountResult>(counted)).toEqual({
      taskId: task!.id,
      binCode: shorted.binCode,
      skuId: shorted.skuId,
      before: inBin?.qty,
      counted: (inBin?.qty ?? 0) - 3,
      delta: -3,
    });
    expect(await physical(shorted.skuId)).toBe((poolBefore ?? 0) - 3);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });

    // Picked, then the order is held and the picker puts it back.
    await push(fx.app, picker, [aPick(picker, held, 1)]);
    await postJson(fx.app, `/api/holds/orders/${held.orderId}`, { reason: 'stop' }, supervisor);
    await push(fx.app, picker, [aPutBack(picker, [{ line: held, qty: 1 }])]);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });

    const shipped = await postJson(
      fx.app,
      `/api/orders/${accepted.orderId}/ship`,
      { carrier: 'SF', trackingNumber: 'SF1234567890' },
      supervisor,
    );
    expect(shipped.status).toBe(200);
    expect(await physical('SKU-00250')).toBe((shipPhysical ?? 0) - 2);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });
  });

  it("counts a cancelled order's picked units in hand until put back: pulled lines, a cancelled wave's lines, an over-pick", async () => {
    /** Units in hand per SKU as decision 002 defines them: every line of every order not shipped. */
    const inHandByDefinition = async () =>
      queryRows<{ skuId: string; qty: number }>(
        fx.database.db,
        sql`select pl.sku_id as "skuId",
                   sum(pl.picked_qty - pl.put_back_qty + coalesce((
                     select sum(e.qty) from exceptions e
                     where e.pick_line_id = pl.id and e.kind = 'over-pick'), 0))::int as qty
            from pick_lines pl join orders o on o.id = pl.order_id
            where pl.warehouse_id = 'GZ' and o.status <> 'shipped'
            group by pl.sku_id having sum(pl.picked_qty - pl.put_back_qty + coalesce((
                     select sum(e.qty) from exceptions e
                     where e.pick_line_id = pl.id and e.kind = 'over-pick'), 0)) <> 0
            order by 1`,
      );
    const reported = async () => {
      const report = await reconciliation();
      expect(report).toMatchObject({ drifts: [], ledgerDrifts: [] });
      return report;
    };
    /** Places an order placed before the seeded ones (first in the next wave) and waves it. */
    const aWavedOrder = async (...skus: [string, number][]) => {
      const { orderId } = await bodyOf<{ orderId: string }>(
        await postJson(
          fx.app,
          '/api/orders',
          anOrder({
            placedAt: '2026-01-02T08:00:00.000Z',
            lines: skus.map(([skuId, qty]) => ({ skuId, qty, unitPriceCents: 9_900 })),
          }),
          key,
        ),
      );
      const before = await pullAll(picker);
      const built = await postJson(
        fx.app,
        '/api/waves/build',
        { maxOrders: 5, assignTo: picker.userId },
        supervisor,
      );
      expect(built.status).toBe(201);
      const after = await pullAll(picker, before.cursor);
      const lines = skus.map(([skuId]) =>
        [...before.lines, ...after.lines].find((l) => l.orderId === orderId && l.skuId === skuId)!,
      );
      expect(lines.every(Boolean)).toBe(true);
      return { orderId, line: lines[0]!, lines };
    };
    const cancel = async (orderId: string) =>
      expect(
        (await postJson(fx.app, `/api/orders/${orderId}/cancel`, { reason: 'customer' }, key))
          .status,
      ).toBe(200);

    // Picked 1 of 2, then the order is cancelled: its line is pulled, the unit is in hand.
    const pulled = await aWavedOrder(['SKU-00251', 2]);
    expect((await push(fx.app, picker, [aPick(picker, pulled.line, 1)])).status).toBe(200);
    await cancel(pulled.orderId);
    // Picked 1 of 1 and one unit too many (an over-pick), then cancelled.
    const over = await aWavedOrder(['SKU-00252', 1]);
    expect((await push(fx.app, picker, [aPick(picker, over.line, 2)])).status).toBe(200);
    await cancel(over.orderId);
    // One line picked in a wave that is then cancelled: the picked line keeps its status there,
    // the open one is cancelled and the order goes back to the queue; then the order is cancelled.
    const kept = await aWavedOrder(['SKU-00253', 1], ['SKU-00254', 1]);
    expect((await push(fx.app, picker, [aPick(picker, kept.line, 1)])).status).toBe(200);
    const waveCancelled = await postJson(
      fx.app,
      `/api/waves/${kept.line.waveId}/cancel`,
      {},
      supervisor,
    );
    expect(waveCancelled.status).toBe(200);
    await cancel(kept.orderId);

    const held = await inHandByDefinition();
    expect(held.filter((h) => ['SKU-00251', 'SKU-00252', 'SKU-00253'].includes(h.skuId))).toEqual([
      { skuId: 'SKU-00251', qty: 1 },
      { skuId: 'SKU-00252', qty: 2 },
      { skuId: 'SKU-00253', qty: 1 },
    ]);
    const report = await reported();
    expect(report.checkedSkus).toBeGreaterThan(100);

    // All put back: nothing in hand for them, and the check still agrees.
    expect(
      (
        await push(fx.app, picker, [
          aPutBack(picker, [{ line: pulled.line, qty: 1 }]),
          aPutBack(picker, [{ line: over.line, qty: 2 }]),
          aPutBack(picker, [{ line: kept.line, qty: 1 }]),
        ])
      ).status,
    ).toBe(200);
    expect(
      (await inHandByDefinition()).filter((h) =>
        ['SKU-00251', 'SKU-00252', 'SKU-00253'].includes(h.skuId),
      ),
    ).toEqual([]);
    await reported();
  });

  it('reports a bin changed behind the ledger, pool and slot, and corrects nothing', async () => {
    await fx.database.db.execute(
      sql`update stock set qty = qty + 5 where bin_id = 'GZ:A-01-01' and sku_id = (
            select sku_id from stock where bin_id = 'GZ:A-01-01' order by sku_id limit 1)`,
    );
    const [changed] = await queryRows<{ skuId: string; qty: number }>(
      fx.database.db,
      sql`select sku_id as "skuId", qty from stock where bin_id = 'GZ:A-01-01' order by sku_id limit 1`,
    );
    const skuId = changed!.skuId;
    const was = await physical(skuId);
    const report = await reconciliation();
    expect(report.drifts).toEqual([
      {
        warehouseId: 'GZ',
        skuId,
        physical: was,
        inBins: expect.any(Number),
        inHand: expect.any(Number),
        drift: -5,
      },
    ]);
    expect(report.ledgerDrifts).toEqual([
      {
        binId: 'GZ:A-01-01',
        skuId,
        lot: null,
        expiry: null,
        status: 'available',
        inStock: changed!.qty,
        inLedger: changed!.qty - 5,
      },
    ]);
    expect(report.corrected).toBe(false);
    expect(await physical(skuId)).toBe(was);
    // Put back as the ledger says: the check is clean again.
    await fx.database.db.execute(
      sql`update stock set qty = qty - 5 where bin_id = 'GZ:A-01-01' and sku_id = ${skuId}`,
    );
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });
  });

  it('receives inbound goods into a named bin; without one, 400 naming binCode', async () => {
    const receipt = await bodyOf<{ id: string }>(
      await postJson(
        fx.app,
        '/api/inventory/receipts',
        { warehouseId: 'GZ', skuId: 'SKU-00260', qty: 7, expectedAt: '2026-11-25T00:00:00Z' },
        key,
      ),
    );
    const refused = await postJson(
      fx.app,
      `/api/inventory/receipts/${receipt.id}/receive`,
      {},
      key,
    );
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).error.fields).toEqual([
      { path: 'binCode', message: 'required' },
    ]);
    const was = await physical('SKU-00260');
    const received = await postJson(
      fx.app,
      `/api/inventory/receipts/${receipt.id}/receive`,
      { binCode: 'C-06-01' },
      key,
    );
    expect(await bodyOf(received)).toMatchObject({ status: 'received', binCode: 'C-06-01' });
    expect(await physical('SKU-00260')).toBe((was ?? 0) + 7);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });
  });
});

/** Two open lines of two different orders. */
function pickTwoOrders(lines: readonly PickLine[]): [PickLine, PickLine] {
  const first = lines[0];
  const second = lines.find((l) => first && l.orderId !== first.orderId && l.skuId !== first.skuId);
  if (!first || !second) throw new Error('the demo waves have open lines of two orders');
  return [first, second];
}
