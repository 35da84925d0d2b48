import type { Bin, RoutingRule, Sku, User } from '@wms/protocol';
import { eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { orders } from '../db/schema';
import { anIntegrationKey } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx as a spreadsheet program writes it: one sheet, typed cells. */
async function anXlsx(rows: readonly (readonly ExcelJS.CellValue[])[], sheet = 'Sheet1') {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(sheet).addRows(rows.map((r) => [...r]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each(testDatabases())('imports from the files offices send, on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const send = (token: string, path: string, body: Uint8Array, type = XLSX) =>
    fx.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });
  const get = async <T>(token: string, path: string) =>
    bodyOf<T>(await fx.app.request(path, { headers: { authorization: `Bearer ${token}` } }));

  it('users from an .xlsx, a PIN typed as a number included', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const res = await send(
      admin,
      '/api/admin/users.csv',
      await anXlsx([
        ['id', 'name', 'role', 'badge', 'language', 'pin'],
        ['u-gz-x1', '张伟', 'picker', 'P-0911', 'zh-CN', 2468],
      ]),
    );
    expect(await bodyOf(res)).toEqual({ created: 1, updated: 0 });
    const { users } = await get<{ users: User[] }>(admin, '/api/admin/users');
    expect(users.find((u) => u.id === 'u-gz-x1')).toMatchObject({ name: '张伟', badge: 'P-0911' });
  });

  it('SKUs from an .xlsx: a barcode typed as a number keeps every digit', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const res = await send(
      admin,
      '/api/admin/skus.csv',
      await anXlsx([
        ['id', 'name', 'name_zh', 'category', 'image_url', 'lot_tracked', 'barcodes'],
        ['SKU-X-1', 'Spark plug', '火花塞', '汽配', null, false, 6901234567892],
      ]),
    );
    expect(await bodyOf(res)).toEqual({ created: 1, updated: 0 });
    const { skus } = await get<{ skus: Sku[] }>(admin, '/api/admin/skus');
    expect(skus.find((s) => s.id === 'SKU-X-1')).toMatchObject({
      nameZh: '火花塞',
      lotTracked: false,
      barcodes: ['06901234567892'],
    });
  });

  it('orders from an .xlsx with typed dates and amounts; a bad cell refuses the whole file', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const header = [
      'channel',
      'channel_order_id',
      'placed_at',
      'customer_id',
      'consignee_name',
      'phone',
      'province',
      'city',
      'district',
      'address_detail',
      'paid_cents',
      'sku_id',
      'qty',
      'unit_price_cents',
    ];
    const placed = new Date(Date.UTC(2026, 11, 6, 9, 15, 0));
    const line = (id: string, qty: ExcelJS.CellValue) => [
      'douyin',
      id,
      placed,
      'c-x',
      '欧阳娜娜',
      13511112222,
      '浙江省',
      '杭州市',
      '萧山区',
      '建设一路 88 号',
      9900,
      'SKU-00005',
      qty,
      9900,
    ];
    const bad = await send(
      key,
      '/api/orders/import.csv',
      await anXlsx([header, line('DY-X-1', 1), line('DY-X-2', 'two')]),
    );
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields).toEqual([
      { path: 'rows.2.qty', message: 'Invalid input: expected number, received NaN' },
    ]);
    const res = await send(
      key,
      '/api/orders/import.csv',
      await anXlsx([header, line('DY-X-1', 1), line('DY-X-2', 2)]),
    );
    const { results } = await bodyOf<{ results: { ok: boolean; orderId: string }[] }>(res);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const [order] = await fx.database.db
      .select({ placedAt: orders.placedAt })
      .from(orders)
      .where(eq(orders.id, results[0]!.orderId));
    expect(order?.placedAt?.toISOString()).toBe('2026-12-06T01:15:00.000Z');
  });

  it('a routing table from an .xlsx sheet named in the query', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const { rules } = await get<{ rules: RoutingRule[] }>(admin, '/api/routing/rules');
    const csv = await (
      await fx.app.request('/api/routing/rules.csv', {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).text();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['Rules are on the next sheet']);
    wb.addWorksheet('规则').addRows(parse(csv));
    const res = await send(
      admin,
      `/api/routing/rules.csv?sheet=${encodeURIComponent('规则')}`,
      new Uint8Array(await wb.xlsx.writeBuffer()),
    );
    expect(await bodyOf(res)).toEqual({ rules });
  });

  it('a 50,000-row bin file in GBK goes in whole; a file over 20 MiB is refused with 413', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const { bins } = await get<{ bins: Bin[] }>(admin, '/api/admin/bins');
    const zone = bins[0]!.zone;
    const code = (i: number) =>
      `Q${'ABCDE'[Math.floor(i / 10_000)]}-${String(Math.floor(i / 100) % 100).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `${code(i)},${zone},${String(i % 1000).padStart(3, '0')},${100_000 + i}`,
    );
    const file = iconv.encode(['code,zone,check_digits,path_seq', ...rows].join('\r\n'), 'gbk');
    const res = await send(admin, '/api/admin/bins.csv', new Uint8Array(file), 'text/csv');
    expect(await bodyOf(res)).toEqual({ created: 50_000, updated: 0 });
    const huge = await send(
      admin,
      '/api/admin/bins.csv',
      new Uint8Array(21 * 1024 * 1024),
      'text/csv',
    );
    expect(huge.status).toBe(413);
    expect((await bodyOf(huge)).error.message).toBe(
      'This request may carry at most 20480 KiB: split the file',
    );
  }, 300_000);
});
