import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';

/** The zone of receiving docks: received units wait there for QC and put-away. */
export const RECEIVING_ZONE = 'RV';

/**
 * The warehouse's receiving dock (the first active bin of zone RV in path order). A warehouse
 * without one gets `RV-00-01` on its first receipt: units that arrived are never refused for
 * want of master data (sync rule 4).
 */
export async function receivingBin(tx: Tx, warehouseId: string): Promise<string> {
  const [dock] = await queryRows<{ id: string }>(
    tx,
    sql`select id from bins where warehouse_id = ${warehouseId} and zone = ${RECEIVING_ZONE} and active
        order by path_seq, code limit 1`,
  );
  if (dock) return dock.id;
  const id = `${warehouseId}:RV-00-01`;
  await tx.execute(sql`
    insert into bins (id, warehouse_id, zone, code, check_digits, path_seq)
    values (${id}, ${warehouseId}, ${RECEIVING_ZONE}, 'RV-00-01', '00', 0)
    on conflict do nothing`);
  return id;
}

/**
 * Where put-away should go: the SKU's pick face (the first bin in path order that holds it
 * available), else the emptiest active bin, in path order among equals, docks left out (bins have
 * no capacity yet: the emptiest is the reserve with most room). Null when the warehouse has none.
 */
export async function suggestedBin(
  tx: Tx,
  warehouseId: string,
  skuId: string,
): Promise<string | null> {
  const [bin] = await queryRows<{ id: string }>(
    tx,
    sql`
    (select b.id from bins b join stock s on s.bin_id = b.id
     where b.warehouse_id = ${warehouseId} and b.active and b.zone <> ${RECEIVING_ZONE}
       and s.sku_id = ${skuId} and s.status = 'available' and s.qty > 0
     order by b.path_seq, b.code limit 1)
    union all
    (select b.id from bins b
     left join (select bin_id, sum(qty) as units from stock
                where warehouse_id = ${warehouseId} group by bin_id) s on s.bin_id = b.id
     where b.warehouse_id = ${warehouseId} and b.active and b.zone <> ${RECEIVING_ZONE}
     order by coalesce(s.units, 0), b.path_seq, b.code limit 1)
    limit 1`,
  );
  return bin?.id ?? null;
}
