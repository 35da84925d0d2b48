import type { Context } from 'hono';
import { type Sheet, sheetToCsv, sheetToXlsx } from './sheet';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Answers an export as a file download: `name.csv` (UTF-8 with BOM) or `name.xlsx`.
 *
 * @example
 * .get('/bins.xlsx', async (c) => sheetResponse(c, 'bins-GZ', 'xlsx', binsToSheet(bins)))
 */
export async function sheetResponse(
  c: Context,
  name: string,
  format: 'csv' | 'xlsx',
  sheet: Sheet,
): Promise<Response> {
  const body = format === 'csv' ? sheetToCsv(sheet) : await sheetToXlsx(sheet, name.slice(0, 31));
  c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE);
  c.header('content-disposition', `attachment; filename="${name}.${format}"`);
  return c.body(body);
}
