import type { RoutingRule, Sku, User } from '@wms/protocol';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { orders } from '../db/schema';
import { anIntegrationKey } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** A table as Excel on Chinese Windows saves "CSV": GBK (code page 936) with CRLF. */
const excelGbkCsv = (lines: readonly string[]) => iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');

describe.each(testDatabases())('GBK CSV from Chinese Excel on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const send = (token: string, path: string, body: Uint8Array) =>
    fx.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
    });
  const get = async <T>(token: string, path: string) =>
    bodyOf<T>(await fx.app.request(path, { headers: { authorization: `Bearer ${token}` } }));

  it('a user list in GBK is stored as the Chinese names it holds', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const res = await send(
      admin,
      '/api/admin/users.csv',
      excelGbkCsv([
        'id,name,role,badge,language,pin',
        'u-gz-gbk1,张伟,picker,P-0901,zh-CN,2468',
        'u-gz-gbk2,欧阳娜娜,supervisor,S-0902,zh-CN,1357',
      ]),
    );
    expect(res.status).toBe(200);
    const { users } = await get<{ users: User[] }>(admin, '/api/admin/users');
    expect(users.filter((u) => u.id.startsWith('u-gz-gbk')).map((u) => u.name)).toEqual([
      '张伟',
      '欧阳娜娜',
    ]);
  });

  it('a SKU list in GBK keeps its Chinese names and categories', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const res = await send(
      admin,
      '/api/admin/skus.csv',
      excelGbkCsv([
        'id,name,name_zh,category,image_url,lot_tracked,barcodes',
        'SKU-GBK-1,Brake pads,刹车片（前轮）,汽配,,no,6901234567892',
      ]),
    );
    expect(res.status).toBe(200);
    const { skus } = await get<{ skus: Sku[] }>(admin, '/api/admin/skus');
    expect(skus.find((s) => s.id === 'SKU-GBK-1')).toMatchObject({
      nameZh: '刹车片（前轮）',
      category: '汽配',
    });
  });

  it('a SKU list in GBK with a wrong check digit on row 3 is refused by row and column, nothing stored', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const res = await send(
      admin,
      '/api/admin/skus.csv',
      excelGbkCsv([
        'id,name,name_zh,category,image_url,lot_tracked,barcodes',
        'SKU-GBK-2,Oolong tea 250g,铁观音茶叶 250克,茶叶,,no,6901234567892',
        'SKU-GBK-3,Goji berries 500g,宁夏枸杞 500克,干货,,no,96385074',
        'SKU-GBK-4,Jasmine tea 100g,茉莉花茶 100克,茶叶,,no,6901234567893',
      ]),
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields).toEqual([
      {
        path: 'rows.3.barcodes.0',
        message: 'the check digit of barcode 6901234567893 is wrong: the last digit should be 2',
      },
    ]);
    const { skus } = await get<{ skus: Sku[] }>(admin, '/api/admin/skus');
    expect(skus.filter((s) => ['SKU-GBK-2', 'SKU-GBK-3', 'SKU-GBK-4'].includes(s.id))).toEqual([]);
  });

  it('a routing table in GBK still sends Hangzhou orders where its rules say', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const before = await get<{ rules: RoutingRule[] }>(admin, '/api/routing/rules');
    const exported = await (
      await fx.app.request('/api/routing/rules.csv', {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).text();
    const res = await send(
      admin,
      '/api/routing/rules.csv',
      excelGbkCsv(exported.trimEnd().split('\n')),
    );
    expect(res.status).toBe(200);
    expect((await bodyOf<{ rules: RoutingRule[] }>(res)).rules).toEqual(before.rules);
    expect(before.rules.some((r) => r.conditions.cities?.includes('杭州市'))).toBe(true);
  });

  it('orders in GBK keep the consignee and address as written', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const at = new Date().toISOString();
    const res = await send(
      key,
      '/api/orders/import.csv',
      excelGbkCsv([
        'channel,channel_order_id,placed_at,customer_id,consignee_name,phone,province,city,district,address_detail,paid_cents,sku_id,qty,unit_price_cents',
        `douyin,DY-GBK-1,${at},c-gbk,欧阳娜娜,13511112222,浙江省,杭州市,萧山区,"建设一路 88 号, 3 楼",9900,SKU-00005,1,9900`,
      ]),
    );
    expect(res.status).toBe(200);
    const { results } = await bodyOf<{ results: { ok: boolean; orderId: string }[] }>(res);
    expect(results.map((r) => r.ok)).toEqual([true]);
    const [order] = await fx.database.db
      .select({ name: orders.consigneeName, city: orders.city, detail: orders.addressDetail })
      .from(orders)
      .where(eq(orders.id, results[0]!.orderId));
    // The street as cleaning stores it (spaces beside Chinese characters dropped, so M4.5 compares
    // like with like); the file's own text stays in orders.original.
    expect(order).toEqual({ name: '欧阳娜娜', city: '杭州市', detail: '建设一路88号, 3楼' });
  });

  it('bytes that are neither UTF-8 nor GB18030 are refused by row and column, nothing stored', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const body = Buffer.concat([
      Buffer.from('id,name,role,badge,language,pin\r\nu-gz-bad1,'),
      Buffer.from([0xd5, 0xc5, 0x81, 0x20]), // 张 then a lead byte with no valid trail
      Buffer.from(',picker,P-0903,zh-CN,2468\r\n'),
    ]);
    const res = await send(admin, '/api/admin/users.csv', body);
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields).toEqual([
      {
        path: 'rows.1.name',
        message:
          'this cell is not readable text (the file was read as GBK/GB18030): save the sheet as "CSV UTF-8" or .xlsx and import again',
      },
    ]);
    const { users } = await get<{ users: User[] }>(admin, '/api/admin/users');
    expect(users.some((u) => u.id === 'u-gz-bad1')).toBe(false);
  });
});
