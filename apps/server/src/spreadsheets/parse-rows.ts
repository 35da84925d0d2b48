import type { FieldError } from '@wms/protocol';
import type { z } from 'zod';
import type { Table, TableRow } from './table';
import { tableFaults } from './table-faults';

/** How the rows of one kind of sheet become records. */
export interface RowReader<S extends z.ZodType> {
  /** Columns the header must have (others are ignored). */
  required: readonly string[];
  /** The record of one row, before validation. */
  toRecord: (cells: TableRow) => unknown;
  schema: S;
  /** Record field → the sheet's column, to name a fault by the column the user sees. */
  columnOf?: Record<string, string>;
  /** Refuse a sheet without data rows (a master-data file always has some). */
  needsRows?: boolean;
}

/**
 * Every row of a table through `toRecord` and `schema`, all or nothing: one fault anywhere and
 * the whole file is refused with every fault as `rows.N.column` (N counts data rows from 1).
 *
 * @example
 * const bins = parseRows(await readTable(bytes, source), {
 *   required: ['code', 'zone'],
 *   toRecord: (c) => ({ code: c.code, zone: c.zone }),
 *   schema: binInputSchema,
 * });
 */
export function parseRows<S extends z.ZodType>(table: Table, reader: RowReader<S>): z.infer<S>[] {
  const fields: FieldError[] = [];
  if (reader.needsRows && table.rows.length === 0)
    fields.push({ path: '(file)', message: 'no data rows under the header' });
  for (const column of reader.required)
    if (!table.columns.includes(column))
      fields.push({ path: `(header).${column}`, message: 'column missing' });
  if (fields.length > 0) throw tableFaults(fields);
  const parsed: z.infer<S>[] = [];
  table.rows.forEach((cells, i) => {
    const result = reader.schema.safeParse(reader.toRecord(cells));
    if (result.success) parsed.push(result.data);
    else
      for (const issue of result.error.issues) {
        const [field, ...rest] = issue.path.map(String);
        const column = reader.columnOf?.[field ?? ''] ?? field ?? '(row)';
        fields.push({ path: [`rows.${i + 1}`, column, ...rest].join('.'), message: issue.message });
      }
  });
  if (fields.length > 0) throw tableFaults(fields);
  return parsed;
}

/** Refuses a file where a key (a code, an id) is on two rows, naming both. */
export function assertUniqueKeys(keys: readonly string[], column: string) {
  const first = new Map<string, number>();
  const fields: FieldError[] = [];
  keys.forEach((key, i) => {
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else
      fields.push({ path: `rows.${i + 1}.${column}`, message: `${key} is also on row ${at + 1}` });
  });
  if (fields.length > 0) throw tableFaults(fields);
}
