import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import type { OwnedDatabase } from '../testing/test-databases';
import { aParcelPacked } from '../testing/handheld-events';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import {
  aLoggedInDevice,
  aPick,
  aSeededApp,
  bodyOf,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { KdniaoProvider } from './kdniao';
import { KdniaoFake } from './kdniao-fake';

const [pglite] = testDatabases();

describe('e-waybills of parcels through KDNiao (its documented fake)', () => {
  const fake = new KdniaoFake('1617571', 'c0bfe0ba-86b6-4c3e-9c5f-7a2d1e0b9a11');
  const fx = {} as { app: Awaited<ReturnType<typeof aSeededApp>>['app']; database: OwnedDatabase };
  beforeAll(async () => {
    fx.database = await pglite!.open();
    const provider = new KdniaoProvider({
      eBusinessId: '1617571',
      appKey: 'c0bfe0ba-86b6-4c3e-9c5f-7a2d1e0b9a11',
      url: 'http://sandboxapi.kdniao.com:8080/kdniaosandbox/gateway/exterfaceInvoke.json',
      fetch: fake.fetch,
    });
    fx.app = (
      await aSeededApp(fx.database, { waybills: { provider, senderMobile: '02088886666' } })
    ).app;
  });
  afterAll(() => fx.database.drop());

  it('issues, cancels an unused one, issues again under a new order code, ships, and prints PDF and ZPL in Chinese', async () => {
    const { app } = fx;
    const db = fx.database.db;
    const key = await anIntegrationKey(db);
    const supervisor = (await aLoggedInDevice(app, 'S-0001')).token;
    const picker = await aLoggedInDevice(app, 'P-0001');
    const before = await pull(app, picker);
    const { orderId } = await bodyOf<{ orderId: string }>(
      await postJson(
        app,
        '/api/orders',
        anOrder({
          consignee: { name: '陈晓明', phone: '13912345678' },
          address: {
            province: '广东省',
            city: '深圳市',
            district: '南山区',
            detail: '科苑路15号讯美科技广场2栋1203',
          },
          lines: [{ skuId: 'SKU-00243', qty: 2, unitPriceCents: 9_900 }],
        }),
        key,
      ),
    );
    await postJson(app, '/api/waves/build', { maxOrders: 10, assignTo: picker.userId }, supervisor);
    await db.execute(
      sql`update orders set flags = '["signature-required"]'::jsonb where id = ${orderId}`,
    );
    const lines = (await pull(app, picker, before.cursor)).lines.filter(
      (l) => l.orderId === orderId,
    );
    const picks = lines.map((l) => aPick(picker, l));
    const parcel = (parcelNo: number) =>
      aParcelPacked(picker, {
        orderId,
        parcelNo,
        items: [{ skuId: 'SKU-00243', qty: 1 }],
        boxCode: 'BOX-S',
        weightGrams: 400,
        expectedWeightGrams: 400,
      });
    expect((await push(app, picker, [...picks, parcel(1), parcel(2)])).status).toBe(200);
    const waybill = (n: number) => `/api/orders/${orderId}/parcels/${n}/waybill`;
    const call = (method: string, path: string) =>
      app.request(path, { method, headers: { authorization: `Bearer ${supervisor}` } });
    const status = async () =>
      (
        await queryRows<{ status: string }>(
          db,
          sql`select status from orders where id = ${orderId}`,
        )
      )[0]?.status;

    const first = await postJson(app, waybill(1), { carrier: 'SF' }, supervisor);
    expect(await bodyOf(first)).toEqual({
      orderId,
      parcelNo: 1,
      carrier: 'SF',
      waybillNo: 'SF7000000001',
      provider: 'kdniao',
    });
    expect(await status()).toBe('picked');
    expect(await bodyOf(await call('DELETE', waybill(1)))).toEqual({
      orderId,
      parcelNo: 1,
      cancelled: 'SF7000000001',
    });
    expect(fake.issued.get('SF7000000001')?.cancelled).toBe(true);
    const again = await bodyOf<{ waybillNo: string }>(
      await postJson(app, waybill(1), {}, supervisor),
    );
    expect(again.waybillNo).toBe('SF7000000002');
    expect(
      fake.requests.filter((r) => r.requestType === '1007').map((r) => r.data.OrderCode),
    ).toEqual([`${orderId}-P1`, `${orderId}-P1-R1`]);
    await postJson(app, waybill(2), {}, supervisor);
    expect(await status()).toBe('shipped');
    const inUse = await call('DELETE', waybill(1));
    expect(inUse.status).toBe(409);
    expect(fake.issued.get('SF7000000002')?.cancelled).toBe(false);

    const pdf = await call('GET', `${waybill(1)}.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toMatch(/\/BaseFont \/NotoSansSC-Regular-\d+/);
    const zpl = await (await call('GET', `${waybill(1)}.zpl`)).text();
    expect(zpl).toContain('^FO30,440^A1N,48,48^FD收 陈晓明 139****5678^FS');
    expect(zpl).toContain(
      '^FO30,510^FB740,3,8,L^A1N,40,40^FD广东省深圳市南山区科苑路15号讯美科技广场2栋1203^FS',
    );
    expect(zpl).toContain('^FO580,36^A1N,56,56^FD本人签收^FS');
    expect(zpl).toContain('^FO640,360^A0N,44,44^FD1/2^FS');
  });
});
