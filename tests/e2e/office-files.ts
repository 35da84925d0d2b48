import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** A cell of a CSV as Excel saves it: text as shown, quoted when it holds the separator. */
function csvCell(cell: string | number, separator: string): string {
  const text = String(cell);
  return text.includes(separator) || /["\r\n]/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

const lines = (rows: readonly (readonly (string | number)[])[], separator: string) =>
  rows.map((row) => row.map((c) => csvCell(c, separator)).join(separator)).join('\r\n') + '\r\n';

/** "CSV (逗号分隔)" from Excel on Chinese Windows: GBK (code page 936), CRLF, no BOM. */
export const gbkCsv = (rows: readonly (readonly (string | number)[])[]) =>
  iconv.encode(lines(rows, ','), 'gbk');

/** "Unicode 文本" from Excel: UTF-16LE with its BOM, tab-separated, CRLF. */
export const unicodeText = (rows: readonly (readonly (string | number)[])[]) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(lines(rows, '\t'), 'utf16le')]);

/** "CSV UTF-8 (逗号分隔)" from Excel (and most systems' exports): UTF-8 with its BOM, CRLF. */
export const utf8BomCsv = (rows: readonly (readonly (string | number)[])[]) =>
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines(rows, ','), 'utf8')]);

/**
 * An .xlsx written by a spreadsheet library (exceljs): typed cells, so dates are date cells
 * (with a date or date-time format, as Excel gives them) and numbers are numbers.
 */
export async function libraryXlsx(
  rows: readonly (readonly ExcelJS.CellValue[])[],
  sheet = 'Sheet1',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  for (const row of rows) {
    const added = worksheet.addRow([...row]);
    added.eachCell((cell) => {
      if (cell.value instanceof Date)
        cell.numFmt =
          cell.value.getUTCHours() + cell.value.getUTCMinutes() === 0
            ? 'yyyy/m/d'
            : 'yyyy/m/d h:mm';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A wall-clock date and time as an Excel cell holds it (exceljs writes UTC fields as the cell's). */
export const excelDate = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min));
