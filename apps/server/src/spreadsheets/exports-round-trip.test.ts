import type { Bin, RoutingRule, Sku, User } from '@wms/protocol';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { XLSX_CONTENT_TYPE } from './sheet-response';

/** Names that run as formulas when a spreadsheet opens them as they are. */
const FORMULA_NAMES = [
  '=HYPERLINK("http://evil.example","点我")',
  '+SUM(1,2)',
  '-3 刹车片',
  '@cmd',
];

/** A GTIN-13 with its check digit, from 12 digits. */
function gtin13(body: string): string {
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const FORMATS = ['csv', 'xlsx'] as const;

describe.each(testDatabases())('every export re-imports unchanged, on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const request = (token: string, path: string, init: RequestInit = {}) =>
    fx.app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
  const list = async <T>(token: string, path: string) => bodyOf<T>(await request(token, path));
  const exported = async (token: string, path: string) =>
    new Uint8Array(await (await request(token, path)).arrayBuffer());
  const reimport = (token: string, path: string, body: Uint8Array, format: 'csv' | 'xlsx') =>
    request(token, path, {
      method: 'POST',
      body,
      headers: { 'content-type': format === 'csv' ? 'text/csv' : XLSX_CONTENT_TYPE },
    });
  const csvImport = (token: string, path: string, lines: readonly string[]) =>
    reimport(token, path, new TextEncoder().encode(lines.join('\r\n')), 'csv');

  it('SKUs: a catalogue of 600 more (900 in all, the demo has 300), formula-like names among them, through CSV and .xlsx', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
    const rows = Array.from({ length: 600 }, (_, i) => {
      const name = FORMULA_NAMES[i % 10] ?? `Part ${i}, "boxed"`;
      // Chinese names that look like formulas too, and barcodes with leading zeros (a UPC
      // read as a GTIN-13 starts with 0; a spreadsheet that took it for a number would drop it).
      const nameZh = i % 10 === 5 ? `=HYPERLINK("http://evil.example","零件${i}")` : `零件${i}`;
      const barcode = gtin13(`${i % 3 === 1 ? '00' : '69'}${String(i).padStart(10, '0')}`);
      return `SKU-RT-${i},${quoted(name)},${quoted(nameZh)},${i % 10 === 7 ? '@cmd 汽配' : '汽配'},,${i % 2 ? 'yes' : 'no'},${barcode}`;
    });
    const seeded = await csvImport(admin, '/api/admin/skus.csv', [
      'id,name,name_zh,category,image_url,lot_tracked,barcodes',
      ...rows,
    ]);
    expect(await bodyOf(seeded)).toEqual({ created: 600, updated: 0 });
    const before = await list<{ skus: Sku[] }>(admin, '/api/admin/skus');
    expect(before.skus.find((s) => s.id === 'SKU-RT-0')?.name).toBe(FORMULA_NAMES[0]);
    expect(before.skus.find((s) => s.id === 'SKU-RT-1')?.barcodes).toEqual([
      `0${gtin13('000000000001')}`,
    ]);
    expect(before.skus.find((s) => s.id === 'SKU-RT-5')?.nameZh).toBe(
      '=HYPERLINK("http://evil.example","零件5")',
    );
    for (const format of FORMATS) {
      const file = await exported(admin, `/api/admin/skus.${format}`);
      const res = await reimport(admin, '/api/admin/skus.csv', file, format);
      expect(await bodyOf(res)).toEqual({ created: 0, updated: before.skus.length });
      expect(await list(admin, '/api/admin/skus')).toEqual(before);
    }
  }, 180_000);

  it('bins: 2,000 more, through CSV and .xlsx', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const zone = (await list<{ bins: Bin[] }>(admin, '/api/admin/bins')).bins[0]!.zone;
    const code = (i: number) =>
      `R${'ABCDEFGHIJ'[Math.floor(i / 200)]}-${String(Math.floor(i / 10) % 20).padStart(2, '0')}-${String(i % 10).padStart(2, '0')}`;
    const seeded = await csvImport(admin, '/api/admin/bins.csv', [
      'code,zone,check_digits,path_seq',
      ...Array.from({ length: 2_000 }, (_, i) => `${code(i)},${zone},0${i % 10}${i % 7},${i}`),
    ]);
    expect(await bodyOf(seeded)).toEqual({ created: 2_000, updated: 0 });
    const before = await list<{ bins: Bin[] }>(admin, '/api/admin/bins');
    for (const format of FORMATS) {
      const file = await exported(admin, `/api/admin/bins.${format}`);
      const res = await reimport(admin, '/api/admin/bins.csv', file, format);
      expect(await bodyOf(res)).toEqual({ created: 0, updated: before.bins.length });
      expect(await list(admin, '/api/admin/bins')).toEqual(before);
    }
  }, 180_000);

  it('users: Chinese and formula-like names, through CSV and .xlsx', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const seeded = await csvImport(admin, '/api/admin/users.csv', [
      'id,name,role,badge,language,pin',
      ...FORMULA_NAMES.map(
        (n, i) => `u-gz-rt${i},"${n.replaceAll('"', '""')}",picker,P-07${i}0,zh-CN,2468`,
      ),
      'u-gz-rt9,欧阳娜娜,supervisor,S-0799,zh-CN,1357',
    ]);
    expect(await bodyOf(seeded)).toEqual({ created: 5, updated: 0 });
    const before = await list<{ users: User[] }>(admin, '/api/admin/users');
    for (const format of FORMATS) {
      const file = await exported(admin, `/api/admin/users.${format}`);
      const res = await reimport(admin, '/api/admin/users.csv', file, format);
      expect(await bodyOf(res)).toEqual({ created: 0, updated: before.users.length });
      expect(await list(admin, '/api/admin/users')).toEqual(before);
    }
  });

  it('routing rules, formula-like names, Chinese cities and leading zeros among them, through CSV and .xlsx', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const { rules } = await list<{ rules: RoutingRule[] }>(admin, '/api/routing/rules');
    // Every formula-like name, Chinese ones among them, and SKU ids with leading zeros.
    const withFormula = [
      ...rules,
      ...FORMULA_NAMES.map((name, i) => ({
        ...rules[0]!,
        id: `R-FORMULA-${i}`,
        priority: 90 + i,
        name,
        conditions: {
          ...rules[0]!.conditions,
          skuIds: ['00012', '007'],
          cities: ['杭州市', '宁波市'],
        },
      })),
    ];
    const put = await request(admin, '/api/routing/rules', {
      method: 'PUT',
      body: JSON.stringify({ rules: withFormula }),
      headers: { 'content-type': 'application/json' },
    });
    const before = await bodyOf<{ rules: RoutingRule[] }>(put);
    expect(before.rules).toHaveLength(rules.length + FORMULA_NAMES.length);
    for (const format of FORMATS) {
      const file = await exported(admin, `/api/routing/rules.${format}`);
      const res = await reimport(admin, '/api/routing/rules.csv', file, format);
      expect(await bodyOf(res)).toEqual(before);
    }
  });

  it('a CSV export has a BOM and neutralised formulas; an .xlsx holds them as text cells', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const csv = await exported(admin, '/api/admin/users.csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv);
    expect(text).toContain(`\nu-gz-rt0,"'=HYPERLINK(""http://evil.example"",""点我"")",picker,`);
    expect(text).toContain(`\nu-gz-rt1,"'+SUM(1,2)",picker,`);
    expect(text).toContain("\nu-gz-rt2,'-3 刹车片,picker,");
    expect(text).toContain("\nu-gz-rt3,'@cmd,picker,");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported(admin, '/api/admin/users.xlsx')).buffer);
    const names = wb.worksheets[0]!.getColumn(2).values.filter((v) => typeof v === 'string');
    expect(names).toEqual(expect.arrayContaining(FORMULA_NAMES));
  });
});
