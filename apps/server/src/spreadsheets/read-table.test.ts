import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
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

/** An .xlsx from exceljs's streaming writer: inline strings in the sheet, not shared strings. */
async function streamedWorkbook(
  rows: readonly (readonly ExcelJS.CellValue[])[],
  options: { forceZip64?: boolean } = {},
): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    ...options,
  });
  const sheet = wb.addWorksheet('s');
  for (const row of rows) sheet.addRow([...row]).commit();
  sheet.commit();
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

/** Names of every length, so that inflate's chunk ends fall inside their characters. */
const chineseName = (i: number) =>
  '欧阳娜娜张伟刹车片前轮火花塞'.slice(0, 1 + (i % 13)) + `第${i}号`;

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

  it('Chinese text split between two inflated chunks is read whole, from shared and inline strings', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`u-${i}`, chineseName(i), '杭州市']);
    const want = {
      columns: HEADER,
      rows: rows.map(([id, name, city]) => ({ id, name, city })),
    };
    const shared = await workbook((wb) => wb.addWorksheet('s').addRows([HEADER, ...rows]));
    expect(await readTable(shared)).toEqual(want);
    expect(await readTable(await streamedWorkbook([HEADER, ...rows]))).toEqual(want);
  }, 60_000);

  it('a ZIP64 workbook (no office program writes one this small) is read whole instead', async () => {
    const bytes = await streamedWorkbook([HEADER, ...ROWS], { forceZip64: true });
    expect(await readTable(bytes)).toEqual(expected);
  });

  it('a workbook as other programs write it: prefixed tags, 1904 dates, built-in formats, phonetic guides', async () => {
    const day = 86_400_000;
    /** The 1904 date system's day number of a wall-clock time. */
    const serial1904 = (ms: number) => ms / day + 25569 - 1462;
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const zip = new JSZip();
    zip.file(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="book/main.xml"/></Relationships>`,
    );
    zip.file(
      'book/main.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:workbook ${ns} xmlns:rel="${rel}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="说明" sheetId="1" rel:id="rIdA"/><x:sheet name="订单" sheetId="2" rel:id="rIdB"/></x:sheets></x:workbook>`,
    );
    zip.file(
      'book/_rels/main.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdA" Type="${rel}/worksheet" Target="sheets/a.xml"/><Relationship Id="rIdB" Type="${rel}/worksheet" Target="/book/sheets/b.xml"/><Relationship Id="rIdS" Type="${rel}/sharedStrings" Target="strings.xml"/><Relationship Id="rIdY" Type="${rel}/styles" Target="./styles.xml"/></Relationships>`,
    );
    zip.file(
      'book/styles.xml',
      `<x:styleSheet ${ns}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; h:mm"/></x:numFmts><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="14"/><x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>`,
    );
    zip.file(
      'book/strings.xml',
      `<x:sst ${ns}><x:si><x:t>name</x:t></x:si><x:si><x:r><x:t>欧阳</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">娜娜 </x:t></x:r><x:rPh sb="0" eb="2"><x:t>オウヤン</x:t></x:rPh></x:si><x:si><x:t><![CDATA[A&B <门店>]]></x:t></x:si></x:sst>`,
    );
    zip.file('book/sheets/a.xml', `<x:worksheet ${ns}><x:sheetData/></x:worksheet>`);
    const placed = serial1904(Date.UTC(2026, 11, 6, 14, 30));
    const expires = serial1904(Date.UTC(2027, 2, 31));
    zip.file(
      'book/sheets/b.xml',
      `<x:worksheet ${ns}><x:sheetData>` +
        `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>placed_at</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>expires</x:t></x:is></x:c><x:c r="F1" t="inlineStr"><x:is><x:t>total</x:t></x:is></x:c><x:c r="G1" t="inlineStr"><x:is><x:t>shop</x:t></x:is></x:c></x:row>` +
        `<x:row r="2"/>` +
        `<x:row r="3"><x:c r="A3" t="str"><x:f>"u-"&amp;1</x:f><x:v>u-1</x:v></x:c><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c r="C3" s="2"><x:v>${placed}</x:v></x:c><x:c r="D3" s="1"><x:v>${expires}</x:v></x:c><x:c r="F3"><x:f>SUM(1,2)</x:f><x:v>3</x:v></x:c><x:c r="G3" t="s"><x:v>2</x:v></x:c></x:row>` +
        `<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>u-2</x:t></x:is></x:c><x:c r="F4"><x:f>SUM(F9:F12)</x:f></x:c></x:row>` +
        `</x:sheetData></x:worksheet>`,
    );
    const bytes = new Uint8Array(
      await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
    );
    expect(await refusal(readTable(bytes, { sheet: '订单' }))).toMatchObject({
      status: 400,
      fields: [
        {
          path: 'rows.2.total',
          message:
            'a formula without a saved result: open the file in Excel, save it, import again',
        },
      ],
    });
    zip.file(
      'book/sheets/b.xml',
      ((await zip.file('book/sheets/b.xml')?.async('string')) ?? '').replace(
        /<x:row r="4">.*?<\/x:row>/,
        '',
      ),
    );
    const good = new Uint8Array(
      await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
    );
    expect(await readTable(good, { sheet: '订单' })).toEqual({
      columns: ['id', 'name', 'placed_at', 'expires', 'total', 'shop'],
      rows: [
        {
          id: 'u-1',
          name: '欧阳娜娜',
          placed_at: '2026-12-06T14:30:00+08:00',
          expires: '2027-03-31',
          total: '3',
          shop: 'A&B <门店>',
        },
      ],
    });
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
