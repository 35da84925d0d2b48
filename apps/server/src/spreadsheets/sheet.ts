import { stringify } from 'csv-stringify/sync';

/** What an export holds: its columns in order, and one record per row. */
export interface Sheet {
  columns: readonly string[];
  rows: readonly Record<string, string | number>[];
}

/** A text cell a spreadsheet program would run as a formula (or DDE command) when opened. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made inert for CSV: one that starts like a formula gets a leading `'`, which
 * spreadsheet programs show as text. Imports take the `'` off again (`restoreNeutralised`), so
 * every export re-imports unchanged.
 */
export const neutralise = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** The inverse of `neutralise`, applied to every imported cell. */
export const restoreNeutralised = (cell: string) =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

/**
 * CSV as Excel on Chinese Windows opens it right: UTF-8 with a byte order mark (without one,
 * Excel reads it as GBK and shows mojibake), formula-like text neutralised. Numbers stay numbers.
 */
export function sheetToCsv(sheet: Sheet): Uint8Array<ArrayBuffer> {
  const text = stringify(
    sheet.rows.map((row) =>
      Object.fromEntries(
        sheet.columns.map((c) => {
          const cell = row[c] ?? '';
          return [c, typeof cell === 'string' ? neutralise(cell) : cell];
        }),
      ),
    ),
    { header: true, columns: [...sheet.columns], bom: true },
  );
  return new TextEncoder().encode(text);
}

/**
 * An .xlsx with one sheet. Text goes in as text cells, which no spreadsheet program evaluates,
 * so it is written as it is (no `'`); numbers go in as numbers.
 */
export async function sheetToXlsx(sheet: Sheet, name: string): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded on the first file written, not with the server (over half a second of its start).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(name);
  worksheet.addRow([...sheet.columns]);
  for (const row of sheet.rows) worksheet.addRow(sheet.columns.map((c) => row[c] ?? ''));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
