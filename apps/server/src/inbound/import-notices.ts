import { type FieldError, type InboundImportRow, inboundImportRowSchema } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { officeDate } from '../spreadsheets/office-date';
import { parseRows } from '../spreadsheets/parse-rows';
import type { Table } from '../spreadsheets/table';
import { tableFaults } from '../spreadsheets/table-faults';
import { insertNotice } from './insert-notice';

const COLUMN_OF: Record<string, string> = {
  code: 'notice',
  supplierId: 'supplier_id',
  expectedDate: 'expected_date',
  skuId: 'sku_id',
  expectedQty: 'qty',
};

const blank = (cell: string | undefined) => (cell === undefined || cell === '' ? undefined : cell);

/**
 * Expected deliveries from a spreadsheet (CSV in any encoding the shared reader takes, or .xlsx),
 * one row per line: `notice, supplier_id, expected_date, sku_id, qty`. Rows with the same notice
 * number make one notice and must agree on supplier and date. All or nothing: any fault (a SKU
 * or supplier unknown, a notice number the warehouse has already) refuses the file with every
 * fault as `rows.N.column`.
 */
export async function importNotices(db: Db, session: Session, table: Table) {
  const rows = parseRows(table, {
    required: ['notice', 'expected_date', 'sku_id', 'qty'],
    needsRows: true,
    toRecord: (c) => ({
      code: c.notice,
      supplierId: blank(c.supplier_id),
      expectedDate: officeDate(c.expected_date, 'day'),
      skuId: c.sku_id,
      expectedQty: c.qty,
    }),
    schema: inboundImportRowSchema,
    columnOf: COLUMN_OF,
  });
  const byCode = new Map<string, { first: number; rows: { row: number; r: InboundImportRow }[] }>();
  rows.forEach((r, i) => {
    const group = byCode.get(r.code) ?? { first: i + 1, rows: [] };
    group.rows.push({ row: i + 1, r });
    byCode.set(r.code, group);
  });
  return db.transaction(async (tx) => {
    const faults = [...groupFaults(byCode), ...(await knownFaults(tx, session.warehouseId, rows))];
    if (faults.length > 0) throw tableFaults(faults);
    const created: { id: string; code: string; lines: number }[] = [];
    for (const [code, group] of byCode) {
      const head = group.rows[0]!.r;
      const { id } = await insertNotice(tx, {
        warehouseId: session.warehouseId,
        code,
        kind: 'purchase',
        supplierId: head.supplierId ?? null,
        expectedDate: head.expectedDate,
        createdBy: session.userId,
        lines: group.rows.map(({ r }) => ({ skuId: r.skuId, expectedQty: r.expectedQty })),
      });
      created.push({ id, code, lines: group.rows.length });
    }
    return { imported: created.length, notices: created };
  });
}

function groupFaults(
  byCode: Map<string, { first: number; rows: { row: number; r: InboundImportRow }[] }>,
): FieldError[] {
  const faults: FieldError[] = [];
  for (const group of byCode.values()) {
    const head = group.rows[0]!;
    for (const { row, r } of group.rows.slice(1)) {
      if (r.supplierId !== head.r.supplierId)
        faults.push({
          path: `rows.${row}.supplier_id`,
          message: `notice ${r.code} names supplier ${head.r.supplierId ?? '(none)'} on row ${head.row}`,
        });
      if (r.expectedDate !== head.r.expectedDate)
        faults.push({
          path: `rows.${row}.expected_date`,
          message: `notice ${r.code} is expected on ${head.r.expectedDate} on row ${head.row}`,
        });
    }
  }
  return faults;
}

async function knownFaults(tx: Tx, warehouseId: string, rows: readonly InboundImportRow[]) {
  const list = (values: (string | undefined)[]) =>
    JSON.stringify([...new Set(values.filter((v) => v !== undefined))]);
  const [known] = await queryRows<{ skus: string[]; suppliers: string[]; codes: string[] }>(
    tx,
    sql`
    select
      coalesce((select json_agg(id) from skus
                where id in (select jsonb_array_elements_text(${list(rows.map((r) => r.skuId))}::jsonb))), '[]') as skus,
      coalesce((select json_agg(id) from suppliers
                where id in (select jsonb_array_elements_text(${list(rows.map((r) => r.supplierId))}::jsonb))), '[]') as suppliers,
      coalesce((select json_agg(code) from inbound_notices where warehouse_id = ${warehouseId}
                and code in (select jsonb_array_elements_text(${list(rows.map((r) => r.code))}::jsonb))), '[]') as codes`,
  );
  const skus = new Set(known?.skus);
  const suppliers = new Set(known?.suppliers);
  const codes = new Set(known?.codes);
  const faults: FieldError[] = [];
  rows.forEach((r, i) => {
    const at = (column: string, message: string) =>
      faults.push({ path: `rows.${i + 1}.${column}`, message });
    if (codes.has(r.code)) at('notice', `notice ${r.code} exists already in ${warehouseId}`);
    if (!skus.has(r.skuId)) at('sku_id', `no SKU ${r.skuId}`);
    if (r.supplierId && !suppliers.has(r.supplierId))
      at('supplier_id', `no supplier ${r.supplierId}`);
  });
  return faults;
}
