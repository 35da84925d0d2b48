import { type BinRoomFacts, choosePutAwayBin } from '@wms/domain';
import { type SQL, sql } from 'drizzle-orm';
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
 * Where `qty` units of a SKU should be put away (`choosePutAwayBin`, decision 021): the SKU's pick
 * face (the first bin in path order with a capacity set for it, else holding it available) when
 * it has room, else the first reserve bin with room in path order, the face's zone first; else
 * the emptiest active bin, in path order among equals, docks left out. Null when the warehouse
 * has none.
 */
export async function suggestedBin(
  tx: Tx,
  warehouseId: string,
  skuId: string,
  qty: number,
): Promise<string | null> {
  const [sku] = await queryRows<{ unitCm3: number | null }>(
    tx,
    sql`select (length_mm::float8 * width_mm * height_mm / 1000) as "unitCm3" from skus where id = ${skuId}`,
  );
  const faces = await binFacts(
    tx,
    warehouseId,
    skuId,
    sql`(exists (select 1 from bin_capacities c where c.bin_id = b.id and c.sku_id = ${skuId})
         or exists (select 1 from stock s where s.bin_id = b.id and s.sku_id = ${skuId}
                    and s.status = 'available' and s.qty > 0))`,
    sql`b.path_seq, b.code`,
    1,
  );
  const face = faces[0] ?? null;
  const reserves = await binFacts(
    tx,
    warehouseId,
    skuId,
    sql`true`,
    face ? sql`(b.zone = ${face.zone}) desc, b.path_seq, b.code` : sql`b.path_seq, b.code`,
    RESERVE_CANDIDATES,
  );
  const choice = choosePutAwayBin({ face, reserves, unitCm3: sku?.unitCm3 ?? null, qty });
  return choice?.binId ?? (await emptiestBin(tx, warehouseId));
}

/** How many reserve bins, in path order, a suggestion weighs before it falls back on the emptiest. */
const RESERVE_CANDIDATES = 500;

async function binFacts(
  tx: Tx,
  warehouseId: string,
  skuId: string,
  where: SQL,
  orderBy: SQL,
  limit: number,
) {
  // The bins are chosen (and cut to `limit`) before their stock is summed: a warehouse of 50,000
  // bins sums a few hundred.
  return queryRows<BinRoomFacts & { zone: string }>(
    tx,
    sql`
    select b.id as "binId", b.zone, b.volume_cm3 as "volumeCm3",
           (select c.max_qty from bin_capacities c where c.bin_id = b.id and c.sku_id = ${skuId}) as "maxQty",
           exists (select 1 from bin_capacities c where c.bin_id = b.id and c.sku_id <> ${skuId}) as "keptForOthers",
           coalesce(u.sku_units, 0)::int as "skuUnits", coalesce(u.all_units, 0)::int as "allUnits",
           coalesce(u.used_cm3, 0)::float8 as "usedCm3"
    from (select b.id, b.zone, b.volume_cm3, row_number() over (order by ${orderBy}) as rank
          from bins b
          where b.warehouse_id = ${warehouseId} and b.active and b.zone <> ${RECEIVING_ZONE} and ${where}
          order by ${orderBy} limit ${limit}) b
    left join lateral (
      select sum(s.qty) filter (where s.sku_id = ${skuId}) as sku_units, sum(s.qty) as all_units,
             sum(s.qty * coalesce(k.length_mm::float8 * k.width_mm * k.height_mm / 1000, 0)) as used_cm3
      from stock s join skus k on k.id = s.sku_id
      where s.bin_id = b.id and s.qty > 0) u on true
    order by b.rank`,
  );
}

/** The emptiest active bin, in path order among equals (no bin has room data: as before capacities). */
async function emptiestBin(tx: Tx, warehouseId: string): Promise<string | null> {
  const [bin] = await queryRows<{ id: string }>(
    tx,
    sql`
    select b.id from bins b
    left join (select bin_id, sum(qty) as units from stock
               where warehouse_id = ${warehouseId} group by bin_id) s on s.bin_id = b.id
    where b.warehouse_id = ${warehouseId} and b.active and b.zone <> ${RECEIVING_ZONE}
    order by coalesce(s.units, 0), b.path_seq, b.code limit 1`,
  );
  return bin?.id ?? null;
}
