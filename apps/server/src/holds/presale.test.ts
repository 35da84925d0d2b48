import { beforeAll, describe, expect, it } from 'vitest';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { checkPresaleHolds } from './presale';

const DAY = 86_400_000;
/** A day in China (UTC+8), `days` from now. */
const chinaDay = (days: number) =>
  new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

/** Pre-sale holds (issue 21): held until the SKU's date; a later date alerts with the count. */
describe.each(testDatabases())('pre-sale holds on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  let admin = '';
  let supervisor = '';
  const sku = {
    id: 'SKU-PRESALE-1',
    name: 'Smart watch S9 (pre-sale)',
    nameZh: '智能手表 S9(预售)',
    category: 'electronics',
    imageUrl: null,
    lotTracked: false,
    barcodes: ['6901234567892'],
    availableFrom: chinaDay(30),
  };
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
    admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    expect((await postJson(fx.app, '/api/admin/skus', sku, admin)).status).toBe(201);
  });
  const order = () =>
    anOrder({ lines: [{ skuId: sku.id, qty: 1, unitPriceCents: 9_900 }], paidCents: 9_900 });
  const statusOf = async (orderId: string) =>
    await bodyOf<{ order: { status: string }; timeline: { kind: string }[] }>(
      await fx.app.request(`/api/orders/${orderId}/trace`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );

  it('holds orders until the date; a supplier delay keeps them held and alerts with the count and promised dates; the date releases them', async () => {
    const held = [];
    for (let i = 0; i < 2; i++)
      held.push(
        await bodyOf<{ orderId: string; status: string; holds: string[] }>(
          await postJson(fx.app, '/api/orders', order(), key),
        ),
      );
    expect(held.map((h) => [h.status, h.holds])).toEqual([
      ['held', ['presale']],
      ['held', ['presale']],
    ]);

    const { id, ...record } = sku;
    const delayed = await fx.app.request(`/api/admin/skus/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ ...record, availableFrom: chinaDay(45) }),
    });
    expect(delayed.status).toBe(200);
    const { alerts } = await bodyOf<{ alerts: { kind: string; skuId: string; message: string }[] }>(
      await fx.app.request('/api/inventory/alerts', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(alerts.filter((a) => a.kind === 'presale-delay')).toEqual([
      expect.objectContaining({
        skuId: sku.id,
        message: `Supplier delay: ${sku.id} now ships from ${chinaDay(45)}; 2 held pre-sale orders were promised ${chinaDay(30)}: tell the customers`,
      }),
    ]);
    const stillHeld = await statusOf(held[0]!.orderId);
    expect(stillHeld.order.status).toBe('held');
    expect(stillHeld.timeline.map((t) => t.kind)).toContain('presale-delayed');

    // The worker's round on the day the goods arrive.
    const result = await checkPresaleHolds(fx.database.db, new Date(Date.now() + 46 * DAY));
    expect(result.released.sort()).toEqual(held.map((h) => h.orderId).sort());
    expect((await statusOf(held[1]!.orderId)).order.status).toBe('received');
  });

  it('an ASN the supplier moves later keeps its pre-sale orders held and alerts with the count', async () => {
    const asnSku = {
      ...sku,
      id: 'SKU-PRESALE-ASN',
      name: 'Mooncake gift box (pre-sale)',
      nameZh: '月饼礼盒(预售)',
      barcodes: ['6901234567908'],
    };
    expect((await postJson(fx.app, '/api/admin/skus', asnSku, admin)).status).toBe(201);
    const notice = await bodyOf<{ id: string }>(
      await postJson(
        fx.app,
        '/api/inbound/notices',
        {
          code: 'ASN-2612-0901',
          expectedDate: chinaDay(10),
          lines: [{ skuId: asnSku.id, expectedQty: 50 }],
        },
        supervisor,
      ),
    );
    const placed = await bodyOf<{ orderId: string; status: string; holds: string[] }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({
          lines: [{ skuId: asnSku.id, qty: 2, unitPriceCents: 16_800 }],
          paidCents: 33_600,
        }),
        key,
      ),
    );
    // The ASN's day comes before the SKU record's 30 days: the promise is the ASN's.
    expect([placed.status, placed.holds]).toEqual(['held', ['presale']]);

    const bad = await postJson(
      fx.app,
      `/api/inbound/notices/${notice.id}/expected-date`,
      { expectedDate: '2026-13-01' },
      supervisor,
    );
    expect(bad.status).toBe(400);
    expect((await bodyOf<{ error: { fields: { path: string }[] } }>(bad)).error.fields).toEqual([
      expect.objectContaining({ path: 'expectedDate' }),
    ]);

    const moved = await postJson(
      fx.app,
      `/api/inbound/notices/${notice.id}/expected-date`,
      { expectedDate: chinaDay(20), note: '供应商:中秋物流延误' },
      supervisor,
    );
    expect(moved.status).toBe(200);
    expect(await bodyOf(moved)).toMatchObject({
      notice: { expectedDate: chinaDay(20) },
      previousDate: chinaDay(10),
      presale: {
        delayed: [{ skuId: asnSku.id, affectedOrders: 1, promisedDates: [chinaDay(10)] }],
      },
    });
    const { alerts } = await bodyOf<{ alerts: { kind: string; skuId: string; message: string }[] }>(
      await fx.app.request('/api/inventory/alerts', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(alerts.filter((a) => a.kind === 'presale-delay' && a.skuId === asnSku.id)).toEqual([
      expect.objectContaining({
        message: `Supplier delay: ${asnSku.id} now ships from ${chinaDay(20)}; 1 held pre-sale orders were promised ${chinaDay(10)}: tell the customers`,
      }),
    ]);
    const trace = await statusOf(placed.orderId);
    expect(trace.order.status).toBe('held');
    expect(trace.timeline.map((t) => t.kind)).toContain('presale-delayed');

    // Moved earlier again: no new alert (nobody was promised a later day).
    await postJson(
      fx.app,
      `/api/inbound/notices/${notice.id}/expected-date`,
      { expectedDate: chinaDay(15) },
      supervisor,
    );
    const after = await bodyOf<{ alerts: { kind: string; skuId: string }[] }>(
      await fx.app.request('/api/inventory/alerts', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(
      after.alerts.filter((a) => a.kind === 'presale-delay' && a.skuId === asnSku.id),
    ).toHaveLength(1);
  });
});
