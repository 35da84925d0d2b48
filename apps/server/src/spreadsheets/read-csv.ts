import { parse } from 'csv-parse/sync';
import { ApiError, badRequest } from '../http/api-error';
import type { FieldError } from '@wms/protocol';
import { decodeTableText, type TextEncoding } from './decode-text';
import { unreadableCell, unreadableCells } from './readable-cells';
import { restoreNeutralised } from './sheet';
import { type Table, type TableRow, TABLE_LIMITS } from './table';
import { tableFaults } from './table-faults';

/**
 * A CSV (or tab-separated "Unicode text", as Excel saves it) with a header row, from its bytes:
 * decoded by `decodeTableText`, every cell checked readable. Malformed CSV, unreadable cells and
 * files over `TABLE_LIMITS.maxRows` are refused with a 400 / 413 naming what to fix.
 */
export function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeTableText(bytes);
  let columns: string[] = [];
  let rows: TableRow[];
  try {
    rows = parse<TableRow>(text, {
      columns: (header: string[]) => (columns = header.map((h) => h.trim())),
      delimiter: delimiterOf(text),
      skip_empty_lines: true,
      trim: true,
      to: TABLE_LIMITS.maxRows + 1,
    });
  } catch (err) {
    // Text that is not text (UTF-16 without its mark, a binary file) breaks the CSV: say why.
    const unreadable = firstUnreadable(text, encoding);
    if (unreadable) throw tableFaults([unreadable]);
    const message = err instanceof Error ? err.message : String(err);
    throw badRequest(`The CSV could not be read: ${message}`, [{ path: '(csv)', message }]);
  }
  if (rows.length > TABLE_LIMITS.maxRows) throw tooManyRows();
  for (const row of rows) for (const c in row) row[c] = restoreNeutralised(row[c]!);
  const faults = unreadableCells(columns, rows, encoding);
  if (faults.length > 0) throw tableFaults(faults);
  return { columns, rows };
}

function firstUnreadable(text: string, encoding: TextEncoding): FieldError | null {
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const why = unreadableCell(line, encoding);
    if (why) return { path: '(file)', message: `line ${i + 1}: ${why.replace('this cell', 'it')}` };
  }
  return null;
}

/** Excel's "Unicode text" is tab-separated; its "CSV" uses commas. The header line decides. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.includes('\t') && !header.includes(',') ? '\t' : ',';
}

export const tooManyRows = () =>
  new ApiError(
    413,
    'payload_too_large',
    `A file may hold at most ${TABLE_LIMITS.maxRows.toLocaleString('en')} rows: split it and import the parts`,
  );
