import type { BinCapacity, BinInput, FieldError } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { badRequest } from '../http/api-error';

/** A bin's capacities to write: `capacities` left out keeps the bin's list. */
export interface BinRoomInput {
  binId: string;
  capacities?: readonly BinCapacity[] | undefined;
}

/** A bin input's columns (volume only when given: left out, it is kept) and its capacities. */
export function splitRoom(input: BinInput) {
  const { capacities, volumeCm3, ...rest } = input;
  const fields = volumeCm3 === undefined ? rest : { ...rest, volumeCm3 };
  return { fields, room: capacities === undefined ? {} : { capacities } };
}

/**
 * Replaces the capacities of the bins that were given some, in the caller's transaction. A SKU
 * that does not exist is a 400 naming the field (`pathOf` words it; nothing is written).
 */
export async function writeRoom(
  tx: Tx,
  warehouseId: string,
  rooms: readonly BinRoomInput[],
  pathOf: (index: number) => string = () => 'capacities',
): Promise<void> {
  const given = rooms.flatMap((r, index) => (r.capacities ? [{ ...r, index }] : []));
  if (given.length === 0) return;
  const skuIds = [...new Set(given.flatMap((r) => r.capacities!.map((c) => c.skuId)))];
  const known = new Set(
    (
      await queryRows<{ id: string }>(
        tx,
        sql`select id from skus where id = any(array(select jsonb_array_elements_text(${JSON.stringify(skuIds)}::jsonb)))`,
      )
    ).map((s) => s.id),
  );
  const faults: FieldError[] = given.flatMap((r) =>
    r
      .capacities!.filter((c) => !known.has(c.skuId))
      .map((c) => ({
        path: pathOf(r.index),
        message: `no SKU ${c.skuId}`,
      })),
  );
  if (faults.length > 0)
    throw badRequest(`Nothing was stored: ${faults.map((f) => f.message).join('; ')}`, faults);
  const binIds = JSON.stringify(given.map((r) => r.binId));
  await tx.execute(sql`
    delete from bin_capacities
    where warehouse_id = ${warehouseId}
      and bin_id = any(array(select jsonb_array_elements_text(${binIds}::jsonb)))`);
  const rows = given.flatMap((r) =>
    r.capacities!.map((c) => ({ b: r.binId, s: c.skuId, q: c.maxQty })),
  );
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into bin_capacities (bin_id, sku_id, warehouse_id, max_qty)
    select b, s, ${warehouseId}, q from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(b text, s text, q int)
    on conflict (bin_id, sku_id) do update set max_qty = excluded.max_qty`);
}

/** The capacities of a warehouse's bins (or of one bin), by bin id, SKUs in order. */
export async function capacitiesOf(
  db: Tx,
  warehouseId: string,
  binId?: string,
): Promise<Map<string, BinCapacity[]>> {
  const rows = await queryRows<BinCapacity & { binId: string }>(
    db,
    sql`select bin_id as "binId", sku_id as "skuId", max_qty as "maxQty" from bin_capacities
        where warehouse_id = ${warehouseId} ${binId ? sql`and bin_id = ${binId}` : sql``}
        order by bin_id, sku_id`,
  );
  const byBin = new Map<string, BinCapacity[]>();
  for (const { binId: id, ...capacity } of rows) {
    const list = byBin.get(id) ?? [];
    list.push(capacity);
    byBin.set(id, list);
  }
  return byBin;
}
