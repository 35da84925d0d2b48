import { randomUUID } from 'node:crypto';
import type { FieldError, InboundKind } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { badRequest, conflict } from '../http/api-error';
import { movePoolInbound } from './pool-inbound';

export interface NoticeToInsert {
  id?: string;
  warehouseId: string;
  code: string;
  kind: InboundKind;
  supplierId: string | null;
  orderId?: string | null;
  expectedDate: string;
  needsReview?: boolean;
  createdBy: string | null;
  lines: readonly { skuId: string; expectedQty: number }[];
}

/**
 * Stores a notice and its lines (each line knows whether its SKU is lot-tracked and whether it
 * goes to QC: the SKU's flag or the supplier's), and adds what it expects to the pool's inbound.
 * A SKU or supplier that does not exist is a 400 naming the field (`fieldOf` words the path);
 * a notice number the warehouse has already is 409 naming `code`.
 */
export async function insertNotice(
  tx: Tx,
  notice: NoticeToInsert,
  fieldOf: (lineIndex: number) => string = (i) => `lines.${i}.skuId`,
): Promise<{ id: string; lineIds: string[] }> {
  const id = notice.id ?? randomUUID();
  const skuIds = JSON.stringify([...new Set(notice.lines.map((l) => l.skuId))]);
  const skus = await queryRows<{ id: string; lotTracked: boolean; qcRequired: boolean }>(
    tx,
    sql`select id, lot_tracked as "lotTracked", qc_required as "qcRequired" from skus
        where id in (select jsonb_array_elements_text(${skuIds}::jsonb))`,
  );
  const [supplier] = notice.supplierId
    ? await queryRows<{ qcRequired: boolean }>(
        tx,
        sql`select qc_required as "qcRequired" from suppliers where id = ${notice.supplierId}`,
      )
    : [];
  const faults: FieldError[] = [];
  if (notice.supplierId && !supplier)
    faults.push({ path: 'supplierId', message: `no supplier ${notice.supplierId}` });
  const known = new Map(skus.map((s) => [s.id, s]));
  notice.lines.forEach((l, i) => {
    if (!known.has(l.skuId)) faults.push({ path: fieldOf(i), message: `no SKU ${l.skuId}` });
  });
  if (faults.length > 0)
    throw badRequest(`Nothing was stored: ${faults.map((f) => f.message).join('; ')}`, faults);
  const [stored] = await queryRows<{ id: string }>(
    tx,
    sql`
    insert into inbound_notices (id, warehouse_id, code, kind, supplier_id, order_id, expected_date,
                                 needs_review, created_by)
    values (${id}::uuid, ${notice.warehouseId}, ${notice.code}, ${notice.kind}, ${notice.supplierId},
            ${notice.orderId ?? null}, ${notice.expectedDate}::date, ${notice.needsReview ?? false},
            ${notice.createdBy})
    on conflict (warehouse_id, code) do nothing
    returning id`,
  );
  if (!stored)
    throw conflict(`Warehouse ${notice.warehouseId} has a notice ${notice.code} already`, [
      { path: 'code', message: `${notice.code} exists already` },
    ]);
  const lines = notice.lines.map((l, i) => {
    const sku = known.get(l.skuId)!;
    return {
      id: randomUUID(),
      no: i + 1,
      s: l.skuId,
      q: l.expectedQty,
      lot: sku.lotTracked,
      qc: sku.qcRequired || (supplier?.qcRequired ?? false),
    };
  });
  await queryRows(
    tx,
    sql`
    insert into inbound_lines (id, notice_id, warehouse_id, line_no, sku_id, expected_qty,
                               lot_tracked, qc_required)
    select id::uuid, ${id}::uuid, ${notice.warehouseId}, no, s, q, lot, qc
    from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
      as r(id text, no int, s text, q int, lot boolean, qc boolean)`,
  );
  await movePoolInbound(
    tx,
    notice.lines.map((l) => ({
      warehouseId: notice.warehouseId,
      skuId: l.skuId,
      delta: l.expectedQty,
    })),
  );
  return { id, lineIds: lines.map((l) => l.id) };
}
