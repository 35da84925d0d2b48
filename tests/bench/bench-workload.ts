import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/database';

/**
 * A big wave for the benchmarks, straight into the database: `lines` pick lines of `qty` far
 * above what the bench picks (so every pick applies, none over-picks), assigned to `userId`.
 * Line `g` belongs to lane `g % lanes`, and each lane has SKUs (hence bins) of its own, as
 * pickers in different aisles do: concurrent pushes do not queue on the same bin rows.
 * `skuOffset` shifts the SKUs (mod 300), for many pickers spread over the warehouse.
 */
export async function seedBenchWave(
  db: Db,
  waveId: string,
  userId: string,
  lines: number,
  lanes: number,
  skuOffset = 0,
  qty = 1_000_000,
) {
  const skusPerLane = Math.floor(300 / lanes);
  await db.execute(sql`
    insert into waves (id, warehouse_id, code, status, assigned_user_id, assignment_version)
    values (${waveId}, 'GZ', 'Z99-99', 'open', ${userId}, 1)`);
  await db.execute(sql`
    insert into orders (id, warehouse_id, channel, channel_order_id, status, consignee_name, province, city)
    values (${`SO-${waveId}`}, 'GZ', 'b2b-portal', ${waveId}, 'waved', 'Bench', '广东省', '广州市')`);
  await db.execute(sql`
    with g as (
      select g, 'SKU-' || lpad((((g % ${lanes}) * ${skusPerLane} + (g / ${lanes}) % ${skusPerLane} + ${skuOffset}) % 300 + 1)::text, 5, '0') as sku_id
      from generate_series(1, ${lines}) g
    ), ol as (
      insert into order_lines (id, order_id, sku_id, qty)
      select ${`OL-${waveId}-`} || g, ${`SO-${waveId}`}, sku_id, ${qty} from g
      returning id
    )
    insert into pick_lines (id, wave_id, warehouse_id, order_id, order_line_id, sku_id, bin_id, qty, status)
    select ${`PL-${waveId}-`} || g.g, ${waveId}, 'GZ', ${`SO-${waveId}`}, ${`OL-${waveId}-`} || g.g, g.sku_id, st.bin_id, ${qty}, 'open'
    from g cross join lateral (
      select bin_id from stock where warehouse_id = 'GZ' and sku_id = g.sku_id order by bin_id limit 1
    ) st`);
}

export const lineIdOf = (waveId: string, g: number) => `PL-${waveId}-${g}`;
