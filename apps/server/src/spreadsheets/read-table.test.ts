import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { readTable } from './read-table';

const HEADER = ['id', 'name', 'city'];
const ROWS = [
  ['u-1', '张伟', '杭州市'],
  ['u-2', '欧阳娜娜', '深圳市'],
];
const expected = {
  columns: HEADER,
  rows: [
    { id: 'u-1', name: '张伟', city: '杭州市' },
    { id: 'u-2', name: '欧阳娜娜', city: '深圳市' },
  ],
};
const lines = (sep: string, eol: string) =>
  [HEADER, ...ROWS].map((r) => r.join(sep)).join(eol) + eol;

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function refusal(read: Promise<unknown>) {
  const err = await read.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  const { status, message, extra } = err as ApiError;
  return { status, message, fields: extra.fields };
}

describe('reading a table from the bytes offices send', () => {
  it.each([
    ['GBK with CRLF (Excel "CSV" on Chinese Windows)', iconv.encode(lines(',', '\r\n'), 'gbk')],
    ['GB18030', iconv.encode(lines(',', '\r\n'), 'gb18030')],
    ['UTF-8 with BOM (Excel "CSV UTF-8")', Buffer.from(`\ufeff${lines(',', '\r\n')}`)],
    ['UTF-8 without BOM', Buffer.from(lines(',', '\n'))],
    [
      'UTF-16LE with BOM, tab-separated (Excel "Unicode text")',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(lines('\t', '\r\n'), 'utf-16le')]),
    ],
    [
      'UTF-16BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(lines(',', '\r\n'), 'utf-16be')]),
    ],
  ])('%s', async (_, bytes) => {
    expect(await readTable(new Uint8Array(bytes))).toEqual(expected);
  });

  it('an .xlsx written by a spreadsheet library, recognised by its bytes', async () => {
    const bytes = await workbook((wb) => {
      const sheet = wb.addWorksheet('用户');
      sheet.addRows([HEADER, ...ROWS]);
    });
    expect(await readTable(bytes)).toEqual(expected);
  });

  it('typed cells read as values, not as the text Excel displays', async () => {
    const bytes = await workbook((wb) => {
      const sheet = wb.addWorksheet('Orders');
      sheet.addRow(['paid_cents', 'barcode', 'placed_at', 'expires', 'vip', 'total', 'note']);
      const row = sheet.addRow([
        19800,
        6901234567892,
        new Date(Date.UTC(2026, 11, 6, 14, 30, 0)),
        new Date(Date.UTC(2027, 2, 31)),
        true,
        { formula: 'A2*2', result: 39600 },
        { richText: [{ text: '易碎' }, { text: ' 轻放', font: { bold: true } }] },
      ]);
      row.getCell(1).numFmt = '"¥"#,##0.00';
      row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
      row.getCell(4).numFmt = 'yyyy"年"m"月"d"日"';
    });
    expect((await readTable(bytes)).rows).toEqual([
      {
        paid_cents: '19800',
        barcode: '6901234567892',
        placed_at: '2026-12-06T14:30:00+08:00',
        expires: '2027-03-31',
        vip: 'true',
        total: '39600',
        note: '易碎 轻放',
      },
    ]);
  });

  it('the first tab by default, or the sheet named; an unknown name lists the sheets', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('说明').addRows([['read me'], ['this sheet explains the columns']]);
      wb.addWorksheet('Data').addRows([HEADER, ...ROWS]);
    });
    expect((await readTable(bytes)).columns).toEqual(['read me']);
    expect(await readTable(bytes, { sheet: 'Data' })).toEqual(expected);
    expect(await refusal(readTable(bytes, { sheet: 'Sheet9' }))).toEqual({
      status: 400,
      message: 'The workbook has no sheet "Sheet9"',
      fields: [{ path: '(file).sheet', message: 'the sheets are: 说明, Data' }],
    });
  });

  it('a formula error in a cell is refused by row and column', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('s').addRows([HEADER, ['u-1', { error: '#N/A' }, '杭州']]);
    });
    expect((await refusal(readTable(bytes))).fields).toEqual([
      { path: 'rows.1.name', message: 'the cell shows the error #N/A' },
    ]);
  });

  it('UTF-16 without its mark is refused at the header, not stored with NULs', async () => {
    const bytes = iconv.encode(lines(',', '\r\n'), 'utf-16le');
    const { status, fields } = await refusal(readTable(new Uint8Array(bytes)));
    expect(status).toBe(400);
    expect(fields).toEqual([
      {
        path: '(file)',
        message:
          'line 1: it holds the control character U+0000 (the file was read as GBK/GB18030): save the sheet as "CSV UTF-8" or .xlsx and import again',
      },
    ]);
  });

  it('an old .xls workbook is refused with what to do', async () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await refusal(readTable(bytes))).toEqual({
      status: 400,
      message: 'This is an Excel 97-2003 .xls workbook: save it as .xlsx and import again',
      fields: [{ path: '(file)', message: 'save as .xlsx (Excel Workbook) or "CSV UTF-8"' }],
    });
  });

  it('a file that says .xlsx but is not one is refused, not read as CSV', async () => {
    const { status, message } = await refusal(
      readTable(new Uint8Array(Buffer.from('id,name\n1,a\n')), { filename: 'users.xlsx' }),
    );
    expect(status).toBe(400);
    expect(message).toMatch(/^The \.xlsx file could not be read: /);
  });

  it('50,000 rows are read, in CSV and in .xlsx; one more is refused with 413', async () => {
    const csv = (n: number) =>
      iconv.encode(
        ['id,name,city', ...Array.from({ length: n }, (_, i) => `u-${i},张伟${i},杭州市`)].join(
          '\r\n',
        ),
        'gbk',
      );
    const table = await readTable(new Uint8Array(csv(50_000)));
    expect(table.rows).toHaveLength(50_000);
    expect(table.rows[49_999]).toEqual({ id: 'u-49999', name: '张伟49999', city: '杭州市' });
    expect((await refusal(readTable(new Uint8Array(csv(50_001))))).status).toBe(413);
    const xlsx = await workbook((wb) => {
      const sheet = wb.addWorksheet('s');
      sheet.addRow(HEADER);
      for (let i = 0; i <= 50_000; i++) sheet.addRow([`u-${i}`, `张伟${i}`, '杭州市']);
    });
    expect((await refusal(readTable(xlsx))).status).toBe(413);
  }, 120_000);
});
