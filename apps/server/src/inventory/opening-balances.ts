import { type FieldError, type OpeningBalanceRow, openingBalanceRowSchema } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { badRequest } from '../http/api-error';
import { officeDate } from '../spreadsheets/office-date';
import type { Table } from '../spreadsheets/table';
import { moveStock } from './stock-ledger';

/** The import's answer: one line per data row (1 = the first row under the header). */
export interface OpeningBalanceReport {
  imported: number;
  rows: { row: number; binCode: string; skuId: string; lot: string | null; qty: number }[];
}

/** A row field → the column the user sees in the file, to name a fault where they can find it. */
const COLUMN_OF: Record<string, string> = { binCode: 'bin_code', skuId: 'sku_id' };
const faultPath = (row: number, field: string) => `rows.${row}.${COLUMN_OF[field] ?? field}`;

const blank = (cell: string | undefined) => (cell === undefined || cell === '' ? undefined : cell);

/**
 * Loads go-live stock from a spreadsheet (CSV in any encoding the shared reader takes, or .xlsx;
 * columns `bin_code, sku_id, lot, expiry, qty`, optional
 * `status`), all or nothing: every row is checked (the bin is the caller's warehouse's, the SKU
 * exists, a lot-tracked SKU names its lot and expiry, the bin does not hold that SKU yet, no row
 * twice) and any fault refuses the whole file with a 400 naming each row and field; else every
 * row becomes an `opening` ledger row and its stock, in one transaction.
 */
export async function importOpeningBalances(
  db: Db,
  session: Session,
  table: Table,
  now: Date,
): Promise<OpeningBalanceReport> {
  const cells: Partial<Record<string, string>>[] = table.rows;
  if (cells.length === 0)
    throw badRequest('The file has no rows under its header', [
      { path: '(file)', message: 'no data rows under the header' },
    ]);
  const faults: FieldError[] = [];
  const rows: (OpeningBalanceRow & { row: number })[] = [];
  cells.forEach((cell, i) => {
    const parsed = openingBalanceRowSchema.safeParse({
      binCode: cell.bin_code,
      skuId: cell.sku_id,
      lot: blank(cell.lot),
      expiry: officeDate(blank(cell.expiry), 'day'),
      qty: cell.qty,
      status: blank(cell.status),
    });
    if (parsed.success) rows.push({ ...parsed.data, row: i + 1 });
    else
      for (const issue of parsed.error.issues)
        faults.push({ path: faultPath(i + 1, issue.path.join('.')), message: issue.message });
  });
  return db.transaction(async (tx) => {
    const known = await lookUp(tx, session.warehouseId, rows);
    faults.push(...rowFaults(rows, known));
    if (faults.length > 0) {
      const summary = faults
        .slice(0, 3)
        .map((f) => `${f.path}: ${f.message}`)
        .join('; ');
      throw badRequest(`Nothing was imported. ${summary}`, faults);
    }
    await moveStock(
      tx,
      rows.map((r) => ({
        warehouseId: session.warehouseId,
        binId: known.bins.get(r.binCode) ?? '',
        skuId: r.skuId,
        lot: r.lot ?? null,
        expiry: r.expiry ?? null,
        status: r.status,
        delta: r.qty,
        reason: 'opening' as const,
        userId: session.userId,
      })),
      now,
    );
    return {
      imported: rows.length,
      rows: rows.map((r) => ({
        row: r.row,
        binCode: r.binCode,
        skuId: r.skuId,
        lot: r.lot ?? null,
        qty: r.qty,
      })),
    };
  });
}

async function lookUp(tx: Tx, warehouseId: string, rows: readonly OpeningBalanceRow[]) {
  const codes = JSON.stringify([...new Set(rows.map((r) => r.binCode))]);
  const skuIds = JSON.stringify([...new Set(rows.map((r) => r.skuId))]);
  const bins = await queryRows<{ id: string; code: string }>(
    tx,
    sql`select id, code from bins where warehouse_id = ${warehouseId}
        and code in (select jsonb_array_elements_text(${codes}::jsonb))`,
  );
  const skus = await queryRows<{ id: string; lotTracked: boolean }>(
    tx,
    sql`select id, lot_tracked as "lotTracked" from skus
        where id in (select jsonb_array_elements_text(${skuIds}::jsonb))`,
  );
  // Locked: a second import at once waits, then sees this one's stock.
  const held = await queryRows<{ code: string; skuId: string }>(
    tx,
    sql`select b.code, s.sku_id as "skuId" from stock s join bins b on b.id = s.bin_id
        where s.warehouse_id = ${warehouseId} and s.qty <> 0
          and b.code in (select jsonb_array_elements_text(${codes}::jsonb))
          and s.sku_id in (select jsonb_array_elements_text(${skuIds}::jsonb))
        for update of s`,
  );
  return {
    bins: new Map(bins.map((b) => [b.code, b.id])),
    skus: new Map(skus.map((s) => [s.id, s])),
    held: new Set(held.map((h) => `${h.code}\u0000${h.skuId}`)),
  };
}

function rowFaults(
  rows: readonly (OpeningBalanceRow & { row: number })[],
  known: Awaited<ReturnType<typeof lookUp>>,
): FieldError[] {
  const faults: FieldError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const at = (field: string, message: string) =>
      faults.push({ path: faultPath(r.row, field), message });
    const sku = known.skus.get(r.skuId);
    if (!known.bins.has(r.binCode)) at('binCode', `no bin ${r.binCode} in this warehouse`);
    if (!sku) at('skuId', `no SKU ${r.skuId}`);
    if (sku?.lotTracked && !r.lot) at('lot', `${r.skuId} is lot-tracked: give the lot`);
    if (sku?.lotTracked && !r.expiry) at('expiry', `${r.skuId} is lot-tracked: give the expiry`);
    if (known.held.has(`${r.binCode}\u0000${r.skuId}`))
      at('binCode', `${r.binCode} already holds ${r.skuId}: correct it with an adjustment`);
    const key = `${r.binCode}\u0000${r.skuId}\u0000${r.lot ?? ''}\u0000${r.status}`;
    const first = seen.get(key);
    if (first !== undefined) at('lot', `the same bin, SKU and lot as row ${first}`);
    else seen.set(key, r.row);
  }
  return faults;
}
