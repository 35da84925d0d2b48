import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FieldError } from '@wms/protocol';
import { badRequest } from '../http/api-error';
import { tooManyRows } from './read-csv';
import { unreadableCell } from './readable-cells';
import { type Table, type TableRow, TABLE_LIMITS } from './table';
import { tableFaults } from './table-faults';
import { cellText } from './xlsx-cell-text';

type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & { name: string };

/**
 * The first sheet of an .xlsx workbook (or the one named `sheet`), read with exceljs's streaming
 * reader so a 50,000-row file is never held as a whole workbook model. The first non-empty row is
 * the header; empty rows are skipped; cells are read by type (see `cellText`).
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<Table> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      const { name } = worksheet as SheetReader;
      seen.push(name);
      if (sheet === undefined ? !isFirstSheet(reader, name) : name !== sheet) continue;
      return await readSheet(worksheet);
    }
  } catch (err) {
    if (err instanceof Error && 'status' in err) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw badRequest(`The .xlsx file could not be read: ${message}`, [{ path: '(file)', message }]);
  }
  throw badRequest(
    sheet === undefined ? 'The workbook has no sheet' : `The workbook has no sheet "${sheet}"`,
    [{ path: '(file).sheet', message: `the sheets are: ${seen.join(', ') || 'none'}` }],
  );
}

/** The workbook's first tab (sheets may sit in the file in another order than their tabs). */
function isFirstSheet(reader: ExcelJS.stream.xlsx.WorkbookReader, name: string): boolean {
  const sheets = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets;
  return !sheets?.[0] || sheets[0].name === name;
}

async function readSheet(worksheet: ExcelJS.stream.xlsx.WorksheetReader): Promise<Table> {
  let columns: string[] | null = null;
  const rows: TableRow[] = [];
  const faults: FieldError[] = [];
  for await (const row of worksheet) {
    const texts: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = cellText(cell.value, cell.numFmt);
      const text = 'text' in read ? read.text.trim() : '';
      texts[col - 1] = text;
      const at = columns ? `rows.${rows.length + 1}.${columns[col - 1] ?? col}` : `(header).${col}`;
      const why = 'fault' in read ? read.fault : unreadableCell(text, 'xlsx');
      if (why && (columns === null || columns[col - 1] !== undefined))
        faults.push({ path: at, message: why });
    });
    if (texts.every((t) => !t)) continue;
    if (columns === null) {
      columns = Array.from(texts, (t) => t ?? '');
      continue;
    }
    if (rows.length === TABLE_LIMITS.maxRows) throw tooManyRows();
    rows.push(Object.fromEntries(columns.flatMap((c, i) => (c ? [[c, texts[i] ?? '']] : []))));
  }
  if (faults.length > 0) throw tableFaults(faults);
  return { columns: (columns ?? []).filter(Boolean), rows };
}
