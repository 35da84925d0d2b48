import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyLink } from '../auth/signed-link';
import { queryRows } from '../db/database';
import { anOrder } from '../testing/hub-fixtures';
import { aParcelPacked, aWeightMismatch } from '../testing/handheld-events';
import { TEST_SECRET, aPick, aSeededAppPerFile, bodyOf, postJson, push } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { aWavedOrder } from '../testing/waved-order';

describe.each(testDatabases())('packing an order into parcels on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('packs two parcels through the outbox (one stopped by the scale), each stored once, and ships with both', async () => {
    const db = fx.database.db;
    const { orderId, supervisor, picker, lines } = await aWavedOrder(
      fx.app,
      db,
      anOrder({
        consignee: { name: '陈晓明', phone: '13912345678' },
        lines: [
          { skuId: 'SKU-00240', qty: 2, unitPriceCents: 9_900 },
          { skuId: 'SKU-00241', qty: 1, unitPriceCents: 9_900 },
        ],
      }),
    );
    expect(
      (
        await push(
          fx.app,
          picker,
          lines.map((l) => aPick(picker, l)),
        )
      ).status,
    ).toBe(200);
    await db.execute(sql`update skus set weight_grams = 1050 where id = 'SKU-00240'`);
    await db.execute(sql`update skus set weight_grams = 820 where id = 'SKU-00241'`);
    await db.execute(
      sql`update orders set flags = '["signature-required"]'::jsonb where id = ${orderId}`,
    );

    // Parcel 1: two tins in a medium carton, 2 × 1050 + 220 = 2320 g expected, 2335 g read.
    const first = aParcelPacked(picker, {
      orderId,
      parcelNo: 1,
      items: [{ skuId: 'SKU-00240', qty: 2 }],
      boxCode: 'BOX-M',
      weightGrams: 2335,
      expectedWeightGrams: 2320,
      carrier: 'SF',
      trackingNumber: 'SF1402837465001',
    });
    // Parcel 2 first weighed 1190 g against 820 + 120 = 940 g: the device stopped it.
    const stopped = aWeightMismatch(picker, {
      orderId,
      parcelNo: 2,
      items: [{ skuId: 'SKU-00241', qty: 1 }],
      boxCode: 'BOX-S',
      weightGrams: 1190,
      expectedWeightGrams: 940,
    });
    const second = aParcelPacked(picker, {
      orderId,
      parcelNo: 2,
      items: [{ skuId: 'SKU-00241', qty: 1 }],
      boxCode: 'BOX-S',
      weightGrams: 950,
      expectedWeightGrams: 940,
      carrier: 'SF',
      trackingNumber: 'SF1402837465002',
    });
    const pushed = await push(fx.app, picker, [first, stopped]);
    expect(pushed.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const [partial] = await queryRows<{ status: string }>(
      db,
      sql`select status from orders where id = ${orderId}`,
    );
    expect(partial?.status).toBe('picked');
    // The network dropped before the answer: the device sends all three again.
    const again = await push(fx.app, picker, [first, stopped, second]);
    expect(again.body).toEqual({
      ackedThroughSeq: second.seq,
      results: [first, stopped, second].map((e) => ({ seq: e.seq, outcome: 'applied' })),
    });
    expect((await push(fx.app, picker, [first, stopped, second])).body).toEqual(again.body);

    const parcels = await queryRows<{
      parcel_no: number;
      weight_grams: number;
      tracking_number: string;
    }>(
      db,
      sql`select parcel_no, weight_grams, tracking_number from parcels where order_id = ${orderId} order by parcel_no`,
    );
    expect(parcels).toEqual([
      { parcel_no: 1, weight_grams: 2335, tracking_number: 'SF1402837465001' },
      { parcel_no: 2, weight_grams: 950, tracking_number: 'SF1402837465002' },
    ]);
    const exceptions = await queryRows<{ message: string }>(
      db,
      sql`select message from exceptions where kind = 'weight-mismatch' and message like ${`Order ${orderId} %`}`,
    );
    expect(exceptions.map((e) => e.message)).toEqual([
      `Order ${orderId} parcel 2 weighed 1190 g, expected 940 g: check its items (称重复核)`,
    ]);
    const [order] = await queryRows<{ status: string; tracking_number: string }>(
      db,
      sql`select status, tracking_number from orders where id = ${orderId}`,
    );
    expect(order).toEqual({ status: 'shipped', tracking_number: 'SF1402837465001' });

    const trace = await bodyOf<{ timeline: { kind: string; detail: Record<string, unknown> }[] }>(
      await fx.app.request(`/api/orders/${orderId}/trace`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    const packing = trace.timeline.filter((t) => t.kind === 'packed' || t.kind === 'shipped');
    expect(
      packing.map((t) => [t.kind, t.detail.parcelNo ?? null, t.detail.unitsLeft ?? null]),
    ).toEqual([
      ['packed', 1, 1],
      ['packed', 2, null],
      ['packed', 2, 0],
      ['shipped', null, null],
    ]);
    expect(packing[1]?.detail.stopped).toBe('weight-mismatch');

    const messages = await queryRows<{ type: string; payload: { data: Record<string, unknown> } }>(
      db,
      sql`select type, payload from webhook_messages where order_id = ${orderId}
          and type in ('order.packed', 'order.shipped') order by created_at, type = 'order.shipped'`,
    );
    expect(messages.map((m) => m.type)).toEqual(['order.packed', 'order.packed', 'order.shipped']);
    expect(messages[0]?.payload.data).toMatchObject({
      parcelNo: 1,
      unitsLeft: 1,
      signatureRequired: true,
    });
    const shipped = messages[2]!.payload.data;
    expect(shipped).toMatchObject({
      orderId,
      signatureRequired: true,
      totalWeightGrams: 3285,
      parcels: [
        { parcelNo: 1, boxCode: 'BOX-M', weightGrams: 2335, trackingNumber: 'SF1402837465001' },
        { parcelNo: 2, boxCode: 'BOX-S', weightGrams: 950, trackingNumber: 'SF1402837465002' },
      ],
    });
    const token = String(shipped.statusUrl).replace('/api/order-status/', '');
    expect(verifyLink(token, 'order-status', TEST_SECRET, new Date())?.subject).toBe(orderId);
  });

  it('ships the units not packed yet as one more parcel through the typed route', async () => {
    const db = fx.database.db;
    const { orderId, supervisor, picker, lines } = await aWavedOrder(
      fx.app,
      db,
      anOrder({ lines: [{ skuId: 'SKU-00242', qty: 3, unitPriceCents: 9_900 }] }),
    );
    const picks = lines.map((l) => aPick(picker, l));
    const packed = aParcelPacked(picker, {
      orderId,
      parcelNo: 1,
      items: [{ skuId: 'SKU-00242', qty: 1 }],
      boxCode: 'BOX-BAG',
      weightGrams: 20,
      expectedWeightGrams: 20,
    });
    expect((await push(fx.app, picker, [...picks, packed])).status).toBe(200);
    const shipped = await postJson(
      fx.app,
      `/api/orders/${orderId}/ship`,
      { carrier: 'ZTO', trackingNumber: '75312345678902' },
      supervisor,
    );
    expect(await bodyOf(shipped)).toEqual({
      orderId,
      status: 'shipped',
      carrier: 'ZTO',
      trackingNumber: '75312345678902',
    });
    const parcels = await queryRows<{ parcel_no: number; items: unknown; tracking_number: string }>(
      db,
      sql`select parcel_no, items, tracking_number from parcels where order_id = ${orderId} order by parcel_no`,
    );
    expect(parcels).toEqual([
      { parcel_no: 1, items: [{ skuId: 'SKU-00242', qty: 1 }], tracking_number: '75312345678902' },
      { parcel_no: 2, items: [{ skuId: 'SKU-00242', qty: 2 }], tracking_number: '75312345678902' },
    ]);
  });
});
