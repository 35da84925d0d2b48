import type { InboundNotice } from '@wms/protocol';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { anInboundSku, poolOf } from '../testing/inbound-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { expectReturnInbound } from './expect-return';
import { expectedAvailability } from './expected-availability';

describe.each(testDatabases())('expected inbound notices on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let gz = '';
  let cd = '';
  let admin = '';
  beforeAll(async () => {
    gz = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    cd = (await aLoggedInDevice(fx.app, 'S-0002')).token;
    admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    await anInboundSku(fx.database.db, 'SKU-IN-BRAKE', { nameZh: '刹车片套装' });
    await anInboundSku(fx.database.db, 'SKU-IN-OIL', { lotTracked: true, nameZh: '机油 5W-30' });
  });
  const get = (path: string, token: string) =>
    fx.app.request(path, { headers: { authorization: `Bearer ${token}` } });

  it('stores a purchase notice, raises the pool inbound by what it expects, and keeps it to its warehouse', async () => {
    expect(
      (
        await postJson(
          fx.app,
          '/api/inbound/suppliers',
          {
            id: 'SUP-HZ-01',
            name: 'Hangzhou Brake Co.',
            nameZh: '杭州刹车配件厂',
            qcRequired: true,
          },
          admin,
        )
      ).status,
    ).toBe(201);
    const res = await postJson(
      fx.app,
      '/api/inbound/notices',
      {
        code: 'ASN-2612-0001',
        supplierId: 'SUP-HZ-01',
        expectedDate: '2026-12-09',
        lines: [
          { skuId: 'SKU-IN-BRAKE', expectedQty: 40 },
          { skuId: 'SKU-IN-OIL', expectedQty: 24 },
        ],
      },
      gz,
    );
    expect(res.status).toBe(201);
    const notice = await bodyOf<InboundNotice>(res);
    expect(notice).toMatchObject({
      code: 'ASN-2612-0001',
      kind: 'purchase',
      warehouseId: 'GZ',
      supplierId: 'SUP-HZ-01',
      expectedDate: '2026-12-09',
      status: 'open',
    });
    expect(
      notice.lines.map((l) => [l.skuId, l.skuNameZh, l.expectedQty, l.lotTracked, l.qcRequired]),
    ).toEqual([
      ['SKU-IN-BRAKE', '刹车片套装', 40, false, true],
      ['SKU-IN-OIL', '机油 5W-30', 24, true, true],
    ]);
    expect((await poolOf(fx.database.db, 'GZ', 'SKU-IN-BRAKE')).inbound).toBe(40);
    expect((await get(`/api/inbound/notices/${notice.id}`, gz)).status).toBe(200);
    expect((await get(`/api/inbound/notices/${notice.id}`, cd)).status).toBe(404);
    const cdList = await bodyOf<{ notices: InboundNotice[] }>(
      await get('/api/inbound/notices', cd),
    );
    expect(cdList.notices.map((n) => n.code)).not.toContain('ASN-2612-0001');
    const again = await postJson(
      fx.app,
      '/api/inbound/notices',
      {
        code: 'ASN-2612-0001',
        expectedDate: '2026-12-10',
        lines: [{ skuId: 'SKU-IN-OIL', expectedQty: 1 }],
      },
      gz,
    );
    expect(again.status).toBe(409);
    expect((await poolOf(fx.database.db, 'GZ', 'SKU-IN-OIL')).inbound).toBe(24);
  });

  it('refuses an unknown SKU naming its line, and stores nothing', async () => {
    const res = await postJson(
      fx.app,
      '/api/inbound/notices',
      {
        code: 'ASN-2612-0002',
        expectedDate: '2026-12-11',
        lines: [
          { skuId: 'SKU-IN-BRAKE', expectedQty: 5 },
          { skuId: 'SKU-NOPE', expectedQty: 5 },
        ],
      },
      gz,
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields).toEqual([
      { path: 'lines.1.skuId', message: 'no SKU SKU-NOPE' },
    ]);
    expect((await poolOf(fx.database.db, 'GZ', 'SKU-IN-BRAKE')).inbound).toBe(40);
  });

  it('imports notices from a GBK CSV as Chinese Excel saves it, all or nothing, faults by row and column', async () => {
    const upload = (text: string) =>
      fx.app.request('/api/inbound/notices.csv?filename=到货通知.csv', {
        method: 'POST',
        headers: { authorization: `Bearer ${gz}`, 'content-type': 'text/csv' },
        body: iconv.encode(text, 'gbk'),
      });
    const bad = await upload(
      'notice,supplier_id,expected_date,sku_id,qty\r\n' +
        'ASN-2612-0101,SUP-HZ-01,2026-12-12,SKU-IN-BRAKE,10\r\n' +
        'ASN-2612-0101,SUP-HZ-01,2026-12-13,SKU-IN-OIL,6\r\n' +
        'ASN-2612-0102,,2026-12-14,刹车片,3\r\n',
    );
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields).toEqual([
      {
        path: 'rows.2.expected_date',
        message: 'notice ASN-2612-0101 is expected on 2026-12-12 on row 1',
      },
      { path: 'rows.3.sku_id', message: 'no SKU 刹车片' },
    ]);
    expect((await poolOf(fx.database.db, 'GZ', 'SKU-IN-BRAKE')).inbound).toBe(40);
    const good = await upload(
      'notice,supplier_id,expected_date,sku_id,qty\r\n' +
        'ASN-2612-0101,SUP-HZ-01,2026-12-12,SKU-IN-BRAKE,10\r\n' +
        'ASN-2612-0101,SUP-HZ-01,2026-12-12,SKU-IN-OIL,6\r\n' +
        'ASN-2612-0102,,2026-12-20,SKU-IN-BRAKE,30\r\n',
    );
    expect(good.status).toBe(201);
    expect(await bodyOf<{ imported: number }>(good)).toMatchObject({ imported: 2 });
    expect((await poolOf(fx.database.db, 'GZ', 'SKU-IN-BRAKE')).inbound).toBe(80);
  });

  it('says when a quantity is expected: the date of the open line that covers it', async () => {
    const db = fx.database.db;
    // Open lines of SKU-IN-BRAKE in GZ: 40 on 12-09, 10 on 12-12, 30 on 12-20.
    expect(await expectedAvailability(db, 'GZ', 'SKU-IN-BRAKE', 40)).toBe('2026-12-09');
    expect(await expectedAvailability(db, 'GZ', 'SKU-IN-BRAKE', 41)).toBe('2026-12-12');
    expect(await expectedAvailability(db, 'GZ', 'SKU-IN-BRAKE', 80)).toBe('2026-12-20');
    expect(await expectedAvailability(db, 'GZ', 'SKU-IN-BRAKE', 81)).toBeNull();
    expect(await expectedAvailability(db, 'CD', 'SKU-IN-BRAKE', 1)).toBeNull();
  });

  it('expects a return order back as a return notice, once', async () => {
    const order = {
      id: 'SO-R-20261206-01',
      warehouseId: 'GZ',
      lines: [
        { skuId: 'SKU-IN-OIL', qty: 1 },
        { skuId: 'SKU-IN-OIL', qty: 1 },
      ],
    };
    const now = new Date('2026-12-06T03:00:00Z');
    const first = await fx.database.db.transaction((tx) => expectReturnInbound(tx, order, now));
    const second = await fx.database.db.transaction((tx) => expectReturnInbound(tx, order, now));
    expect(second).toBe(first);
    const notice = await bodyOf<InboundNotice>(await get(`/api/inbound/notices/${first}`, gz));
    expect(notice).toMatchObject({
      code: 'RT-SO-R-20261206-01',
      kind: 'return',
      orderId: 'SO-R-20261206-01',
      expectedDate: '2026-12-06',
    });
    expect(notice.lines.map((l) => [l.skuId, l.expectedQty])).toEqual([['SKU-IN-OIL', 2]]);
    expect((await poolOf(fx.database.db, 'GZ', 'SKU-IN-OIL')).inbound).toBe(24 + 6 + 2);
  });
});
