import type { Bin } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const LIMIT_MESSAGE = 'A file may hold at most 50,000 rows: split it and import the parts';

describe.each(testDatabases())('a 50,000-row file through the API, on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const send = (token: string, path: string, body: Uint8Array, type: string) =>
    fx.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });
  const count = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ n: number }>(fx.database.db, query))[0]!.n;

  it('opening stock: 50,000 rows of a UTF-8 CSV go in whole; a bad last row or a 50,001st row stores nothing', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const { bins } = await bodyOf<{ bins: Bin[] }>(
      await fx.app.request('/api/admin/bins', { headers: { authorization: `Bearer ${admin}` } }),
    );
    // 200 new, empty bins; 250 SKUs in each make 50,000 rows, none of them stocked yet.
    const codes = Array.from(
      { length: 200 },
      (_, i) =>
        `OB-${String(Math.floor(i / 20)).padStart(2, '0')}-${String(i % 20).padStart(2, '0')}`,
    );
    const binFile = [
      'code,zone,check_digits,path_seq',
      ...codes.map(
        (c, i) => `${c},${bins[0]!.zone},${String(i % 100).padStart(2, '0')},${500_000 + i}`,
      ),
    ];
    const made = await send(
      admin,
      '/api/admin/bins.csv',
      new TextEncoder().encode(binFile.join('\r\n')),
      'text/csv',
    );
    expect(await bodyOf(made)).toEqual({ created: 200, updated: 0 });
    const skuIds = Array.from({ length: 250 }, (_, i) => `SKU-${String(i + 1).padStart(5, '0')}`);
    const file = (rows: string[]) =>
      new TextEncoder().encode(
        `\ufeffbin_code,sku_id,lot,expiry,qty,备注\r\n${rows.join('\r\n')}\r\n`,
      );
    const rows = codes.flatMap((code) =>
      skuIds.map((sku, j) => `${code},${sku},批次-${j % 7},2027/12/31,${1 + (j % 40)},上线盘点`),
    );
    expect(rows).toHaveLength(50_000);
    const stockRows = sql`select count(*)::int as n from stock_movements where reason = 'opening'`;
    const before = await count(stockRows);

    const badLast = await send(
      admin,
      '/api/inventory/opening-balances.csv',
      file([...rows.slice(0, -1), 'ZZ-99-99,SKU-00001,批次-1,2027/12/31,5,']),
      'text/csv',
    );
    expect(badLast.status).toBe(400);
    expect((await bodyOf(badLast)).error.fields).toEqual([
      { path: 'rows.50000.bin_code', message: 'no bin ZZ-99-99 in this warehouse' },
    ]);
    const over = await send(
      admin,
      '/api/inventory/opening-balances.csv',
      file([...rows, 'OB-00-00,SKU-00300,批次-1,2027/12/31,5,']),
      'text/csv',
    );
    expect(over.status).toBe(413);
    expect((await bodyOf(over)).error.message).toBe(LIMIT_MESSAGE);
    expect(await count(stockRows)).toBe(before);

    const res = await send(admin, '/api/inventory/opening-balances.csv', file(rows), 'text/csv');
    expect(res.status).toBe(201);
    expect((await bodyOf<{ imported: number }>(res)).imported).toBe(50_000);
    expect(await count(stockRows)).toBe(before + 50_000);
    expect(
      await count(sql`select sum(qty)::int as n from stock s join bins b on b.id = s.bin_id
                      where b.code like 'OB-%' and s.lot like '批次-%' and s.expiry = '2027-12-31'`),
    ).toBe(200 * skuIds.reduce((n, _, j) => n + 1 + (j % 40), 0));
  }, 300_000);
});
