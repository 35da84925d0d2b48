import { ApiError, badRequest } from '../http/api-error';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { type Table, TABLE_LIMITS } from './table';

/** Where a table's bytes came from: the request's content type, the file's name, a sheet. */
export interface TableSource {
  contentType?: string | undefined;
  filename?: string | undefined;
  /** For a workbook: the sheet to read (the first one when not given). */
  sheet?: string | undefined;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);
/** An .xlsx is a zip; an old .xls is an OLE compound file. The bytes say which, not the name. */
const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
const isOle = (bytes: Uint8Array) =>
  startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Reads the table in a file's bytes, whatever office program wrote it: an .xlsx workbook (first
 * sheet or `source.sheet`), or CSV in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16
 * "Unicode text". Every import goes through here, so every import reads the same files the same
 * way and refuses the same ones, all with row and column (see `TABLE_LIMITS` for the sizes).
 *
 * @example
 * const { columns, rows } = await readTable(bytes, { contentType: 'text/csv' });
 * rows[0]?.name; // '张伟', whether the file was GBK, UTF-8 or .xlsx
 */
export async function readTable(bytes: Uint8Array, source: TableSource = {}): Promise<Table> {
  if (bytes.byteLength > TABLE_LIMITS.maxBytes) throw tooLarge();
  if (isOle(bytes))
    throw badRequest('This is an Excel 97-2003 .xls workbook: save it as .xlsx and import again', [
      { path: '(file)', message: 'save as .xlsx (Excel Workbook) or "CSV UTF-8"' },
    ]);
  const saysXlsx =
    source.contentType?.split(';')[0]?.trim() === XLSX_TYPE ||
    source.filename?.toLowerCase().endsWith('.xlsx') === true;
  if (isZip(bytes) || saysXlsx) return readXlsx(bytes, source.sheet);
  return readCsv(bytes);
}

const tooLarge = () =>
  new ApiError(
    413,
    'payload_too_large',
    `A file may be at most ${TABLE_LIMITS.maxBytes / 1024 / 1024} MiB: split it and import the parts`,
  );
