import type { InboundNotice, RoutingRule } from '@wms/protocol';
import type ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { signIn } from './handheld';
import { excelDate, gbkCsv, libraryXlsx, unicodeText, utf8BomCsv } from './office-files';
import { type SupervisorApi, signInSupervisor } from './supervisor-api';

type Rows = (string | number)[][];
type Section = 'orders' | 'rules' | 'opening' | 'notices';

/** The four files offices send, each built as its program writes it. */
const FORMATS = ['gbk', 'utf16', 'utf8bom', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

const FILE_NAMES: Record<Format, { name: string; mimeType: string }> = {
  gbk: { name: '导入-GBK.csv', mimeType: 'text/csv' },
  // Excel names its "Unicode text" .txt; Windows gives it text/plain.
  utf16: { name: '导入-Unicode.txt', mimeType: 'text/plain' },
  utf8bom: { name: '导入-UTF8.csv', mimeType: 'application/vnd.ms-excel' },
  // Some systems give an .xlsx no type at all: the name says what it is.
  xlsx: { name: '导入.xlsx', mimeType: '' },
};

/** The text rows of a file (dates as Excel shows them in a Chinese CSV) or its typed cells. */
async function fileOf(format: Format, textRows: Rows, typedRows: ExcelJS.CellValue[][]) {
  if (format === 'gbk') return gbkCsv(textRows);
  if (format === 'utf16') return unicodeText(textRows);
  if (format === 'utf8bom') return utf8BomCsv(textRows);
  return libraryXlsx(typedRows);
}

/** The admin's screen in `language`, on the Imports tab. */
async function openImports(
  fx: { server: ServerProcess; browser: Browser },
  api: SupervisorApi,
  language: 'en' | 'zh-CN',
): Promise<Page> {
  await api.raw('/api/admin/users/u-gz-a1', {
    method: 'PUT',
    body: JSON.stringify({ name: 'Chen Jie', role: 'admin', badge: 'A-0001', language }),
  });
  const context = await fx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(fx.server.url);
  await signIn(page, 'A-0001', '1234');
  await page.click('[data-testid=open-admin]');
  await page.click('[data-testid=tab-imports]');
  await page.waitForSelector('[data-testid=panel-imports]');
  return page;
}

/**
 * Uploads one file through a section's button, on a freshly opened tab (so no earlier answer is
 * on screen), and gives back what the screen then shows: the summary, or the problem rows.
 */
async function upload(page: Page, section: Section, format: Format, buffer: Buffer) {
  await page.click('[data-testid=tab-zones]');
  await page.click('[data-testid=tab-imports]');
  const root = `[data-testid=import-${section}]`;
  await page.setInputFiles(`${root} [data-testid=csv-file]`, { ...FILE_NAMES[format], buffer });
  await page.waitForSelector(
    `${root} [data-testid=csv-result], ${root} [data-testid=csv-errors], ${root} [data-testid=admin-error]`,
    { timeout: 60_000 },
  );
  return page.$eval(root, (el) => ({
    result: el.querySelector('[data-testid=csv-result]')?.textContent ?? null,
    summary: el.querySelector('[data-testid=csv-errors] p')?.textContent ?? null,
    header: Array.from(el.querySelectorAll('[data-testid=csv-errors] th')).map(
      (th) => th.textContent,
    ),
    problems: Array.from(el.querySelectorAll('[data-testid=csv-error-row]')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent),
    ),
    refused: el.querySelector('[data-testid=admin-error]')?.textContent ?? null,
  }));
}

/** A 404 from the API as `null`, any other answer as it is. */
const orNull = (call: Promise<unknown>) =>
  call.catch((err: unknown) => {
    if (String(err).includes('HTTP 404')) return null;
    throw err;
  });

describe('every import on the admin screen takes the files offices send', () => {
  // As aServerAndBrowserPerFile, with room for a slow start on a loaded machine.
  const fx = {} as { server: ServerProcess; browser: Browser };
  beforeAll(async () => {
    [fx.server, fx.browser] = await Promise.all([
      startServerProcess({}, { startTimeoutMs: 240_000 }),
      launchChromium(),
    ]);
  }, 300_000);
  afterAll(async () => {
    await fx.browser?.close();
    await fx.server?.stop();
  });

  it('orders (zh-CN): GBK CSV, Unicode text, UTF-8 CSV and .xlsx go in; a bad row stores no order of the file', async () => {
    const api = await signInSupervisor(fx.server.url, 'A-0001');
    const page = await openImports(fx, api, 'zh-CN');
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
    const line = (id: string, placed: string | Date, sku: string, qty: string | number) => [
      'douyin',
      id,
      placed,
      'c-adm',
      '欧阳娜娜',
      13511112222,
      '广东省',
      '广州市',
      '天河区',
      '体育西路 103 号, 维多利亚广场 B 座',
      29700,
      sku,
      qty,
      9900,
    ];
    for (const format of FORMATS) {
      const id = `DY-ADM-${format.toUpperCase()}`;
      // Excel writes a date cell into CSV as it shows it; the .xlsx holds it as a date cell.
      const text = [
        header,
        line(id, '2026/12/6 9:15', 'SKU-00005', 1),
        line(id, '2026/12/6 9:15', 'SKU-00006', 2),
      ];
      const typed = [
        header,
        line(id, excelDate(2026, 12, 6, 9, 15), 'SKU-00005', 1),
        line(id, excelDate(2026, 12, 6, 9, 15), 'SKU-00006', 2),
      ];
      const shown = await upload(page, 'orders', format, await fileOf(format, text as Rows, typed));
      expect({ format, ...shown }).toMatchObject({
        format,
        result: '已导入：2 行共 1 个订单。',
        problems: [],
      });
      expect(await api.raw(`/api/orders/by-channel/douyin/${id}`)).toMatchObject({
        orderId: expect.any(String),
      });
    }

    const bad = [
      header,
      line('DY-ADM-BAD', '2026/12/6 9:15', 'SKU-00005', 1),
      line('DY-ADM-BAD', '2026/12/6 9:15', 'SKU-00006', '两'),
    ];
    const shown = await upload(page, 'orders', 'gbk', await fileOf('gbk', bad as Rows, []));
    expect(shown).toMatchObject({
      result: null,
      summary: '未导入任何数据：共 1 处问题。请修改以下各行后重新导入整个文件。',
      header: ['行', '列', '问题'],
      problems: [['2', 'qty', '应为数字']],
    });
    expect(await orNull(api.raw('/api/orders/by-channel/douyin/DY-ADM-BAD'))).toBeNull();
  }, 240_000);

  it('routing table (en): each file replaces the table with its Chinese names; a bad priority changes nothing', async () => {
    const api = await signInSupervisor(fx.server.url, 'A-0001');
    const page = await openImports(fx, api, 'en');
    const { rules } = (await api.raw('/api/routing/rules')) as { rules: RoutingRule[] };
    const header = [
      'id',
      'priority',
      'name',
      'warehouse_id',
      'carrier',
      'enabled',
      'regions',
      'provinces',
      'cities',
      'districts',
      'channels',
      'min_amount_cents',
      'max_amount_cents',
      'min_unit_price_cents',
      'sku_ids',
      'categories',
    ];
    const list = (values: readonly string[] | undefined) => (values ?? []).join('|');
    const rowOf = (r: RoutingRule, name: string, priority: string | number = r.priority) => [
      r.id,
      priority,
      name,
      r.warehouseId,
      r.carrier,
      r.enabled ? 'yes' : 'no',
      list(r.conditions.regions),
      list(r.conditions.provinces),
      list(r.conditions.cities),
      list(r.conditions.districts),
      list(r.conditions.channels),
      r.conditions.minAmountCents ?? '',
      r.conditions.maxAmountCents ?? '',
      r.conditions.minUnitPriceCents ?? '',
      list(r.conditions.skuIds),
      list(r.conditions.categories),
    ];
    let expected = rules;
    for (const format of FORMATS) {
      const name = `华南同城，${format}（广州、佛山）`;
      const rows = [header, rowOf(rules[0]!, name), ...rules.slice(1).map((r) => rowOf(r, r.name))];
      const shown = await upload(page, 'rules', format, await fileOf(format, rows, rows));
      expect({ format, ...shown }).toMatchObject({
        format,
        result: `Routing table replaced: ${rules.length} rule(s).`,
        problems: [],
      });
      expected = [{ ...rules[0]!, name }, ...rules.slice(1)];
      expect((await api.raw('/api/routing/rules')) as { rules: RoutingRule[] }).toEqual({
        rules: expected,
      });
    }

    const bad = [header, rowOf(rules[0]!, '不该存入'), rowOf(rules[1]!, rules[1]!.name, '高')];
    const shown = await upload(page, 'rules', 'utf16', await fileOf('utf16', bad, []));
    expect(shown).toMatchObject({
      result: null,
      summary:
        'Nothing was imported: 1 problem(s). Fix these rows and import the whole file again.',
      header: ['Row', 'Column', 'Problem'],
      problems: [['2', 'priority', 'Invalid input: expected number, received NaN']],
    });
    expect(await api.raw('/api/routing/rules')).toEqual({ rules: expected });
  }, 240_000);

  it('opening stock (zh-CN): each file loads its bin with dates as Excel writes them; an unknown bin loads nothing', async () => {
    const api = await signInSupervisor(fx.server.url, 'A-0001');
    const page = await openImports(fx, api, 'zh-CN');
    const bins = ['F-09-01', 'F-09-02', 'F-09-03', 'F-09-04', 'F-09-05'];
    for (const [i, code] of bins.entries())
      await api.raw('/api/admin/bins', {
        method: 'POST',
        body: JSON.stringify({ code, zone: 'A', checkDigits: `5${i}`, pathSeq: 90_000 + i }),
      });
    const header = ['bin_code', 'sku_id', 'lot', 'expiry', 'qty', '备注'];
    for (const [i, format] of FORMATS.entries()) {
      const bin = bins[i]!;
      const text = [
        header,
        [bin, 'SKU-00007', '批次甲-1201', '2027/3/31', 24, '上线盘点，张伟'],
        [bin, 'SKU-00008', '批次乙-1202', '2027/6/30', 6, '上线盘点，张伟'],
      ];
      const typed = [
        header,
        [bin, 'SKU-00007', '批次甲-1201', excelDate(2027, 3, 31), 24, '上线盘点，张伟'],
        [bin, 'SKU-00008', '批次乙-1202', excelDate(2027, 6, 30), 6, '上线盘点，张伟'],
      ];
      const shown = await upload(page, 'opening', format, await fileOf(format, text, typed));
      expect({ format, ...shown }).toMatchObject({
        format,
        result: '期初库存已导入：共 2 行。',
        problems: [],
      });
      expect(await api.raw(`/api/inventory/bins/${bin}`)).toMatchObject({
        stock: [
          { skuId: 'SKU-00007', qty: 24 },
          { skuId: 'SKU-00008', qty: 6 },
        ],
      });
    }

    const bad = [
      header,
      ['F-09-05', 'SKU-00007', '批次甲-1201', '2027/3/31', 24, ''],
      ['Z-99-99', 'SKU-00008', '批次乙-1202', '2027/6/30', 6, ''],
    ];
    const shown = await upload(page, 'opening', 'xlsx', await fileOf('xlsx', bad, bad));
    expect(shown).toMatchObject({
      result: null,
      header: ['行', '列', '问题'],
      problems: [['2', 'bin_code', '本仓没有库位 Z-99-99']],
    });
    expect(await api.raw('/api/inventory/bins/F-09-05')).toMatchObject({ stock: [] });
  }, 240_000);

  it('inbound notices (en): each file makes its notice with its lines; an unknown SKU makes none', async () => {
    const api = await signInSupervisor(fx.server.url, 'A-0001');
    const page = await openImports(fx, api, 'en');
    const header = ['notice', 'supplier_id', 'expected_date', 'sku_id', 'qty', '备注'];
    const notices = async () =>
      ((await api.raw('/api/inbound/notices?status=all')) as { notices: InboundNotice[] }).notices;
    for (const format of FORMATS) {
      const code = `ASN-ADM-${format.toUpperCase()}`;
      const text = [
        header,
        [code, 'SUP-NB-PARTS', '2026/12/20', 'SKU-00009', 40, '宁波配件，周一到'],
        [code, 'SUP-NB-PARTS', '2026/12/20', 'SKU-00010', 12, ''],
      ];
      const typed = [
        header,
        [code, 'SUP-NB-PARTS', excelDate(2026, 12, 20), 'SKU-00009', 40, '宁波配件，周一到'],
        [code, 'SUP-NB-PARTS', excelDate(2026, 12, 20), 'SKU-00010', 12, null],
      ];
      const shown = await upload(page, 'notices', format, await fileOf(format, text, typed));
      expect({ format, ...shown }).toMatchObject({
        format,
        result: 'Imported: 1 notice(s) with 2 line(s).',
        problems: [],
      });
      const notice = (await notices()).find((n) => n.code === code);
      expect({
        supplierId: notice?.supplierId,
        expectedDate: notice?.expectedDate,
        lines: notice?.lines.map((l) => [l.skuId, l.expectedQty]),
      }).toEqual({
        supplierId: 'SUP-NB-PARTS',
        expectedDate: '2026-12-20',
        lines: [
          ['SKU-00009', 40],
          ['SKU-00010', 12],
        ],
      });
    }

    const bad = [
      header,
      ['ASN-ADM-BAD', 'SUP-NB-PARTS', '2026/12/20', 'SKU-00009', 40, ''],
      ['ASN-ADM-BAD', 'SUP-NB-PARTS', '2026/12/20', 'SKU-NOPE', 12, ''],
    ];
    const shown = await upload(page, 'notices', 'utf8bom', await fileOf('utf8bom', bad, []));
    expect(shown).toMatchObject({
      result: null,
      header: ['Row', 'Column', 'Problem'],
      problems: [['2', 'sku_id', 'no SKU SKU-NOPE']],
    });
    expect((await notices()).some((n) => n.code === 'ASN-ADM-BAD')).toBe(false);
  }, 240_000);
});
