import type { Context } from 'hono';
import { readTable } from './read-table';
import type { Table } from './table';

/**
 * The table a request carries as its raw body (the file's bytes, never decoded as UTF-8 on the
 * way in). `?sheet=` names a workbook's sheet; `?filename=` the file, when the client knows it.
 */
export async function tableOfRequest(c: Context): Promise<Table> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return readTable(bytes, {
    contentType: c.req.header('content-type'),
    filename: c.req.query('filename'),
    sheet: c.req.query('sheet'),
  });
}
