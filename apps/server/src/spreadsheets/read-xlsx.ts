import type { FieldError } from '@wms/protocol';
import ExcelJS from 'exceljs';
import { badRequest } from '../http/api-error';
import { tooManyRows } from './read-csv';
import { unreadableCell } from './readable-cells';
import { restoreNeutralised } from './sheet';
import { type Table, type TableRow, TABLE_LIMITS } from './table';
import { tableFaults } from './table-faults';
import { cellText } from './xlsx-cell-text';

/**
 * The first tab of an .xlsx workbook (or the one named `sheet`). The first non-empty row is the
 * header; empty rows are skipped; cells are read by type (see `cellText`).
 *
 * exceljs's document reader, not its streaming one: the streaming reader decodes each zip chunk
 * to text on its own, so a Chinese character split across two chunks comes out as U+FFFD (found
 * by the round-trip test: row 1,316 of a 1,800-SKU export). The document reader decodes each
 * part whole. The file is at most `TABLE_LIMITS.maxBytes`, so this stays bounded.
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer`; JSZip underneath takes any Uint8Array.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw badRequest(`The .xlsx file could not be read: ${message}`, [{ path: '(file)', message }]);
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet)
    throw badRequest(
      sheet === undefined ? 'The workbook has no sheet' : `The workbook has no sheet "${sheet}"`,
      [
        {
          path: '(file).sheet',
          message: `the sheets are: ${workbook.worksheets.map((w) => w.name).join(', ') || 'none'}`,
        },
      ],
    );
  if (worksheet.actualRowCount > TABLE_LIMITS.maxRows + 1) throw tooManyRows();
  return readSheet(worksheet);
}

function readSheet(worksheet: ExcelJS.Worksheet): Table {
  let columns: string[] | null = null;
  const rows: TableRow[] = [];
  const faults: FieldError[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const texts: string[] = [];
    const rowFaults: FieldError[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = cellText(cell.value, cell.numFmt);
      const text = 'text' in read ? restoreNeutralised(read.text.trim()) : '';
      texts[col - 1] = text;
      const why = 'fault' in read ? read.fault : unreadableCell(text, 'xlsx');
      if (why && (columns === null || columns[col - 1]))
        rowFaults.push({
          path: columns ? `rows.${rows.length + 1}.${columns[col - 1]}` : `(header).${col}`,
          message: why,
        });
    });
    faults.push(...rowFaults);
    if (rowFaults.length === 0 && texts.every((t) => !t)) return;
    if (columns === null) columns = Array.from(texts, (t) => t ?? '');
    else rows.push(Object.fromEntries(columns.flatMap((c, i) => (c ? [[c, texts[i] ?? '']] : []))));
  });
  if (faults.length > 0) throw tableFaults(faults);
  return { columns: (columns ?? []).filter(Boolean), rows };
}
